package org.rlhf4j.align.online;

/** Receives a managed online run's progress: after every step and every evaluation. */
public interface OnlineListener {
    default void onStep(OnlineStats stats) {}

    default void onEvaluation(OnlineEvaluation.Result result) {}
}
