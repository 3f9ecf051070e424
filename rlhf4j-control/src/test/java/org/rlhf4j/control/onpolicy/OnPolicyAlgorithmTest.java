package org.rlhf4j.control.onpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.env.VectorEnvironment;
import org.rlhf4j.control.feedback.RewardShaping;
import org.rlhf4j.control.policy.PolicyConfig;
import org.rlhf4j.core.rl.Schedule;

/** The shared rollout phase on a scripted task whose rewards, ends and returns are known. */
class OnPolicyAlgorithmTest {
    static final double GAMMA = 0.9;

    record Config(Schedule learningRate, int nSteps, double gamma, double gaeLambda, double entCoef, double vfCoef, double maxGradNorm,
                  boolean normalizeAdvantage, int nEnvs, long seed, PolicyConfig policy) implements OnPolicyConfig {}

    record Snapshot(float[] observations, float[] rewards, boolean[] episodeStarts, float[] returns, double progressRemaining)
            implements TrainMetrics {
        @Override
        public Map<String, Number> toMap() {
            return Map.of("test/progress_remaining", progressRemaining);
        }
    }

    /** Collects and keeps copies of each rollout; trains nothing. */
    static final class Recording extends OnPolicyAlgorithm<Snapshot> {
        Recording(VectorEnvironment environment) {
            super(new Config(Schedule.constant(1e-3), 4, GAMMA, 1.0, 0, 0.5, 0.5, false, 2, 7L, PolicyConfig.defaults()), environment, null);
        }

        @Override
        protected Snapshot update(double progressRemaining) {
            RolloutBuffer b = buffer();
            return new Snapshot(b.observations().clone(), b.rewards().clone(), b.episodeStarts().clone(), b.returns().clone(),
                    progressRemaining);
        }
    }

    /** Copy 0 is truncated by a 3-step time limit; copy 1 terminates after 2 steps. */
    private static VectorEnvironment scripted() {
        return new VectorEnvironment(List.of(new ScriptedEnvironment(0, 3), new ScriptedEnvironment(2, 0)));
    }

    @Test
    void bootstrapsTruncatedStepsFromTheirFinalObservationButNotTerminatedOnes() {
        Recording algorithm = new Recording(scripted());
        List<Update<? extends Snapshot>> updates = new ArrayList<>();
        algorithm.addListener(updates::add);
        algorithm.learn(8);
        assertThat(updates).hasSize(1);
        Snapshot s = updates.get(0).train();
        // (T, N) = (4, 2); copy 0 sees steps 0, 1, 2 then a new episode; copy 1 sees 0, 1, 0, 1
        assertThat(s.observations()).containsExactly(0, 1, 0, 1, 1, 1, 1, 1, 2, 1, 0, 1, 0, 1, 1, 1);
        assertThat(s.episodeStarts()).containsExactly(true, true, false, false, false, true, true, false);
        float[] terminalValue = new float[1];
        algorithm.policy().predictValues(new float[] {3, 1}, 0, 1, terminalValue, 0);
        float truncated = (float) (1 + GAMMA * terminalValue[0]);
        assertThat(s.rewards()).containsExactly(new float[] {1, 1, 1, 1, truncated, 1, 1, 1}, within(1e-6f));
        // copy 1, lambda 1: returns are the discounted rewards to each episode's end: 1.9, 1, 1.9, 1
        assertThat(new float[] {s.returns()[1], s.returns()[3], s.returns()[5], s.returns()[7]})
                .containsExactly(new float[] {1.9f, 1f, 1.9f, 1f}, within(1e-6f));
        // copy 0: the truncated step's return is its bootstrapped reward
        assertThat(s.returns()[4]).isCloseTo(truncated, within(1e-6f));
        assertThat(s.progressRemaining()).isEqualTo(0.0);
        RolloutMetrics rollout = updates.get(0).rollout();
        assertThat(rollout.totalTimesteps()).isEqualTo(8);
        assertThat(rollout.episodes()).isEqualTo(3);
        assertThat(rollout.episodeRewardMean()).isCloseTo((3 + 2 + 2) / 3.0, within(1e-12));
        assertThat(rollout.shapedEpisodeRewardMean()).isNaN();
        assertThat(updates.get(0).toMap()).containsKeys(MetricNames.ROLLOUT_EP_REW_MEAN, MetricNames.TIME_FPS,
                MetricNames.TIME_TOTAL_TIMESTEPS, "test/progress_remaining").doesNotContainKey(MetricNames.ROLLOUT_EP_SHAPED_REW_MEAN);
    }

