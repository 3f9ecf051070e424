package org.rlhf4j.align.policy;

/**
 * KL from the policy to a reference, estimated on the policy's own samples (Schulman 2020,
 * "Approximating KL Divergence"): per reply the sum over its tokens of k1 = log pi - log pi_ref
 * (unbiased for KL(pi || pi_ref) in nats per reply, may be negative on a single reply), and per
 * token k3 = (r - 1) - log r with r = pi_ref / pi (unbiased and never negative). A pure function.
 *
 * @param perReply   mean over replies of the summed k1, nats per reply
 * @param k3PerToken mean over all response tokens of k3, nats per token
 * @param replies    replies measured
 */
public record SampleKl(double perReply, double k3PerToken, int replies) {
    /** From per-token log-probs, (replies, tokens of each reply), of the policy and the reference on the same tokens. */
    public static SampleKl of(float[][] policy, float[][] reference) {
        if (policy.length != reference.length) throw new IllegalArgumentException("got " + policy.length + " policy rows but " + reference.length + " reference rows");
        double sumK1 = 0, sumK3 = 0;
        long tokens = 0;
        for (int i = 0; i < policy.length; i++) {
            if (policy[i].length != reference[i].length) throw new IllegalArgumentException("row " + i + ": " + policy[i].length + " policy tokens but " + reference[i].length + " reference tokens");
            for (int j = 0; j < policy[i].length; j++) {
                double logRatio = (double) reference[i][j] - policy[i][j];   // log r
                sumK1 -= logRatio;
                sumK3 += Math.expm1(logRatio) - logRatio;
                tokens++;
            }
        }
        return new SampleKl(policy.length == 0 ? Double.NaN : sumK1 / policy.length, tokens == 0 ? Double.NaN : sumK3 / tokens, policy.length);
    }
}
