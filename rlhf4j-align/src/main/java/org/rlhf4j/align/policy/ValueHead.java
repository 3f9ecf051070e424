package org.rlhf4j.align.policy;

import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.tensor.ComputeDevice;

/**
 * A scalar value per token on the policy's final hidden states, TRL's {@code ValueHead}
 * ({@code v_head.summary}, a linear layer with bias; no dropout here, so the rollout's values and
 * the training pass's agree). Saved in the policy's {@code model.safetensors} under TRL's names.
 */
public final class ValueHead implements AutoCloseable {
    public static final String WEIGHT = "v_head.summary.weight";
    public static final String BIAS = "v_head.summary.bias";

    private final ParameterSet parameters;

    private ValueHead(ParameterSet parameters) {
        this.parameters = parameters;
    }

    /**
     * A new head predicting 0 everywhere: weight and bias start at 0. With whitened or normalised
     * scores 0 is the returns' mean, so the first advantages are the returns themselves rather
     * than the noise of a random head (a random N(0, 0.02^2) head on the embedded model's RMS-normed
     * states starts with an explained variance near -1.5); the gradient still reaches every weight.
     */
    public static ValueHead initialise(int hiddenSize, ComputeDevice device, SplittableRandom rng) {
        ParameterSet p = new ParameterSet(device);
        p.normal(WEIGHT, rng, 0.0, 1, hiddenSize);
        p.constant(BIAS, 0f, 1);
        return new ValueHead(p);
    }

    /** From saved values (weight (1, D), bias (1)). */
    public static ValueHead of(float[] weight, float[] bias, ComputeDevice device) {
        ValueHead h = initialise(weight.length, device, new SplittableRandom(0));
        h.parameters.assign(WEIGHT, weight, new long[] {1, weight.length});
        h.parameters.assign(BIAS, bias, new long[] {1});
        return h;
    }

    public ParameterSet parameters() {
        return parameters;
    }

    /** hidden (..., D) -> values (...), fp32. */
    public Tensor values(Tensor hidden) {
        Tensor v = torch.linear(hidden.to(torch.ScalarType.Float), parameters.get(WEIGHT), new org.bytedeco.pytorch.TensorOptional(parameters.get(BIAS)));
        return v.squeeze(-1);
    }

    @Override
    public void close() {
        parameters.close();
    }
}
