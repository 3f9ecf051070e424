package org.rlhf4j.core.nn;

/**
 * The "no silent NaN" rule for a training loop: a step whose loss or gradient norm is not finite
 * is skipped and counted; after {@code maxInARow} such steps in a row the run stops with a message
 * that says why. One per trainer; call {@link #check} before each optimizer update.
 */
public final class NonFiniteGuard {
    private final int maxInARow;
    private int skippedTotal;
    private int skippedInARow;

    public NonFiniteGuard(int maxInARow) {
        if (maxInARow < 1) throw new IllegalArgumentException("maxInARow must be >= 1, got " + maxInARow);
        this.maxInARow = maxInARow;
    }

    /** Thrown when too many steps in a row were not finite. */
    public static final class DivergedException extends RuntimeException {
        public DivergedException(String message) {
            super(message);
        }
    }

    /**
     * True when the step may be applied; false when it must be skipped (and is counted).
     *
     * @throws DivergedException on the {@code maxInARow}-th non-finite step in a row
     */
    public boolean check(int step, double loss, double gradNorm) {
        if (Double.isFinite(loss) && Double.isFinite(gradNorm)) {
            skippedInARow = 0;
            return true;
        }
        skippedTotal++;
        if (++skippedInARow >= maxInARow) {
            throw new DivergedException("training stopped at step " + step + ": " + skippedInARow
                    + " steps in a row had a non-finite loss or gradient (last loss " + loss + ", gradient norm " + gradNorm
                    + "); lower the learning rate or check the data");
        }
        return false;
    }

    public int skippedTotal() {
        return skippedTotal;
    }

    public int skippedInARow() {
        return skippedInARow;
    }

    /** Restores counters saved with a checkpoint. */
    public void restore(int total, int inARow) {
        skippedTotal = total;
        skippedInARow = inARow;
    }
}
