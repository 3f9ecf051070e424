package org.rlhf4j.control.ppo;

import org.rlhf4j.core.rl.Schedule;

/** Configurations the PPO tests share. */
final class ZooSettings {
    private ZooSettings() {}

    /** rl-baselines3-zoo's Pendulum-v1 PPO settings without gSDE (4 envs, n_steps 1024, gamma 0.9, lr 1e-3). */
    static PpoConfig pendulum() {
        return PpoConfig.defaults().withNEnvs(4).withNSteps(1024).withGaeLambda(0.95).withGamma(0.9).withNEpochs(10).withEntCoef(0.0)
                .withLearningRate(Schedule.constant(1e-3)).withClipRange(Schedule.constant(0.2));
    }
}
