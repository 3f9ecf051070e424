package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.rl.ValueLoss.Clipping;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * Four samples, clip 0.2; clipped prediction c = old + clamp(pred - old, -0.2, 0.2):
 * <pre>
 *   i  pred  old  R     c     (pred-R)^2  (c-R)^2  inside  max
 *   0  1.5   1.0  2.0   1.2   0.25        0.64     no      0.64 (clipped)
 *   1  1.1   1.0  0.0   1.1   1.21        1.21     yes     1.21 (tie)
 *   2 -0.5   0.0 -1.0  -0.2   0.25        0.64     no      0.64 (clipped)
 *   3  0.5   0.0 -1.0   0.2   2.25        1.44     no      2.25 (unclipped)
 * </pre>
 * NONE:            (0.25 + 1.21 + 0.25 + 2.25) / 4 = 0.99;   gradient 2 (pred - R) / 4 = (-0.25, 0.55, 0.25, 0.75)
 * PREDICTION:      (0.64 + 1.21 + 0.64 + 1.44) / 4 = 0.9825; gradient only inside the band: (0, 0.55, 0, 0)
 * PESSIMISTIC_MAX: (0.64 + 1.21 + 0.64 + 2.25) / 4 = 1.185;  gradient (0, 0.55, 0, 2*1.5/4 = 0.75)
 * Clip fraction (|pred - old| > 0.2): 3/4. PESSIMISTIC_MAX with sample 3 masked out:
 * (0.64 + 1.21 + 0.64) / 3 = 0.83, clip fraction 2/3, gradient (0, 2*1.1/3 = 0.733333, 0, 0).
 */
class ValueLossTest {
    private static final float[] PRED = {1.5f, 1.1f, -0.5f, 0.5f};
    private static final float[] OLD = {1.0f, 1.0f, 0.0f, 0.0f};
    private static final float[] RETURNS = {2.0f, 0.0f, -1.0f, -1.0f};

    @Test
    void arrayFormMatchesHandWorkedNumbers() {
        ValueLoss.ArrayTerms none = ValueLoss.compute(PRED, null, RETURNS, Clipping.NONE, 0);
        assertThat(none.loss()).isCloseTo(0.99, within(1e-6));
        assertThat(none.clipFraction()).isZero();
        assertThat(none.lossGradient()).containsExactly(new float[] {-0.25f, 0.55f, 0.25f, 0.75f}, within(1e-6f));

        ValueLoss.ArrayTerms sb3 = ValueLoss.compute(PRED, OLD, RETURNS, Clipping.PREDICTION, 0.2);
        assertThat(sb3.loss()).isCloseTo(0.9825, within(1e-6));
        assertThat(sb3.clipFraction()).isEqualTo(0.75);
        assertThat(sb3.lossGradient()).containsExactly(new float[] {0f, 0.55f, 0f, 0f}, within(1e-6f));

        ValueLoss.ArrayTerms max = ValueLoss.compute(PRED, OLD, RETURNS, Clipping.PESSIMISTIC_MAX, 0.2);
        assertThat(max.loss()).isCloseTo(1.185, within(1e-6));
        assertThat(max.clipFraction()).isEqualTo(0.75);
        assertThat(max.lossGradient()).containsExactly(new float[] {0f, 0.55f, 0f, 0.75f}, within(1e-6f));
    }

    @Test
    void tensorFormMatchesTheSameNumbersAndGradients() {
        double[] losses = {0.99, 0.9825, 1.185};
        float[][] gradients = {{-0.25f, 0.55f, 0.25f, 0.75f}, {0f, 0.55f, 0f, 0f}, {0f, 0.55f, 0f, 0.75f}};
        double[] clipFractions = {0, 0.75, 0.75};
        Clipping[] modes = {Clipping.NONE, Clipping.PREDICTION, Clipping.PESSIMISTIC_MAX};
        for (int m = 0; m < modes.length; m++) {
            try (Scope s = Scope.open()) {
                Tensor pred = TensorData.floats(PRED, 4).requires_grad_(true);
                ValueLoss.TensorTerms t = ValueLoss.compute(pred, TensorData.floats(OLD, 4), TensorData.floats(RETURNS, 4),
                        null, modes[m], 0.2);
                assertThat(TensorData.scalar(t.loss())).as("%s", modes[m]).isCloseTo(losses[m], within(1e-6));
                assertThat(TensorData.scalar(t.clipFraction())).as("%s", modes[m]).isEqualTo(clipFractions[m]);
                t.loss().backward();
                assertThat(TensorData.toFloats(pred.grad())).as("%s", modes[m]).containsExactly(gradients[m], within(1e-6f));
            }
        }
    }

    @Test
    void maskLeavesOutMaskedSamples() {
        try (Scope s = Scope.open()) {
            Tensor pred = TensorData.floats(PRED, 1, 4).requires_grad_(true);
            Tensor mask = TensorData.longs(new long[] {1, 1, 1, 0}, 1, 4);
            ValueLoss.TensorTerms t = ValueLoss.compute(pred, TensorData.floats(OLD, 1, 4), TensorData.floats(RETURNS, 1, 4),
                    mask, Clipping.PESSIMISTIC_MAX, 0.2);
            assertThat(TensorData.scalar(t.loss())).isCloseTo(0.83, within(1e-6));
            assertThat(TensorData.scalar(t.clipFraction())).isCloseTo(2.0 / 3, within(1e-7));
            t.loss().backward();
            assertThat(TensorData.toFloats(pred.grad())).containsExactly(new float[] {0f, 0.733333f, 0f, 0f}, within(1e-6f));
        }
    }

