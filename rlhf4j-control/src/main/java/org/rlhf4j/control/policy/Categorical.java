package org.rlhf4j.control.policy;

import java.util.SplittableRandom;

/**
 * A categorical distribution over {@code actions} choices from unnormalised logits z, as
 * {@code torch.distributions.Categorical(logits=z)} (SB3's {@code CategoricalDistribution}):
 * <pre>
 *   log p_j   = z_j - logsumexp(z)
 *   H         = -sum_j p_j log p_j
 *   d log p_a / d z_j = [j == a] - p_j
 *   d H / d z_j       = -p_j (log p_j + H)
 * </pre>
 * Sampling inverts the cumulative distribution at one uniform draw; the mode is the first
 * largest logit (as {@code torch.argmax}).
 */
public record Categorical(int actions) implements ActionDistribution {

    public Categorical {
        if (actions < 1) throw new IllegalArgumentException("actions must be >= 1, got " + actions);
    }

    @Override
    public int parameterSize() {
        return actions;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public void logProbAndEntropy(float[] logits, float[] logStd, float[] taken, int batch, float[] logProb,
                                  float[] entropy) {
        int n = actions;
        for (int b = 0; b < batch; b++) {
            int row = b * n;
            double lse = logSumExp(logits, row, n), h = 0;
            for (int j = 0; j < n; j++) {
                double logp = logits[row + j] - lse;
                h -= Math.exp(logp) * logp;
            }
            logProb[b] = (float) (logits[row + index(taken[b], b)] - lse);
            entropy[b] = (float) h;
        }
    }

    @Override
    public void backward(float[] logits, float[] logStd, float[] taken, int batch, float[] dLogProb, float[] dEntropy,
                         float[] dLogits, float[] dLogStd) {
        int n = actions;
        double[] logp = new double[n];
        for (int b = 0; b < batch; b++) {
            int row = b * n, a = index(taken[b], b);
            double lse = logSumExp(logits, row, n), h = 0;
            for (int j = 0; j < n; j++) {
                logp[j] = logits[row + j] - lse;
                h -= Math.exp(logp[j]) * logp[j];
            }
            for (int j = 0; j < n; j++) {
                double p = Math.exp(logp[j]);
                dLogits[row + j] = (float) (dLogProb[b] * ((j == a ? 1 : 0) - p) - dEntropy[b] * p * (logp[j] + h));
            }
        }
    }

    @Override
    public void sample(float[] logits, float[] logStd, int batch, SplittableRandom random, float[] taken,
                       float[] logProb) {
        int n = actions;
        for (int b = 0; b < batch; b++) {
            int row = b * n;
            double lse = logSumExp(logits, row, n);
            double u = random.nextDouble(), cumulative = 0;
            int a = n - 1;
            for (int j = 0; j < n; j++) {
                cumulative += Math.exp(logits[row + j] - lse);
                if (u < cumulative) {
                    a = j;
                    break;
                }
            }
            taken[b] = a;
            logProb[b] = (float) (logits[row + a] - lse);
        }
    }

    @Override
    public void mode(float[] logits, int batch, float[] taken) {
        int n = actions;
        for (int b = 0; b < batch; b++) {
            int row = b * n, best = 0;
            for (int j = 1; j < n; j++) {
                if (logits[row + j] > logits[row + best]) best = j;
            }
            taken[b] = best;
        }
    }

    /** log(sum_j exp(z_j)) of one row, shifted by its maximum so that exp cannot overflow. */
    static double logSumExp(float[] logits, int row, int n) {
        double max = logits[row];
        for (int j = 1; j < n; j++) max = Math.max(max, logits[row + j]);
        double sum = 0;
        for (int j = 0; j < n; j++) sum += Math.exp(logits[row + j] - max);
        return max + Math.log(sum);
    }

    private int index(float action, int row) {
        int a = (int) action;
        if (a != action || a < 0 || a >= actions) {
            throw new IllegalArgumentException("action of row " + row + " must be an index in 0.." + (actions - 1)
                    + ", got " + action);
        }
        return a;
    }
}
