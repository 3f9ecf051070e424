package org.rlhf4j.align.online;

import java.util.Map;

/** What one step of an online trainer measured. */
public interface OnlineStats {
    /** The step's number, 1-based. */
    int step();

    /** The step's metrics under the method's names (TRL's where they exist). */
    Map<String, Number> metrics();

    /** A few figures for the progress bar. */
    String progress();
}
