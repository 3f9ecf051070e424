package org.rlhf4j.control.onpolicy;

/**
 * The derivatives of an algorithm's loss with respect to what
 * {@link org.rlhf4j.control.policy.ActorCriticPolicy#evaluateActions} returned, (batch) each; the
 * policy's {@code backward} carries them into the networks and {@code logStd}.
 */
public record LossGradients(float[] logProb, float[] entropy, float[] values) {
    public LossGradients {
        if (logProb.length != entropy.length || logProb.length != values.length) {
            throw new IllegalArgumentException("logProb, entropy and values gradients must have equal lengths, got " + logProb.length
                    + ", " + entropy.length + " and " + values.length);
        }
    }
}
