package org.rlhf4j.align.policy;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Log-probabilities of chosen tokens and the entropy of the next-token distribution, from logits,
 * under the temperature the tokens were sampled at ({@code log_softmax(logits / temperature)}, as
 * TRL's PPO and the sampler compute them), so that a rollout's log-probs and the training pass's
 * agree. A pure function over tensors; results belong to the caller's scope.
 */
public final class TokenLogProbs {
    private TokenLogProbs() {}

    /** log p(target) (N), entropy (N) and, if asked for, the whole log-softmax (N, V). */
    public record Terms(Tensor logProbs, Tensor entropy, Tensor logSoftmax) {}

    /**
     * @param logits      (N, V) any float dtype (computed in fp32 here)
     * @param targets     (N) int64 token ids
     * @param temperature > 0
     */
    public static Terms of(Tensor logits, Tensor targets, double temperature, boolean keepLogSoftmax) {
        return of(logits, targets, temperature, keepLogSoftmax, true);
    }

    /** As above; without {@code withEntropy} the entropy (a pass over the whole (N, V) distribution) is skipped and null. */
    public static Terms of(Tensor logits, Tensor targets, double temperature, boolean keepLogSoftmax, boolean withEntropy) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        Tensor scaled = logits.to(torch.ScalarType.Float);
        if (temperature != 1.0) scaled = scaled.div(new org.bytedeco.pytorch.Scalar(temperature));
        Tensor logSoftmax = torch.log_softmax(scaled, -1);                                   // (N, V)
        Tensor chosen = torch.gather(logSoftmax, 1, targets.unsqueeze(1)).squeeze(1);     // (N)
        Tensor entropy = !withEntropy ? null : logSoftmax.exp().mul(logSoftmax).sum(new long[] {-1}, false, new ScalarTypeOptional()).neg();  // (N)
        return new Terms(chosen, entropy, keepLogSoftmax ? logSoftmax : null);
    }
}
