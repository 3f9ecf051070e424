package org.rlhf4j.core.rl;

/** The same value throughout, SB3's {@code ConstantSchedule}. */
public record ConstantSchedule(double value) implements Schedule {
    public ConstantSchedule {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("value must be finite, got " + value);
    }

    @Override
    public double valueAt(double progressRemaining) {
        LinearSchedule.checkProgress(progressRemaining);
        return value;
    }
}
