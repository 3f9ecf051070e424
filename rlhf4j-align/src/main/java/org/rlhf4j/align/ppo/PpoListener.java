package org.rlhf4j.align.ppo;

import org.rlhf4j.align.online.OnlineListener;
import org.rlhf4j.align.online.OnlineStats;

/** Receives a managed PPO run's progress: after every step (as {@link PpoStats}) and every evaluation. */
public interface PpoListener extends OnlineListener {
    default void onStep(PpoStats stats) {}

    @Override
    default void onStep(OnlineStats stats) {
        if (stats instanceof PpoStats p) onStep(p);
    }
}
