package org.rlhf4j.control.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CategoricalTest {
    private static final float[] NONE = new float[0];
    private final Categorical two = new Categorical(2);

    /** logits (0, ln 3): p = (1/4, 3/4). */
    private static final float[] QUARTER = {0f, (float) Math.log(3)};

    @Test
    void logProbAndEntropyByHand() {
        float[] logProb = new float[2], entropy = new float[2];
        two.logProbAndEntropy(concat(QUARTER, QUARTER), NONE, new float[] {0, 1}, 2, logProb, entropy);
        // log 1/4 = -1.386294, log 3/4 = -0.287682
        assertThat(logProb[0]).isCloseTo(-1.386294f, within(1e-6f));
        assertThat(logProb[1]).isCloseTo(-0.287682f, within(1e-6f));
        // H = 1/4 * 1.386294 + 3/4 * 0.287682 = 0.346574 + 0.215762 = 0.562335
        assertThat(entropy[0]).isCloseTo(0.562335f, within(1e-6f));
        assertThat(entropy[1]).isEqualTo(entropy[0]);
    }

    @Test
    void gradientsByHand() {
        float[] dLogits = new float[2];
        // d log p_1 / dz = (0 - 1/4, 1 - 3/4)
        two.backward(QUARTER, NONE, new float[] {1}, 1, new float[] {1}, new float[] {0}, dLogits, NONE);
        assertThat(dLogits[0]).isCloseTo(-0.25f, within(1e-7f));
        assertThat(dLogits[1]).isCloseTo(0.25f, within(1e-7f));
        // dH/dz_j = -p_j (log p_j + H): -1/4 (-1.386294 + 0.562335) = 0.205990, -3/4 (-0.287682 + 0.562335) = -0.205990
        two.backward(QUARTER, NONE, new float[] {1}, 1, new float[] {0}, new float[] {1}, dLogits, NONE);
        assertThat(dLogits[0]).isCloseTo(0.205990f, within(1e-6f));
        assertThat(dLogits[1]).isCloseTo(-0.205990f, within(1e-6f));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Categorical three = new Categorical(3);
        SplittableRandom random = new SplittableRandom(3);
        int batch = 5;
        float[] logits = new float[batch * 3], taken = new float[batch], dLogProb = new float[batch], dEntropy = new float[batch];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) random.nextGaussian();
        for (int b = 0; b < batch; b++) {
            taken[b] = random.nextInt(3);
            dLogProb[b] = (float) random.nextGaussian();
            dEntropy[b] = (float) random.nextGaussian();
        }
        float[] analytic = new float[logits.length];
        three.backward(logits, NONE, taken, batch, dLogProb, dEntropy, analytic, NONE);
        double h = 1e-3;
        for (int i = 0; i < logits.length; i++) {
            float keep = logits[i];
            logits[i] = (float) (keep + h);
            double up = objective(three, logits, taken, dLogProb, dEntropy);
            logits[i] = (float) (keep - h);
            double down = objective(three, logits, taken, dLogProb, dEntropy);
            logits[i] = keep;
            assertThat(analytic[i]).as("dL/dz[%d]", i).isCloseTo((float) ((up - down) / (2 * h)), within(2e-4f));
        }
    }

    /** sum_b dLogProb_b log p_b + dEntropy_b H_b, in double. */
    private static double objective(Categorical c, float[] logits, float[] taken, float[] dLogProb, float[] dEntropy) {
        int n = c.actions(), batch = taken.length;
        double total = 0;
        for (int b = 0; b < batch; b++) {
            double lse = Categorical.logSumExp(logits, b * n, n), h = 0;
            for (int j = 0; j < n; j++) {
                double lp = logits[b * n + j] - lse;
                h -= Math.exp(lp) * lp;
            }
            total += dLogProb[b] * (logits[b * n + (int) taken[b]] - lse) + dEntropy[b] * h;
        }
        return total;
    }

    @Test
    void samplesFollowTheProbabilitiesAndRepeatWithTheSeed() {
        int draws = 40_000;
        float[] logits = new float[draws * 2];
        for (int b = 0; b < draws; b++) System.arraycopy(QUARTER, 0, logits, 2 * b, 2);
        float[] actions = new float[draws], logProb = new float[draws];
        two.sample(logits, NONE, draws, new SplittableRandom(7), actions, logProb);
        int ones = 0;
        for (int b = 0; b < draws; b++) {
            ones += (int) actions[b];
            assertThat(logProb[b]).isEqualTo(actions[b] == 1 ? -0.287682f : -1.386294f, within(1e-6f));
        }
        assertThat(ones / (double) draws).isCloseTo(0.75, within(0.01));
        float[] again = new float[draws];
        two.sample(logits, NONE, draws, new SplittableRandom(7), again, logProb);
        assertThat(again).containsExactly(actions);
    }

    @Test
    void modeIsTheFirstLargestLogit() {
        float[] actions = new float[3];
        new Categorical(3).mode(new float[] {0, 2, 1, 5, 5, 1, -1, -2, -3}, 3, actions);
        assertThat(actions).containsExactly(1f, 0f, 0f);
    }

    @Test
    void refusesActionsOutsideTheSpace() {
        assertThatThrownBy(() -> two.logProbAndEntropy(QUARTER, NONE, new float[] {2}, 1, new float[1], new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1").hasMessageContaining("2.0");
        assertThatThrownBy(() -> new Categorical(0)).hasMessageContaining("actions");
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
