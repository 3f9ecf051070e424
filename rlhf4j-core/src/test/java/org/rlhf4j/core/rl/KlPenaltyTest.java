package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

class KlPenaltyTest {
    @Test
    void estimatorsByHand() {
        // logp -1, logq -2: log r = -1.
        assertThat(KlPenalty.perToken(KlPenalty.Estimator.KL, -1, -2)).isEqualTo(1.0);
        assertThat(KlPenalty.perToken(KlPenalty.Estimator.ABS, -1, -2)).isEqualTo(1.0);
        assertThat(KlPenalty.perToken(KlPenalty.Estimator.MSE, -1, -2)).isEqualTo(0.5);
        assertThat(KlPenalty.perToken(KlPenalty.Estimator.K3, -1, -2)).isCloseTo(Math.exp(-1) - 1 + 1, within(1e-12));   // 0.367879
        // logp -2, logq -1: k1 is negative, abs and k3 are not.
        assertThat(KlPenalty.perToken(KlPenalty.Estimator.KL, -2, -1)).isEqualTo(-1.0);
        assertThat(KlPenalty.perToken(KlPenalty.Estimator.ABS, -2, -1)).isEqualTo(1.0);
        assertThat(KlPenalty.perToken(KlPenalty.Estimator.K3, -2, -1)).isCloseTo(Math.E - 2, within(1e-12));              // 0.718282
        assertThatThrownBy(() -> KlPenalty.perToken(KlPenalty.Estimator.FULL, -1, -2)).hasMessageContaining("distributions");
        assertThat(KlPenalty.Estimator.parse("k3")).isEqualTo(KlPenalty.Estimator.K3);
        assertThatThrownBy(() -> KlPenalty.Estimator.parse("kl2")).hasMessageContaining("known: kl, abs, mse, k3, full");
    }

    @Test
    void tensorEstimatorsAgreeWithTheArrayOnes() {
        try (Scope s = Scope.open()) {
            Tensor p = TensorData.floats(new float[] {-1, -2}, 2), q = TensorData.floats(new float[] {-2, -1}, 2);
            assertThat(TensorData.toFloats(KlPenalty.perToken(KlPenalty.Estimator.ABS, p, q))).containsExactly(1f, 1f);
            float[] k3 = TensorData.toFloats(KlPenalty.perToken(KlPenalty.Estimator.K3, p, q));
            assertThat((double) k3[0]).isCloseTo(0.367879, within(1e-6));
            assertThat((double) k3[1]).isCloseTo(0.718282, within(1e-6));
        }
    }

    @Test
    void fullKlOfTwoDistributionsByHand() {
        // p = (1/2, 1/2), q = (1/4, 3/4): 0.5 ln 2 + 0.5 ln(2/3) = 0.143841.
        try (Scope s = Scope.open()) {
            Tensor p = TensorData.floats(new float[] {(float) Math.log(0.5), (float) Math.log(0.5)}, 1, 2);
            Tensor q = TensorData.floats(new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, 1, 2);
            assertThat((double) TensorData.toFloats(KlPenalty.full(p, q))[0]).isCloseTo(0.143841, within(1e-6));
        }
    }

    @Test
    void scoreGoesOnTheLastResponseTokenAndPaddingGetsNothing() {
        // Two replies over a width of 3: the first has 3 tokens, the second 1 (then padding, whose KL is junk).
        float[] kl = {0.5f, -0.2f, 0.1f, 0.3f, 99f, 99f};
        boolean[] mask = {true, true, true, true, false, false};
        KlPenalty.Rewards r = KlPenalty.rewards(kl, mask, new float[] {2f, -1f}, 2, 3, 0.1);
        assertThat(r.nonScore()).containsExactly(new float[] {-0.05f, 0.02f, -0.01f, -0.03f, 0f, 0f}, within(1e-7f));
        assertThat(r.rewards()).containsExactly(new float[] {-0.05f, 0.02f, 1.99f, -1.03f, 0f, 0f}, within(1e-7f));
        assertThatThrownBy(() -> KlPenalty.rewards(kl, new boolean[6], new float[] {1, 1}, 2, 3, 0.1)).hasMessageContaining("no response token");
    }
}
