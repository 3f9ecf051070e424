package org.rlhf4j.align.ppo;

/** Receives a managed PPO run's progress: after every step and every evaluation. */
public interface PpoListener {
    default void onStep(PpoStats stats) {}

    default void onEvaluation(PpoEvaluation.Result result) {}
}