    /** Central differences in double, h = 1e-6, away from the band edges and from ties of the max. */
    @Test
    void arrayGradientMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 64;
        double clip = 0.3;
        float[] pred = new float[n], old = new float[n], returns = new float[n];
        for (int i = 0; i < n; i++) {
            old[i] = (float) random.nextDouble(-1, 1);
            returns[i] = (float) random.nextDouble(-2, 2);
            double step;
            do {
                step = random.nextDouble(-1, 1);
            } while (Math.abs(Math.abs(step) - clip) < 1e-3);
            pred[i] = (float) (old[i] + step);
        }
        double[] x = ClippedSurrogateTest.toDoubles(pred), o = ClippedSurrogateTest.toDoubles(old), r = ClippedSurrogateTest.toDoubles(returns);
        for (Clipping mode : Clipping.values()) {
            float[] gradient = ValueLoss.compute(pred, old, returns, mode, clip).lossGradient();
            double h = 1e-6;
            for (int i = 0; i < n; i++) {
                double keep = x[i];
                x[i] = keep + h;
                double up = ValueLoss.loss(x, o, r, mode, clip);
                x[i] = keep - h;
                double down = ValueLoss.loss(x, o, r, mode, clip);
                x[i] = keep;
                assertThat((double) gradient[i]).as("%s sample %d", mode, i).isCloseTo((up - down) / (2 * h), within(1e-6));
            }
        }
    }

    /**
     * Clip 0, where a linear schedule ends: c = old. Sample 1 now predicts its old value exactly.
     * <pre>
     *   i  pred  old  R     c    (pred-R)^2  (c-R)^2  inside  max
     *   0  1.5   1.0  2.0   1.0  0.25        1.0      no      1.0 (clipped)
     *   1  1.0   1.0  0.0   1.0  1.0         1.0      yes     1.0 (tie)
     *   2 -0.5   0.0 -1.0   0.0  0.25        1.0      no      1.0 (clipped)
     *   3  0.5   0.0 -1.0   0.0  2.25        1.0      no      2.25 (unclipped)
     * </pre>
     * PREDICTION: 4 / 4 = 1.0, gradient (0, 2 * 1 / 4 = 0.5, 0, 0); PESSIMISTIC_MAX: 5.25 / 4 =
     * 1.3125, gradient (0, 0.5, 0, 2 * 1.5 / 4 = 0.75); clip fraction 3/4 in both.
     */
    @Test
    void aClipRangeOfZeroPinsThePredictionToTheOldValue() {
        float[] pred = {1.5f, 1.0f, -0.5f, 0.5f};
        ValueLoss.ArrayTerms sb3 = ValueLoss.compute(pred, OLD, RETURNS, Clipping.PREDICTION, 0);
        assertThat(sb3.loss()).isCloseTo(1.0, within(1e-6));
        assertThat(sb3.clipFraction()).isEqualTo(0.75);
        assertThat(sb3.lossGradient()).containsExactly(new float[] {0f, 0.5f, 0f, 0f}, within(1e-6f));
        ValueLoss.ArrayTerms max = ValueLoss.compute(pred, OLD, RETURNS, Clipping.PESSIMISTIC_MAX, 0);
        assertThat(max.loss()).isCloseTo(1.3125, within(1e-6));
        assertThat(max.clipFraction()).isEqualTo(0.75);
        assertThat(max.lossGradient()).containsExactly(new float[] {0f, 0.5f, 0f, 0.75f}, within(1e-6f));
        try (Scope s = Scope.open()) {
            Tensor p = TensorData.floats(pred, 4).requires_grad_(true);
            ValueLoss.TensorTerms t = ValueLoss.compute(p, TensorData.floats(OLD, 4), TensorData.floats(RETURNS, 4), null, Clipping.PREDICTION, 0);
            assertThat(TensorData.scalar(t.loss())).isCloseTo(1.0, within(1e-6));
            assertThat(TensorData.scalar(t.clipFraction())).isEqualTo(0.75);
            t.loss().backward();
            assertThat(TensorData.toFloats(p.grad())).containsExactly(new float[] {0f, 0.5f, 0f, 0f}, within(1e-6f));
        }
    }

    @Test
    void clippingNeedsOldValuesAndARangeOfAtLeastZero() {
        assertThatThrownBy(() -> ValueLoss.compute(PRED, null, RETURNS, Clipping.PREDICTION, 0.2))
                .hasMessageContaining("oldValues is null but clipping PREDICTION needs them");
        assertThatThrownBy(() -> ValueLoss.compute(PRED, OLD, RETURNS, Clipping.PESSIMISTIC_MAX, -0.1))
                .hasMessageContaining("clipRange must be >= 0 and finite with clipping PESSIMISTIC_MAX, got -0.1");
        assertThatThrownBy(() -> ValueLoss.compute(PRED, OLD, RETURNS, Clipping.PREDICTION, Double.NaN))
                .hasMessageContaining("got NaN");
    }
}
