package org.rlhf4j.lm.train;

/** Thrown when too many consecutive steps had a non-finite loss or gradient. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
