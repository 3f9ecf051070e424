package org.rlhf4j.control.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.onpolicy.Transitions;

class PreferenceRewardModelTest {
    private static final PreferenceConfig CONFIG = PreferenceConfig.defaults();

    @Test
    void lossIsTheCrossEntropyOfTheBradleyTerryProbabilityWorkedByHand() {
        // d = 1: softplus(-1) = ln(1 + e^-1) = 0.3132617, softplus(1) = 1.3132617
        assertThat(PreferenceRewardModel.loss(1, 0, 1)).isCloseTo(0.3132617, within(1e-7));
        assertThat(PreferenceRewardModel.loss(1, 0, 0)).isCloseTo(1.3132617, within(1e-7));
        assertThat(PreferenceRewardModel.loss(1, 0, 0.5)).isCloseTo(0.8132617, within(1e-7));
        // a tie at equal returns: ln 2
        assertThat(PreferenceRewardModel.loss(3, 3, 0.5)).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void encodesObservationOneHotActionAndTheAbsorbingFlag() {
        PreferenceRewardModel model = new PreferenceRewardModel(2, new Space.Discrete(3), CONFIG, new SplittableRandom(1));
        assertThat(model.inputSize()).isEqualTo(2 + 3 + 1);
        // two real steps, then the episode terminated: one absorbing step
        Segment s = new Segment(new float[] {0.5f, -1f, 2f, 3f}, new float[] {1, 2}, new float[] {1, 1, 0}, 2, 2, 1, 0, 0);
        float[] x = new float[3 * 6];
        model.encode(s, x, 0);
        assertThat(x).containsExactly(
                0.5f, -1f, 0, 1, 0, 0,
                2f, 3f, 0, 0, 1, 0,
                0, 0, 0, 0, 0, 1);
        PreferenceRewardModel box = new PreferenceRewardModel(3, Space.Box.symmetric(2f), CONFIG, new SplittableRandom(1));
        float[] row = new float[box.inputSize()];
        box.encode(new float[] {1, 2, 3}, 0, new float[] {-1.5f}, 0, row, 0);
        assertThat(row).containsExactly(1, 2, 3, -1.5f, 0);
    }

    @Test
    void learnsWhichClipsATeacherPrefersAndGeneralisesToNewOnes() {
        // true reward: -|x| for a 1-D observation x; the teacher prefers the clip with the higher true return
        SplittableRandom random = new SplittableRandom(7);
        PreferenceConfig config = CONFIG.withEnsembleSize(3);
        PreferenceRewardModel model = new PreferenceRewardModel(1, new Space.Discrete(2), config, new SplittableRandom(3));
        PreferenceDataset data = new PreferenceDataset(3, new SplittableRandom(4));
        for (int i = 0; i < 300; i++) data.add(labelled(random, i));
        PreferenceRewardModel.TrainingStats first = model.train(data, 1, new SplittableRandom(5));
        PreferenceRewardModel.TrainingStats later = model.train(data, 30, new SplittableRandom(6));
        assertThat(later.loss()).isLessThan(first.loss() * 0.5);
        assertThat(later.accuracy()).isGreaterThan(0.9);
        int right = 0;
        for (int i = 0; i < 200; i++) {
            Comparison c = labelled(random, i);
            if ((model.preference(c.a(), c.b()) > 0.5) == (c.preferenceForA() > 0.5)) right++;
        }
        assertThat(right / 200.0).as("accuracy on unseen pairs").isGreaterThan(0.9);
    }

    private static Comparison labelled(SplittableRandom random, int index) {
        Segment a = clip(random), b = clip(random);
        return new Comparison(a, b, a.trueReturn() > b.trueReturn() ? 1 : 0, index);
    }

    private static Segment clip(SplittableRandom random) {
        int length = 5;
        float[] obs = new float[length], actions = new float[length], rewards = new float[length];
        double centre = random.nextDouble(-2, 2);
        for (int t = 0; t < length; t++) {
            obs[t] = (float) (centre + random.nextDouble(-0.3, 0.3));
            actions[t] = random.nextInt(2);
            rewards[t] = -Math.abs(obs[t]);
        }
        return new Segment(obs, actions, rewards, length, 1, 1, 0, 0);
    }

    @Test
    void normalisationPutsTheAbsorbingStateAtZeroAndTypicalStepsAtOne() {
        PreferenceRewardModel model = new PreferenceRewardModel(2, new Space.Discrete(2), CONFIG, new SplittableRandom(11));
        SplittableRandom random = new SplittableRandom(12);
        int n = 64;
        float[] obs = new float[n * 2], actions = new float[n];
        for (int i = 0; i < n * 2; i++) obs[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < n; i++) actions[i] = random.nextInt(2);
        model.normalise(obs, actions, true);
        assertThat(model.offset()).isCloseTo(model.absorbingReward(), within(1e-9));
        float[] rewards = rewardsOf(model, obs, actions, n);
        double squares = 0;
        for (float r : rewards) squares += r * r;
        assertThat(Math.sqrt(squares / n)).isCloseTo(1.0, within(1e-4));

        model.normalise(obs, actions, false);
        rewards = rewardsOf(model, obs, actions, n);
        double mean = 0;
        for (float r : rewards) mean += r;
        assertThat(mean / n).as("without terminations: centred on the mean").isCloseTo(0.0, within(1e-4));
    }

    private static float[] rewardsOf(PreferenceRewardModel model, float[] obs, float[] actions, int n) {
        float[] out = new float[n];
        model.rewards(Transitions.of(n, obs, actions, new float[n], obs, new boolean[n], new boolean[n]), out);
        return out;
    }

    @Test
    void membersDisagreeBeforeTrainingAndASingleNetworkCannot() {
        SplittableRandom random = new SplittableRandom(21);
        PreferenceRewardModel model = new PreferenceRewardModel(1, new Space.Discrete(2), CONFIG, new SplittableRandom(22));
        Segment a = clip(random), b = clip(random);
        assertThat(model.disagreement(a, b)).isGreaterThan(0);
        PreferenceRewardModel single = new PreferenceRewardModel(1, new Space.Discrete(2), CONFIG.withQuerySelection(PreferenceConfig.QuerySelection.RANDOM)
                .withEnsembleSize(1), new SplittableRandom(22));
        assertThat(single.disagreement(a, b)).as("one member cannot disagree").isZero();
    }

    @Test
    void savesAndLoadsTheEnsembleWithItsNormalisation(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        PreferenceRewardModel model = new PreferenceRewardModel(2, new Space.Discrete(2), CONFIG.withHiddenSizes(8), new SplittableRandom(31));
        float[] obs = {0.1f, -0.2f, 0.3f, 0.4f}, actions = {0, 1};
        model.normalise(obs, actions, true);
        java.nio.file.Path file = model.save(dir.resolve("reward.safetensors"), java.util.Map.of("env", "CartPole-v1"));
        PreferenceRewardModel loaded = PreferenceRewardModel.load(file);
        assertThat(loaded.ensembleSize()).isEqualTo(3);
        assertThat(loaded.offset()).isEqualTo(model.offset());
        assertThat(loaded.scale()).isEqualTo(model.scale());
        assertThat(rewardsOf(loaded, obs, actions, 2)).containsExactly(rewardsOf(model, obs, actions, 2));
        java.nio.file.Path notAModel = new org.rlhf4j.core.io.SafetensorsWriter().putMetadata("format", "something-else")
                .write(dir.resolve("other.safetensors"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PreferenceRewardModel.load(notAModel))
                .isInstanceOf(org.rlhf4j.core.UserError.class).hasMessageContaining("not an rlhf4j preference reward model");
    }
}
