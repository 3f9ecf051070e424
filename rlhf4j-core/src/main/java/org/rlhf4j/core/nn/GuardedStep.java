package org.rlhf4j.core.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * One optimizer update, the same for every trainer: in one native scope, run backward on the
 * loss of each micro-batch (divided by their number, so gradients average), clip the global
 * gradient norm, ask the {@link NonFiniteGuard} whether loss and norm are finite, step AdamW only
 * if they are, and clear the gradients either way. Pretraining, SFT, reward models and PPO differ
 * only in the loss they hand in.
 */
public final class GuardedStep {
    private final AdamW optimizer;
    private final NonFiniteGuard guard;
    private final double maxGradNorm;

    /** The loss of micro-batch {@code index}: a scalar tensor with a graph, built in the step's scope. */
    @FunctionalInterface
    public interface MicroBatchLoss {
        Tensor loss(int index);
    }

    /** What one update did: the mean loss over micro-batches, the norm before clipping, and whether it was skipped. */
    public record Outcome(double loss, double gradNorm, boolean skipped) {}

    /**
     * @param maxGradNorm clip the global norm to this (0 or less: no clipping, the norm is still measured)
     */
    public GuardedStep(AdamW optimizer, NonFiniteGuard guard, double maxGradNorm) {
        this.optimizer = optimizer;
        this.guard = guard;
        this.maxGradNorm = maxGradNorm > 0 ? maxGradNorm : Double.POSITIVE_INFINITY;   // measured, not clipped (DBL_MAX overflows the engine's float)
    }

    /**
     * Accumulates gradients over {@code microBatches} losses and applies one update.
     *
     * @param step the 1-based number of this update, for the guard's message
     * @throws NonFiniteGuard.DivergedException when too many updates in a row were not finite
     */
    public Outcome apply(int step, int microBatches, MicroBatchLoss losses) {
        if (microBatches < 1) throw new IllegalArgumentException("microBatches must be >= 1, got " + microBatches);
        try (Scope scope = Scope.open()) {
            double loss = 0;
            for (int i = 0; i < microBatches; i++) {
                Tensor l = losses.loss(i);
                (microBatches == 1 ? l : l.div(new Scalar(microBatches))).backward();
                loss += TensorData.scalar(l) / microBatches;
            }
            double norm = optimizer.clipGradNorm(maxGradNorm);
            boolean finite = guard.check(step, loss, norm);
            if (finite) optimizer.step();
            optimizer.zeroGrad();
            return new Outcome(loss, norm, !finite);
        }
    }

    public NonFiniteGuard guard() {
        return guard;
    }
}