    @Test
    void trainsOnTheShapedRewardAndReportsBothReturns() {
        Recording algorithm = new Recording(scripted());
        // feedback = steps so far in the state reached, replacing the environment's 1 per step
        algorithm.setRewardShaping(RewardShaping.replacing((observation, offset) -> observation[offset]));
        List<Update<? extends Snapshot>> updates = new ArrayList<>();
        algorithm.addListener(updates::add);
        algorithm.learn(8);
        Snapshot s = updates.get(0).train();
        assertThat(s.rewards()[1]).isEqualTo(1f);
        assertThat(s.rewards()[3]).as("copy 1's terminal step is shaped on its final observation").isEqualTo(2f);
        // episodes: copy 1 twice (1 + 2), copy 0 once (1 + 2 + 3); true returns 2, 2, 3
        assertThat(algorithm.shapedStatistics().totalEpisodes()).isEqualTo(3);
        RolloutMetrics rollout = updates.get(0).rollout();
        assertThat(rollout.shapedEpisodeRewardMean()).isCloseTo((3 + 3 + 6) / 3.0, within(1e-12));
        assertThat(rollout.episodeRewardMean()).isCloseTo(7 / 3.0, within(1e-12));
        assertThat(updates.get(0).toMap()).containsKey(MetricNames.ROLLOUT_EP_SHAPED_REW_MEAN);
    }

    @Test
    void aTrainingRewardSeesEachStepWithItsFinalObservationAndReplacesTheReward() {
        Recording algorithm = new Recording(scripted());
        List<float[]> observations = new ArrayList<>(), reached = new ArrayList<>();
        List<boolean[]> ends = new ArrayList<>();
        algorithm.setTrainingReward((step, rewards) -> {
            observations.add(step.observations().clone());
            reached.add(step.reached().clone());
            ends.add(new boolean[] {step.terminated(0), step.truncated(0), step.terminated(1), step.truncated(1)});
            java.util.Arrays.fill(rewards, 2.5f);
        });
        List<Update<? extends Snapshot>> updates = new ArrayList<>();
        algorithm.addListener(updates::add);
        algorithm.learn(8);
        assertThat(observations).hasSize(4);
        // step 1: copy 1 (observation (1, 1)) terminates in (2, 1); the auto-reset's (0, 1) is not what it reached
        assertThat(observations.get(1)).containsExactly(1, 1, 1, 1);
        assertThat(reached.get(1)).containsExactly(2, 1, 2, 1);
        assertThat(ends.get(1)).containsExactly(false, false, true, false);
        // step 2: copy 0 is truncated by its time limit in (3, 1)
        assertThat(reached.get(2)).containsExactly(3, 1, 1, 1);
        assertThat(ends.get(2)).containsExactly(false, true, false, false);
        float[] terminalValue = new float[1];
        algorithm.policy().predictValues(new float[] {3, 1}, 0, 1, terminalValue, 0);
        float truncated = (float) (2.5 + GAMMA * terminalValue[0]);
        assertThat(updates.get(0).train().rewards()).containsExactly(new float[] {2.5f, 2.5f, 2.5f, 2.5f, truncated, 2.5f, 2.5f, 2.5f}, within(1e-6f));
        // episodes: copy 1 twice (2.5 * 2), copy 0 once (2.5 * 3)
        assertThat(updates.get(0).rollout().shapedEpisodeRewardMean()).isCloseTo((5 + 5 + 7.5) / 3.0, within(1e-6));
        assertThat(updates.get(0).rollout().episodeRewardMean()).isCloseTo(7 / 3.0, within(1e-12));
        algorithm.setTrainingReward(null);
        algorithm.learn(8);
        assertThat(updates.get(1).train().rewards()[1]).as("null restores the environment's reward").isEqualTo(1f);
    }

    @Test
    void progressRemainingCountsDownAndASecondLearnContinues() {
        Recording algorithm = new Recording(scripted());
        List<Double> progress = new ArrayList<>();
        algorithm.addListener(update -> progress.add(update.train().progressRemaining()));
        algorithm.learn(32);
        assertThat(progress).containsExactly(0.75, 0.5, 0.25, 0.0);
        algorithm.learn(8);
        assertThat(algorithm.numTimesteps()).isEqualTo(40);
        assertThat(progress.get(4)).isEqualTo(0.0);
    }

    @Test
    void requestStopEndsLearnAfterTheCurrentUpdate() {
        Recording algorithm = new Recording(scripted());
        algorithm.addListener(update -> algorithm.requestStop());
        algorithm.learn(1000);
        assertThat(algorithm.numTimesteps()).isEqualTo(8);
    }

    @Test
    void refusesAnEnvironmentWithTheWrongNumberOfCopies() {
        assertThatThrownBy(() -> new Recording(VectorEnvironment.of(3, () -> new ScriptedEnvironment(0, 3))))
                .hasMessageContaining("nEnvs is 2").hasMessageContaining("3 copies");
    }
}
