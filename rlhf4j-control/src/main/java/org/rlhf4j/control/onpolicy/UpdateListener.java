package org.rlhf4j.control.onpolicy;

/** Called after each update of an on-policy trainer (SB3: a callback's {@code on_rollout_end} plus the logger). */
@FunctionalInterface
public interface UpdateListener<M extends TrainMetrics> {
    void onUpdate(Update<? extends M> update);
}
