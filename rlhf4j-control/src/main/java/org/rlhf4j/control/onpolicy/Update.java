package org.rlhf4j.control.onpolicy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One iteration's report: rollout statistics and the update's own metrics. Unlike SB3, which
 * dumps its log before {@code train()} (so the train values it prints are one iteration old),
 * an update is reported after its training phase, with that phase's numbers.
 */
public record Update<M extends TrainMetrics>(RolloutMetrics rollout, M train) {
    /** Everything under SB3's names: rollout and time first, then train. */
    public Map<String, Number> toMap() {
        Map<String, Number> map = new LinkedHashMap<>(rollout.toMap());
        map.putAll(train.toMap());
        return map;
    }
}
