package org.rlhf4j.control.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rlhf4j.control.ppo.PpoConfig;
import org.rlhf4j.control.ppo.PpoTrainer;

/**
 * Preference-based PPO learns CartPole-v1 from a simulated teacher's comparisons alone, and
 * learns the opposite from a teacher with the opposite taste.
 *
 * <p>Over seeds 1-5, with budgets of 50, 100 and 500 labels, the deterministic evaluation first
 * reached 475 after 23-56, 46-56 and 229-380 labels (BENCHMARKS.md); the test allows 200.
 */
class PreferenceLearningTest {
    private static PreferenceLearning learning(long seed, int labels, PreferenceTeacher teacher) {
        PpoTrainer ppo = PpoTrainer.create(PpoConfig.zooCartPole().withSeed(seed), "CartPole-v1");
        return new PreferenceLearning(ppo, PreferenceConfig.defaults().withTotalComparisons(labels).withSeed(seed), teacher);
    }

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void ppoSolvesCartPoleFromAPerfectTeachersComparisons(long seed) {
        PreferenceLearning run = learning(seed, 200, SimulatedTeacher.perfect(new SplittableRandom(seed))).stopAtEvaluationReturn(475);
        PreferenceLearning.Result result = run.learn(150_000);
        PreferenceLearning.Round hit = result.firstAtOrAbove(475);
        assertThat(hit).as("an evaluation with mean true return >= 475").isNotNull();
        System.out.printf(Locale.ROOT, "preference PPO CartPole seed %d: eval %.1f after %d labels, %d steps%n", seed, hit.evalMeanReturn(),
                hit.labels(), hit.policySteps());
        assertThat(hit.labels()).isPositive().isLessThanOrEqualTo(200);
        assertThat(result.labelsAsked()).isLessThanOrEqualTo(200);
        assertThat(result.rounds().get(0).newLabels()).isEqualTo(50);
        assertThat(result.rounds().get(0).rewardAccuracy()).as("the ensemble fits the initial labels").isGreaterThan(0.8);
    }

    /** Prefers the clip with the lower true return: the pole should fall. */
    private static final class Contrarian implements PreferenceTeacher {
        @Override
        public OptionalDouble compare(Segment a, Segment b) {
            return OptionalDouble.of(Double.compare(b.trueReturn(), a.trueReturn()) * 0.5 + 0.5);
        }

        @Override
        public String describe() {
            return "contrarian";
        }
    }

    @Tag("slow")
    @Test
    void aTeacherWhoPrefersFallingGetsAPolicyThatFalls() {
        PreferenceLearning.Result result = learning(1, 50, new Contrarian()).learn(30_000);
        PreferenceLearning.Round last = result.last();
        assertThat(last.evalMeanReturn()).as("the learner never sees the true reward").isLessThan(15);
        assertThat(last.trainEpisodeReturn()).isLessThan(15);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        List<PreferenceLearning.Round> first = shortRun(), second = shortRun();
        assertThat(first).hasSameSizeAs(second).hasSize(4);
        for (int i = 0; i < first.size(); i++) {
            PreferenceLearning.Round a = first.get(i), b = second.get(i);
            assertThat(new double[] {a.labels(), a.newLabels(), a.policySteps(), a.evalMeanReturn(), a.rewardLoss(), a.offset(), a.scale()})
                    .containsExactly(b.labels(), b.newLabels(), b.policySteps(), b.evalMeanReturn(), b.rewardLoss(), b.offset(), b.scale());
        }
        assertThat(first.get(3).labels()).isEqualTo(30);
        assertThat(first.get(3).environmentSteps()).isEqualTo(first.get(3).policySteps() + 2_000);
    }

    @Test
    void continuousActionsWithoutTerminationsUseTheWholeBudgetWhenUpdatesAreSparserThanRounds() {
        // SB3's PPO defaults: one Pendulum copy, 2,048 steps per update, so 4 updates for 20 rounds
        PpoTrainer ppo = PpoTrainer.create(PpoConfig.defaults().withSeed(2), "Pendulum-v1");
        PreferenceConfig config = PreferenceConfig.defaults().withTotalComparisons(40).withEpochs(1).withSeed(2);
        PreferenceLearning run = new PreferenceLearning(ppo, config, SimulatedTeacher.perfect(new SplittableRandom(2)));
        PreferenceLearning.Result result = run.learn(8_192);
        assertThat(result.labelsAsked()).isEqualTo(40);
        assertThat(result.rounds()).hasSize(1 + 4 + 1);
        assertThat(run.data().hasTerminations()).as("Pendulum only truncates").isFalse();
        assertThat(result.last().offset()).as("centred on the mean, not on an absorbing state never seen").isNotEqualTo(run.rewardModel().absorbingReward());
    }

    @Test
    void aTeacherWhoAnswersNothingStopsTheRunBeforeAnyTraining() {
        PreferenceTeacher silent = new PreferenceTeacher() {
            @Override
            public OptionalDouble compare(Segment a, Segment b) {
                return OptionalDouble.empty();
            }

            @Override
            public String describe() {
                return "silent";
            }
        };
        PreferenceLearning run = learning(1, 8, silent);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run.learn(5_000)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered none of the 2 initial questions");
    }

    private static List<PreferenceLearning.Round> shortRun() {
        PpoTrainer ppo = PpoTrainer.create(PpoConfig.zooCartPole().withSeed(5), "CartPole-v1");
        PreferenceConfig config = PreferenceConfig.defaults().withTotalComparisons(30).withRounds(2).withEpochs(2).withSeed(5);
        return new PreferenceLearning(ppo, config, SimulatedTeacher.perfect(new SplittableRandom(5))).learn(3_000).rounds();
    }
}
