package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * Four samples, clip 0.2, ratios r = (1.5, 0.5, 1.1, 1.5), advantages A = (1, 2, -1, -1):
 * <pre>
 *   i  r    A   A r    A clamp(r)  min          |r-1| > 0.2  k3 = (r-1) - ln r      d(-min)/dlogp / 4
 *   0  1.5  1   1.5    1.2         1.2 clipped  yes          0.5 - 0.405465 = 0.094535   0
 *   1  0.5  2   1.0    1.6         1.0          yes          -0.5 + 0.693147 = 0.193147  -(2*0.5)/4 = -0.25
 *   2  1.1 -1  -1.1   -1.1        -1.1 (tie)    no           0.1 - 0.095310 = 0.004690   (1.1)/4    =  0.275
 *   3  1.5 -1  -1.5   -1.2        -1.5          yes          0.094535                    (1.5)/4    =  0.375
 * </pre>
 * loss = -(1.2 + 1.0 - 1.1 - 1.5) / 4 = 0.1; clip fraction 3/4; approx KL 0.386907 / 4 = 0.096727.
 * Masking out sample 2: loss = -(1.2 + 1.0 - 1.5) / 3 = -0.233333; clip fraction 1;
 * approx KL (0.094535 + 0.193147 + 0.094535) / 3 = 0.127406; gradients (0, -1/3, 0, 0.5).
 *
 * <p>Clip 0 (the last update of a linear schedule): the ratio is clamped to 1, so the clipped term
 * is A. Five samples, one per case, ratios r = (1.5, 0.5, 1.5, 0.5, 1), advantages A = (1, 2, -1, -1, -1):
 * <pre>
 *   i  r    A   A r    A    min           |r-1| > 0  k3                d(-min)/dlogp / 5
 *   0  1.5  1   1.5    1    1    clipped  yes        0.094535          0
 *   1  0.5  2   1.0    2    1.0           yes        0.193147          -(2*0.5)/5 = -0.2
 *   2  1.5 -1  -1.5   -1   -1.5           yes        0.094535          (1.5)/5    =  0.3
 *   3  0.5 -1  -0.5   -1   -1    clipped  yes        0.193147          0
 *   4  1   -1  -1     -1   -1    (tie)    no         0                 (1)/5      =  0.2
 * </pre>
 * loss = -(1 + 1 - 1.5 - 1 - 1) / 5 = 0.3; clip fraction 4/5 (samples 1 and 2 count although the
 * unclipped term won the min); approx KL 0.575364 / 5 = 0.115073.
 */
class ClippedSurrogateTest {
    private static final double[] RATIOS = {1.5, 0.5, 1.1, 1.5};
    private static final float[] OLD = {-1.0f, -2.0f, -0.5f, -1.5f};
    private static final float[] ADVANTAGES = {1, 2, -1, -1};

    private static final double[] RATIOS_AT_ZERO = {1.5, 0.5, 1.5, 0.5, 1.0};
    private static final float[] OLD_AT_ZERO = {-1.0f, -2.0f, -0.5f, -1.5f, -0.7f};
    private static final float[] ADVANTAGES_AT_ZERO = {1, 2, -1, -1, -1};
    private static final float[] GRADIENT_AT_ZERO = {0f, -0.2f, 0.3f, 0f, 0.2f};

    private static float[] newLogProbs() {
        return newLogProbs(OLD, RATIOS);
    }

    /** old + ln r; ln 1 = 0, so a ratio of 1 is exactly 1 again in float. */
    private static float[] newLogProbs(float[] old, double[] ratios) {
        float[] lp = new float[old.length];
        for (int i = 0; i < lp.length; i++) lp[i] = (float) (old[i] + Math.log(ratios[i]));
        return lp;
    }

    @Test
    void arrayFormMatchesHandWorkedNumbers() {
        ClippedSurrogate.ArrayTerms t = ClippedSurrogate.compute(newLogProbs(), OLD, ADVANTAGES, 0.2);
        assertThat(t.loss()).isCloseTo(0.1, within(1e-6));
        assertThat(t.clipFraction()).isEqualTo(0.75);
        assertThat(t.approxKl()).isCloseTo(0.096727, within(1e-6));
        assertThat(t.lossGradient()).containsExactly(new float[] {0f, -0.25f, 0.275f, 0.375f}, within(1e-6f));
    }

    @Test
    void tensorFormMatchesTheSameNumbersAndGradient() {
        try (Scope s = Scope.open()) {
            Tensor lp = TensorData.floats(newLogProbs(), 4).requires_grad_(true);
            ClippedSurrogate.TensorTerms t = ClippedSurrogate.compute(lp, TensorData.floats(OLD, 4),
                    TensorData.floats(ADVANTAGES, 4), null, 0.2);
            assertThat(TensorData.scalar(t.loss())).isCloseTo(0.1, within(1e-6));
            assertThat(TensorData.scalar(t.clipFraction())).isEqualTo(0.75);
            assertThat(TensorData.scalar(t.approxKl())).isCloseTo(0.096727, within(1e-6));
            t.loss().backward();
            assertThat(TensorData.toFloats(lp.grad())).containsExactly(new float[] {0f, -0.25f, 0.275f, 0.375f}, within(1e-6f));
        }
    }

