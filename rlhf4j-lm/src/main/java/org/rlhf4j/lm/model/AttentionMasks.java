package org.rlhf4j.lm.model;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Positions and attention masks for padded batches, from a (B, T) padding mask with 1 for real
 * tokens and 0 for padding (Hugging Face's {@code attention_mask}). Padding may be on the left
 * (prompts for generation) or the right (finished sequences).
 */
public final class AttentionMasks {
    private AttentionMasks() {}

    /** Rotary positions (B, T): the number of real tokens before each one (0 on leading padding). */
    public static Tensor positions(Tensor paddingMask) {
        return paddingMask.to(torch.ScalarType.Long).cumsum(1).sub(new Scalar(1)).clamp_min(new Scalar(0));
    }

    /**
     * Boolean (B, 1, T, T): query i may attend to key j when j <= i and j is a real token. Each
     * position may also attend to itself, so padding rows are never fully masked (a fully masked
     * row yields NaN, which would reach real rows through 0 * NaN in the value product).
     */
    public static Tensor causal(Tensor paddingMask) {
        long t = paddingMask.size(1);
        TensorOptions bool = new TensorOptions(torch.ScalarType.Bool).device(new org.bytedeco.pytorch.DeviceOptional(paddingMask.device()));
        Tensor lower = torch.ones(new long[] {t, t}, bool).tril();                       // (T, T)
        Tensor keys = paddingMask.to(torch.ScalarType.Bool).unsqueeze(1).unsqueeze(1);    // (B, 1, 1, T)
        Tensor self = torch.eye(t, bool);                                                 // (T, T)
        return lower.logical_and(keys).logical_or(self);                                  // (B, 1, T, T)
    }

    /** Boolean (B, 1, 1, Tk) for one decoding step: the real tokens among all cached keys. */
    public static Tensor decodeStep(Tensor keyMask) {
        return keyMask.to(torch.ScalarType.Bool).unsqueeze(1).unsqueeze(1);
    }

    /**
     * Boolean (B, 1, T, T) for packed rows, from segment ids (B, T), 0 = padding (see
     * {@code LmBatch}): query i may attend to key j when j <= i and both lie in the same
     * segment; every position may attend to itself, so no row is fully masked.
     */
    public static Tensor segmented(Tensor segments) {
        long t = segments.size(1);
        TensorOptions bool = new TensorOptions(torch.ScalarType.Bool).device(new org.bytedeco.pytorch.DeviceOptional(segments.device()));
        Tensor lower = torch.ones(new long[] {t, t}, bool).tril();                       // (T, T)
        Tensor same = segments.unsqueeze(2).eq(segments.unsqueeze(1)).unsqueeze(1);      // (B, 1, T, T)
        Tensor realKey = segments.ne(new Scalar(0)).unsqueeze(1).unsqueeze(1);           // (B, 1, 1, T)
        return lower.logical_and(same).logical_and(realKey).logical_or(torch.eye(t, bool));
    }
}
