package org.rlhf4j.lm.train;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** Next-token cross-entropy, averaged over the positions whose target is not {@link LmBatch#IGNORE}. */
public final class LmLoss {
    private static final long MEAN = 1; // at::Reduction::Mean

    private LmLoss() {}

    /** logits (B, T, V) in any float dtype, targets (B, T) int64 -> scalar fp32 loss. */
    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        long v = logits.size(-1);
        return torch.cross_entropy_loss(logits.reshape(-1, v).to(torch.ScalarType.Float), targets.reshape(-1),
                new TensorOptional(), MEAN, LmBatch.IGNORE, 0.0);
    }
}