    @Test
    void maskLeavesOutMaskedSamples() {
        try (Scope s = Scope.open()) {
            Tensor lp = TensorData.floats(newLogProbs(), 2, 2).requires_grad_(true);     // (B, T) = (2, 2)
            Tensor mask = TensorData.floats(new float[] {1, 1, 0, 1}, 2, 2);
            ClippedSurrogate.TensorTerms t = ClippedSurrogate.compute(lp, TensorData.floats(OLD, 2, 2),
                    TensorData.floats(ADVANTAGES, 2, 2), mask, 0.2);
            assertThat(TensorData.scalar(t.loss())).isCloseTo(-0.233333, within(1e-6));
            assertThat(TensorData.scalar(t.clipFraction())).isEqualTo(1.0);
            assertThat(TensorData.scalar(t.approxKl())).isCloseTo(0.127406, within(1e-6));
            t.loss().backward();
            assertThat(TensorData.toFloats(lp.grad())).containsExactly(new float[] {0f, -1f / 3, 0f, 0.5f}, within(1e-6f));
        }
    }

    @Test
    void arrayFormAtClipZeroMatchesHandWorkedNumbers() {
        ClippedSurrogate.ArrayTerms t = ClippedSurrogate.compute(newLogProbs(OLD_AT_ZERO, RATIOS_AT_ZERO), OLD_AT_ZERO, ADVANTAGES_AT_ZERO, 0);
        assertThat(t.loss()).isCloseTo(0.3, within(1e-6));
        assertThat(t.clipFraction()).isEqualTo(0.8);
        assertThat(t.approxKl()).isCloseTo(0.115073, within(1e-6));
        assertThat(t.lossGradient()).containsExactly(GRADIENT_AT_ZERO, within(1e-6f));
    }

    @Test
    void tensorFormAtClipZeroMatchesTheSameNumbersAndAutograd() {
        try (Scope s = Scope.open()) {
            Tensor lp = TensorData.floats(newLogProbs(OLD_AT_ZERO, RATIOS_AT_ZERO), 5).requires_grad_(true);
            ClippedSurrogate.TensorTerms t = ClippedSurrogate.compute(lp, TensorData.floats(OLD_AT_ZERO, 5),
                    TensorData.floats(ADVANTAGES_AT_ZERO, 5), null, 0);
            assertThat(TensorData.scalar(t.loss())).isCloseTo(0.3, within(1e-6));
            assertThat(TensorData.scalar(t.clipFraction())).isCloseTo(0.8, within(1e-7));
            assertThat(TensorData.scalar(t.approxKl())).isCloseTo(0.115073, within(1e-6));
            t.loss().backward();
            assertThat(TensorData.toFloats(lp.grad())).containsExactly(GRADIENT_AT_ZERO, within(1e-6f));
        }
    }

    /** Central differences in double, h = 1e-6, at points at least 1e-3 away from the clip kinks (both at r = 1 for clip 0). */
    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.0})
    void arrayGradientMatchesFiniteDifferences(double clip) {
        SplittableRandom random = new SplittableRandom(7);
        int n = 64;
        float[] lp = new float[n], old = new float[n], adv = new float[n];
        for (int i = 0; i < n; i++) {
            old[i] = (float) (-3 * random.nextDouble());
            double logRatio;
            do {
                logRatio = random.nextDouble(-0.6, 0.6);
            } while (Math.abs(Math.exp(logRatio) - (1 + clip)) < 1e-3 || Math.abs(Math.exp(logRatio) - (1 - clip)) < 1e-3);
            lp[i] = (float) (old[i] + logRatio);
            adv[i] = (float) random.nextDouble(-2, 2);
        }
        float[] gradient = ClippedSurrogate.compute(lp, old, adv, clip).lossGradient();
        double[] x = toDoubles(lp), o = toDoubles(old), a = toDoubles(adv);
        double h = 1e-6;
        int flat = 0;
        for (int i = 0; i < n; i++) {
            double keep = x[i];
            x[i] = keep + h;
            double up = ClippedSurrogate.loss(x, o, a, clip);
            x[i] = keep - h;
            double down = ClippedSurrogate.loss(x, o, a, clip);
            x[i] = keep;
            double numeric = (up - down) / (2 * h);
            assertThat((double) gradient[i]).as("sample %d", i).isCloseTo(numeric, within(1e-6));
            if (numeric == 0) flat++;
        }
        assertThat(flat).as("samples whose clipped term is active").isBetween(1, n - 1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, -Double.MIN_VALUE, 1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsClipRangesOutsideZeroToOne(double clip) {
        assertThatThrownBy(() -> ClippedSurrogate.compute(new float[1], new float[1], new float[1], clip))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clipRange must be in [0, 1), got " + clip);
        try (Scope s = Scope.open()) {
            Tensor zero = TensorData.floats(new float[1], 1);
            assertThatThrownBy(() -> ClippedSurrogate.compute(zero, zero, zero, null, clip))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("clipRange must be in [0, 1), got " + clip);
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        try (Scope s = Scope.open()) {
            assertThatThrownBy(() -> ClippedSurrogate.compute(TensorData.floats(new float[4], 4), TensorData.floats(new float[4], 4, 1),
                    TensorData.floats(new float[4], 4), null, 0.2))
                    .hasMessageContaining("oldLogProbs has shape [4, 1] but newLogProbs has shape [4]");
        }
    }

    static double[] toDoubles(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i];
        return y;
    }
}
