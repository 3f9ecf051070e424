package org.rlhf4j.control.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {
    private static final double HALF_LOG_TWO_PI = 0.918939;  // log(2 pi) / 2

    @Test
    void logProbAndEntropyByHandInOneDimension() {
        // mu 0.5, sigma 2 (logStd ln 2), a 1.5: z = 0.5
        float[] logProb = new float[1], entropy = new float[1];
        new DiagonalGaussian(1).logProbAndEntropy(new float[] {0.5f}, new float[] {(float) Math.log(2)}, new float[] {1.5f}, 1,
                logProb, entropy);
        // -z^2/2 - ln 2 - log(2 pi)/2 = -0.125 - 0.693147 - 0.918939 = -1.737086
        assertThat(logProb[0]).isCloseTo(-1.737086f, within(1e-6f));
        // 1/2 + 0.918939 + 0.693147 = 2.112086
        assertThat(entropy[0]).isCloseTo(2.112086f, within(1e-6f));
    }

    @Test
    void sumsOverDimensions() {
        // dims: (mu 0, logStd 0, a 1) -> -0.5 - 0.918939; (mu 1, logStd ln 2, a -1) -> -0.5 - 0.693147 - 0.918939
        float[] logProb = new float[1], entropy = new float[1];
        new DiagonalGaussian(2).logProbAndEntropy(new float[] {0f, 1f}, new float[] {0f, (float) Math.log(2)},
                new float[] {1f, -1f}, 1, logProb, entropy);
        assertThat(logProb[0]).isCloseTo((float) (-1.0 - 0.693147 - 2 * HALF_LOG_TWO_PI), within(1e-6f));
        assertThat(entropy[0]).isCloseTo((float) (1.0 + 2 * HALF_LOG_TWO_PI + 0.693147), within(1e-6f));
    }

    @Test
    void gradientsByHand() {
        // mu 0.5, sigma 2, a 1.5: d/dmu = (a - mu)/sigma^2 = 0.25; d/dlogStd = (a - mu)^2/sigma^2 - 1 = -0.75
        float[] dMean = new float[1], dLogStd = new float[1];
        new DiagonalGaussian(1).backward(new float[] {0.5f}, new float[] {(float) Math.log(2)}, new float[] {1.5f}, 1,
                new float[] {1}, new float[] {0}, dMean, dLogStd);
        assertThat(dMean[0]).isCloseTo(0.25f, within(1e-6f));
        assertThat(dLogStd[0]).isCloseTo(-0.75f, within(1e-6f));
        // the entropy's gradient is 1 per sample on logStd and 0 on the mean; backward adds to dLogStd
        new DiagonalGaussian(1).backward(new float[] {0.5f}, new float[] {(float) Math.log(2)}, new float[] {1.5f}, 1,
                new float[] {0}, new float[] {3}, dMean, dLogStd);
        assertThat(dMean[0]).isZero();
        assertThat(dLogStd[0]).isCloseTo(-0.75f + 3f, within(1e-6f));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        DiagonalGaussian gaussian = new DiagonalGaussian(2);
        SplittableRandom random = new SplittableRandom(5);
        int batch = 4;
        float[] means = new float[batch * 2], actions = new float[batch * 2], logStd = {-0.3f, 0.4f};
        float[] dLogProb = new float[batch], dEntropy = new float[batch];
        for (int i = 0; i < means.length; i++) {
            means[i] = (float) random.nextGaussian();
            actions[i] = (float) random.nextGaussian();
        }
        for (int b = 0; b < batch; b++) {
            dLogProb[b] = (float) random.nextGaussian();
            dEntropy[b] = (float) random.nextGaussian();
        }
        float[] dMeans = new float[means.length], dLogStd = new float[2];
        gaussian.backward(means, logStd, actions, batch, dLogProb, dEntropy, dMeans, dLogStd);
        double h = 1e-3;
        for (float[] p : new float[][] {means, logStd}) {
            float[] analytic = p == means ? dMeans : dLogStd;
            for (int i = 0; i < p.length; i++) {
                float keep = p[i];
                p[i] = (float) (keep + h);
                double up = objective(gaussian, means, logStd, actions, dLogProb, dEntropy);
                p[i] = (float) (keep - h);
                double down = objective(gaussian, means, logStd, actions, dLogProb, dEntropy);
                p[i] = keep;
                assertThat(analytic[i]).isCloseTo((float) ((up - down) / (2 * h)), within(2e-3f));
            }
        }
    }

    private static double objective(DiagonalGaussian g, float[] means, float[] logStd, float[] actions, float[] dLogProb,
                                    float[] dEntropy) {
        int batch = dLogProb.length;
        float[] logProb = new float[batch], entropy = new float[batch];
        g.logProbAndEntropy(means, logStd, actions, batch, logProb, entropy);
        double total = 0;
        for (int b = 0; b < batch; b++) total += dLogProb[b] * (double) logProb[b] + dEntropy[b] * (double) entropy[b];
        return total;
    }

    @Test
    void samplesHaveTheMeanAndSpreadAndTheirLogProb() {
        int draws = 40_000;
        float[] means = new float[draws], actions = new float[draws], logProb = new float[draws];
        java.util.Arrays.fill(means, 1.5f);
        float[] logStd = {(float) Math.log(0.5)};
        DiagonalGaussian gaussian = new DiagonalGaussian(1);
        gaussian.sample(means, logStd, draws, new SplittableRandom(9), actions, logProb);
        double sum = 0, squares = 0;
        for (float a : actions) sum += a;
        double mean = sum / draws;
        for (float a : actions) squares += (a - mean) * (a - mean);
        assertThat(mean).isCloseTo(1.5, within(0.01));
        assertThat(Math.sqrt(squares / draws)).isCloseTo(0.5, within(0.01));
        float[] check = new float[draws], entropy = new float[draws];
        gaussian.logProbAndEntropy(means, logStd, actions, draws, check, entropy);
        assertThat(logProb).containsExactly(check);
        float[] mode = new float[draws];
        gaussian.mode(means, draws, mode);
        assertThat(mode).containsExactly(means);
    }

    @Test
    void refusesAWronglySizedLogStd() {
        assertThatThrownBy(() -> new DiagonalGaussian(2).logProbAndEntropy(new float[2], new float[1], new float[2], 1, new float[1],
                new float[1])).hasMessageContaining("logStd must hold 2");
    }
}
