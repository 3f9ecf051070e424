package org.rlhf4j.control.dqn;

/**
 * Receives what happens while {@link DqnTrainer#learn} runs. Called on the training thread;
 * an exception thrown here stops training and propagates out of {@code learn}.
 */
public interface DqnListener {
    /** Every {@code logInterval} finished episodes, as stable-baselines3's {@code dump_logs}. */
    default void onLog(DqnMetrics metrics) {}

    /**
     * After each collect-then-train round (every {@code trainFreq} vector steps), with the online
     * network, e.g. to evaluate or checkpoint it. Do not train {@code qNetwork} here; evaluating
     * it (a forward pass) is fine.
     */
    default void onRoundEnd(long totalTimesteps, QNetwork qNetwork) {}
}
