package org.rlhf4j.control.policy;

import java.util.SplittableRandom;

/**
 * A Gaussian with diagonal covariance over {@code dimensions}-dimensional actions: the mean comes
 * from the network, the log standard deviation is a state-independent parameter (SB3's
 * {@code DiagGaussianDistribution}, {@code log_std} initialised to {@code log_std_init} = 0).
 * With sigma_k = exp(logStd_k), summed over the dimensions k as SB3's {@code sum_independent_dims}:
 * <pre>
 *   log p(a) = sum_k [ -(a_k - mu_k)^2 / (2 sigma_k^2) - logStd_k - log(2 pi) / 2 ]
 *   H        = sum_k [ 1/2 + log(2 pi) / 2 + logStd_k ]
 *   d log p / d mu_k     = (a_k - mu_k) / sigma_k^2
 *   d log p / d logStd_k = (a_k - mu_k)^2 / sigma_k^2 - 1
 *   d H / d logStd_k     = 1
 * </pre>
 * The entropy does not depend on the state, so its gradient flows only into {@code logStd}.
 * Samples are {@code mu + sigma * N(0, 1)} and are not clipped here: the policy clips what it sends
 * to the environment and keeps the unclipped sample for the log-probability, as SB3 does.
 */
public record DiagonalGaussian(int dimensions) implements ActionDistribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    public DiagonalGaussian {
        if (dimensions < 1) throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
    }

    @Override
    public int parameterSize() {
        return dimensions;
    }

    @Override
    public int actionSize() {
        return dimensions;
    }

    @Override
    public void logProbAndEntropy(float[] means, float[] logStd, float[] actions, int batch, float[] logProb,
                                  float[] entropy) {
        checkLogStd(logStd);
        int d = dimensions;
        double h = entropy(logStd);
        for (int b = 0; b < batch; b++) {
            logProb[b] = (float) logProb(means, logStd, actions, b * d);
            entropy[b] = (float) h;
        }
    }

    @Override
    public void backward(float[] means, float[] logStd, float[] actions, int batch, float[] dLogProb, float[] dEntropy,
                         float[] dMeans, float[] dLogStd) {
        checkLogStd(logStd);
        int d = dimensions;
        for (int k = 0; k < d; k++) {
            double inverseVariance = Math.exp(-2.0 * logStd[k]), sum = 0;
            for (int b = 0; b < batch; b++) {
                int i = b * d + k;
                double diff = (double) actions[i] - means[i];
                dMeans[i] = (float) (dLogProb[b] * diff * inverseVariance);
                sum += dLogProb[b] * (diff * diff * inverseVariance - 1) + dEntropy[b];
            }
            dLogStd[k] += (float) sum;
        }
    }

    @Override
    public void sample(float[] means, float[] logStd, int batch, SplittableRandom random, float[] actions,
                       float[] logProb) {
        checkLogStd(logStd);
        int d = dimensions;
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < d; k++) {
                int i = b * d + k;
                actions[i] = (float) (means[i] + Math.exp(logStd[k]) * random.nextGaussian());
            }
            logProb[b] = (float) logProb(means, logStd, actions, b * d);
        }
    }

    @Override
    public void mode(float[] means, int batch, float[] actions) {
        System.arraycopy(means, 0, actions, 0, batch * dimensions);
    }

    /** H = sum_k (1/2 + log(2 pi)/2 + logStd_k), the same for every state. */
    public double entropy(float[] logStd) {
        double h = 0;
        for (int k = 0; k < dimensions; k++) h += 0.5 + HALF_LOG_TWO_PI + logStd[k];
        return h;
    }

    private double logProb(float[] means, float[] logStd, float[] actions, int row) {
        double sum = 0;
        for (int k = 0; k < dimensions; k++) {
            double z = ((double) actions[row + k] - means[row + k]) * Math.exp(-(double) logStd[k]);
            sum += -0.5 * z * z - logStd[k] - HALF_LOG_TWO_PI;
        }
        return sum;
    }

    private void checkLogStd(float[] logStd) {
        if (logStd.length != dimensions) {
            throw new IllegalArgumentException("logStd must hold " + dimensions + " values, got " + logStd.length);
        }
    }
}
