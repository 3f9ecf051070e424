package org.rlhf4j.control.onpolicy;

import java.util.Map;

/** What an algorithm's update phase reports; each algorithm has its own record of named fields. */
public interface TrainMetrics {
    /** The values under their SB3 names ({@link MetricNames}), in a stable order; absent ones left out. */
    Map<String, Number> toMap();
}
