package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

class KlEstimatorsTest {
    /**
     * p(x) = 0.5, q(x) = 0.25: log r = ln q - ln p = ln 0.5 = -0.693147, r = 0.5.
     * k1 = 0.693147; k2 = 0.693147^2 / 2 = 0.240227; k3 = (0.5 - 1) + 0.693147 = 0.193147.
     * Swapping the arguments (r = 2): k1 = -0.693147, k2 unchanged, k3 = 1 - 0.693147 = 0.306853.
     */
    @Test
    void scalarFormsMatchHandWorkedNumbers() {
        double logp = Math.log(0.5), logq = Math.log(0.25);
        assertThat(KlEstimators.k1(logp, logq)).isCloseTo(0.693147, within(1e-6));
        assertThat(KlEstimators.k2(logp, logq)).isCloseTo(0.240227, within(1e-6));
        assertThat(KlEstimators.k3(logp, logq)).isCloseTo(0.193147, within(1e-6));
        assertThat(KlEstimators.k1(logq, logp)).isCloseTo(-0.693147, within(1e-6));
        assertThat(KlEstimators.k3(logq, logp)).isCloseTo(0.306853, within(1e-6));
    }

    /**
     * Exact expectations under p over two outcomes, p = (0.5, 0.5), q = (0.25, 0.75):
     * KL(p || q) = 0.5 ln 2 + 0.5 ln(2/3) = 0.346574 - 0.202733 = 0.143841 (KL(q || p) = 0.130812,
     * so swapped arguments fail). E_p[k1] and E_p[k3] equal it exactly (k3 adds sum(q) - sum(p) = 0);
     * E_p[k2] = 0.5 * (0.5 * ln(0.5)^2 + 0.5 * ln(1.5)^2) = 0.5 * (0.240227 + 0.082202) = 0.161214.
     */
    @Test
    void tensorFormsAverageToTheTrueKlUnderTheSampler() {
        try (Scope s = Scope.open()) {
            Tensor p = TensorData.floats(new float[] {0.5f, 0.5f}, 2);
            Tensor logp = p.log();
            Tensor logq = TensorData.floats(new float[] {0.25f, 0.75f}, 2).log();
            assertThat(TensorData.scalar(KlEstimators.k1(logp, logq).mul(p).sum())).isCloseTo(0.143841, within(1e-6));
            assertThat(TensorData.scalar(KlEstimators.k3(logp, logq).mul(p).sum())).isCloseTo(0.143841, within(1e-6));
            assertThat(TensorData.scalar(KlEstimators.k2(logp, logq).mul(p).sum())).isCloseTo(0.161214, within(1e-6));
        }
    }

    @Test
    void tensorFormsAreElementwiseAndMatchScalarForms() {
        try (Scope s = Scope.open()) {
            float[] lp = {-0.1f, -1.2f, -3.0f, -0.7f};
            float[] lq = {-0.4f, -0.9f, -2.0f, -0.7f};
            float[] k1 = TensorData.toFloats(KlEstimators.k1(TensorData.floats(lp, 2, 2), TensorData.floats(lq, 2, 2)));
            float[] k2 = TensorData.toFloats(KlEstimators.k2(TensorData.floats(lp, 2, 2), TensorData.floats(lq, 2, 2)));
            float[] k3 = TensorData.toFloats(KlEstimators.k3(TensorData.floats(lp, 2, 2), TensorData.floats(lq, 2, 2)));
            for (int i = 0; i < lp.length; i++) {
                assertThat(k1[i]).isCloseTo((float) KlEstimators.k1(lp[i], lq[i]), within(1e-6f));
                assertThat(k2[i]).isCloseTo((float) KlEstimators.k2(lp[i], lq[i]), within(1e-6f));
                assertThat(k3[i]).isCloseTo((float) KlEstimators.k3(lp[i], lq[i]), within(1e-6f));
            }
            assertThat(k3[3]).isZero();    // identical log-probabilities: no divergence
        }
    }
}
