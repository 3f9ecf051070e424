package org.rlhf4j.core.rl;

/**
 * SB3's {@code LinearSchedule}: from {@code start} at progress remaining 1 to {@code end} once
 * {@code endFraction} of training has run, then {@code end}:
 * <pre>
 *   value(p) = start + (1 - p) * (end - start) / endFraction   while 1 - p <= endFraction
 *            = end                                             after
 * </pre>
 * With {@code endFraction} 1 (what {@link Schedule#linear} builds, SB3's usual learning-rate
 * decay) this is {@code end + p * (start - end)}; DQN's exploration uses e.g. 0.1.
 */
public record LinearSchedule(double start, double end, double endFraction) implements Schedule {
    public LinearSchedule {
        if (!Double.isFinite(start)) throw new IllegalArgumentException("start must be finite, got " + start);
        if (!Double.isFinite(end)) throw new IllegalArgumentException("end must be finite, got " + end);
        if (!(endFraction > 0 && endFraction <= 1)) {
            throw new IllegalArgumentException("endFraction must be in (0, 1], got " + endFraction);
        }
    }

    @Override
    public double valueAt(double progressRemaining) {
        checkProgress(progressRemaining);
        double elapsed = 1 - progressRemaining;
        if (elapsed > endFraction) return end;
        return start + elapsed * (end - start) / endFraction;
    }

    static void checkProgress(double progressRemaining) {
        if (Double.isNaN(progressRemaining) || progressRemaining > 1) {
            throw new IllegalArgumentException("progressRemaining must be at most 1 (1 at the start of training, 0 at the end), got "
                    + progressRemaining);
        }
    }
}
