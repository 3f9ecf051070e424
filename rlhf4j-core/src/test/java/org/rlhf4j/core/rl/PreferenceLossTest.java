package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * DPO, beta 0.1, two pairs (summed log-probs):
 * <pre>
 *   i  pi_c  pi_r  ref_c  ref_r  pi_c-ref_c  pi_r-ref_r  h   beta h  -log sigmoid(beta h) = softplus(-beta h)
 *   0  -10   -14   -11    -12     1          -2          3    0.3    ln(1 + e^-0.3) = 0.554355
 *   1   -8    -6    -7     -7    -1           1         -2   -0.2    ln(1 + e^0.2)  = 0.798139
 * </pre>
 * loss = (0.554355 + 0.798139) / 2 = 0.676247; rewards/chosen = 0.1 (1, -1) = (0.1, -0.1),
 * rewards/rejected = 0.1 (-2, 1) = (-0.2, 0.1). d loss / d pi_c = -beta sigmoid(-beta h) / 2:
 * pair 0: -0.1 sigmoid(-0.3) / 2 = -0.1 x 0.425557 / 2 = -0.021278; pair 1: -0.1 x 0.549834 / 2 =
 * -0.027492; d / d pi_r is the opposite.
 *
 * <p>Label smoothing 0.1: -(0.9) log sigmoid(x) - 0.1 log sigmoid(-x) = softplus(-x) + 0.1 x
 * (softplus(x) - softplus(-x) = x), so the loss grows by 0.1 mean(beta h) = 0.1 x 0.05: 0.681247.
 *
 * <p>IPO, beta 0.5 (target margin 1 / (2 beta) = 1), length-averaged log-probs:
 * pair 0: pi (-1.0, -1.5), ref (-1.2, -1.1): h = 0.2 + 0.4 = 0.6, (0.6 - 1)^2 = 0.16;
 * pair 1: everything -2: h = 0, (0 - 1)^2 = 1. loss = 0.58; rewards/chosen (0.1, 0), rejected (-0.2, 0).
 *
 * <p>SimPO, beta 2, gamma 0.5, averages a_c, a_r: pair 0 (-1.0, -1.5): 2 x 0.5 - 0.5 = 0.5,
 * softplus(-0.5) = 0.474077; pair 1 (-2.0, -1.75): 2 x -0.25 - 0.5 = -1, softplus(1) = 1.313262.
 * loss = 0.893669; rewards/chosen = 2 a_c = (-2, -4), rejected (-3, -3.5).
 *
 * <p>KTO, beta 0.1, lambda_D 1, lambda_U 1.5; replies pi (-10, -12, -9), ref (-11, -11, -9),
 * desirable (yes, no, yes); mismatched pi_kl (-20, -18), ref_kl (-21, -19): z0 = mean(1, 1) = 1.
 * r = (1, -1, 0):
 * <pre>
 *   0  desirable    1 - sigmoid(0.1 (1 - 1))         = 0.5
 *   1  undesirable  1.5 (1 - sigmoid(0.1 (1 + 1)))   = 1.5 x 0.450166 = 0.675249
 *   2  desirable    1 - sigmoid(0.1 (0 - 1))         = 1 - 0.475021  = 0.524979
 * </pre>
 * loss = 1.700228 / 3 = 0.566743; rewards 0.1 r = (0.1, -0.1, 0). Gradients d loss / d pi_i:
 * -beta s'(0) / 3 = -0.1 x 0.25 / 3 = -0.008333; +1.5 x 0.1 x s'(0.2) / 3 = 0.012376;
 * -0.1 x s'(-0.1) / 3 = -0.008313 (s' = sigmoid (1 - sigmoid)).
 * With pi_kl - ref_kl = -2 the estimate is clamped to z0 = 0: 1 - sigmoid(0.1) = 0.475021,
 * 1.5 (1 - sigmoid(0.1)) = 0.712531, 1 - sigmoid(0) = 0.5; loss = 0.562517.
 */
class PreferenceLossTest {
    private static Tensor t(float... v) {
        return TensorData.floats(v, v.length);
    }

    @Test
    void sigmoidMatchesHandWorkedNumbersAndGradient() {
        try (Scope s = Scope.open()) {
            Tensor pc = t(-10, -8).requires_grad_(true), pr = t(-14, -6).requires_grad_(true);
            PreferenceLoss.Terms terms = PreferenceLoss.sigmoid(pc, pr, t(-11, -7), t(-12, -7), 0.1, 0);
            assertThat(TensorData.scalar(terms.loss())).isCloseTo(0.676247, within(1e-6));
            assertThat(TensorData.toFloats(terms.chosenRewards())).containsExactly(new float[] {0.1f, -0.1f}, within(1e-6f));
            assertThat(TensorData.toFloats(terms.rejectedRewards())).containsExactly(new float[] {-0.2f, 0.1f}, within(1e-6f));
            terms.loss().backward();
            assertThat(TensorData.toFloats(pc.grad())).containsExactly(new float[] {-0.021278f, -0.027492f}, within(1e-6f));
            assertThat(TensorData.toFloats(pr.grad())).containsExactly(new float[] {0.021278f, 0.027492f}, within(1e-6f));
        }
    }

    @Test
    void labelSmoothingAddsEpsilonTimesTheMeanLogit() {
        try (Scope s = Scope.open()) {
            PreferenceLoss.Terms terms = PreferenceLoss.sigmoid(t(-10, -8), t(-14, -6), t(-11, -7), t(-12, -7), 0.1, 0.1);
            assertThat(TensorData.scalar(terms.loss())).isCloseTo(0.681247, within(1e-6));
        }
    }

    /** The DPO sanity check: with the policy equal to the reference, the loss is ln 2 and the implicit rewards 0. */
    @Test
    void policyEqualToReferenceGivesLn2AndZeroRewards() {
        try (Scope s = Scope.open()) {
            Tensor c = t(-10, -3.5f, -40), r = t(-12, -7, -1);
            PreferenceLoss.Terms terms = PreferenceLoss.sigmoid(c, r, c, r, 0.1, 0);
            assertThat(TensorData.scalar(terms.loss())).isCloseTo(Math.log(2), within(1e-7));
            assertThat(TensorData.toFloats(terms.chosenRewards())).containsOnly(0f);
            assertThat(TensorData.toFloats(terms.rejectedRewards())).containsOnly(0f);
        }
    }

    @Test
    void ipoMatchesHandWorkedNumbers() {
        try (Scope s = Scope.open()) {
            PreferenceLoss.Terms terms = PreferenceLoss.ipo(t(-1.0f, -2), t(-1.5f, -2), t(-1.2f, -2), t(-1.1f, -2), 0.5);
            assertThat(TensorData.scalar(terms.loss())).isCloseTo(0.58, within(1e-6));
            assertThat(TensorData.toFloats(terms.chosenRewards())).containsExactly(new float[] {0.1f, 0f}, within(1e-6f));
            assertThat(TensorData.toFloats(terms.rejectedRewards())).containsExactly(new float[] {-0.2f, 0f}, within(1e-6f));
        }
    }

    @Test
    void simpoMatchesHandWorkedNumbers() {
        try (Scope s = Scope.open()) {
            PreferenceLoss.Terms terms = PreferenceLoss.simpo(t(-1.0f, -2.0f), t(-1.5f, -1.75f), 2.0, 0.5, 0);
            assertThat(TensorData.scalar(terms.loss())).isCloseTo(0.893669, within(1e-6));
            assertThat(TensorData.toFloats(terms.chosenRewards())).containsExactly(-2f, -4f);
            assertThat(TensorData.toFloats(terms.rejectedRewards())).containsExactly(-3f, -3.5f);
        }
    }

    @Test
    void rpoAddsAlphaTimesTheChosenNll() {
        try (Scope s = Scope.open()) {
            PreferenceLoss.Terms dpo = PreferenceLoss.sigmoid(t(-10, -8), t(-14, -6), t(-11, -7), t(-12, -7), 0.1, 0);
            Tensor nll = TensorData.floats(new float[] {2.0f}).reshape();
            assertThat(TensorData.scalar(PreferenceLoss.withNll(dpo, nll, 0.5).loss())).isCloseTo(0.676247 + 0.5 * 2.0, within(1e-6));
            assertThat(PreferenceLoss.withNll(dpo, nll, 0)).isSameAs(dpo);
        }
    }

    @Test
    void ktoMatchesHandWorkedNumbersAndGradient() {
        try (Scope s = Scope.open()) {
            Tensor pi = t(-10, -12, -9).requires_grad_(true);
            PreferenceLoss.KtoTerms terms = PreferenceLoss.kto(pi, t(-11, -11, -9), t(1, 0, 1), t(-20, -18), t(-21, -19), 0.1, 1.0, 1.5);
            assertThat(TensorData.scalar(terms.loss())).isCloseTo(0.566743, within(1e-6));
            assertThat(TensorData.scalar(terms.kl())).isCloseTo(1.0, within(1e-7));
            assertThat(TensorData.toFloats(terms.rewards())).containsExactly(new float[] {0.1f, -0.1f, 0f}, within(1e-6f));
            terms.loss().backward();
            assertThat(TensorData.toFloats(pi.grad())).containsExactly(new float[] {-0.008333f, 0.012376f, -0.008313f}, within(1e-6f));
        }
    }

    @Test
    void ktoClampsANegativeKlEstimateAtZeroAndDetachesIt() {
        try (Scope s = Scope.open()) {
            Tensor piKl = t(-23, -21).requires_grad_(true);
            PreferenceLoss.KtoTerms terms = PreferenceLoss.kto(t(-10, -12, -9).requires_grad_(true), t(-11, -11, -9), t(1, 0, 1), piKl, t(-21, -19), 0.1, 1.0, 1.5);
            assertThat(TensorData.scalar(terms.kl())).isEqualTo(0.0);
            assertThat(TensorData.scalar(terms.loss())).isCloseTo(0.562517, within(1e-6));
            terms.loss().backward();
            assertThat(piKl.grad().defined()).as("no gradient flows through the reference point").isFalse();
        }
    }

    @Test
    void rejectsBadHyperparametersAndShapes() {
        try (Scope s = Scope.open()) {
            Tensor x = t(-1, -2);
            assertThatThrownBy(() -> PreferenceLoss.sigmoid(x, x, x, x, 0, 0)).hasMessage("beta must be > 0 and finite, got 0.0");
            assertThatThrownBy(() -> PreferenceLoss.sigmoid(x, x, x, x, 0.1, 0.5)).hasMessage("label_smoothing must be in [0, 0.5), got 0.5");
            assertThatThrownBy(() -> PreferenceLoss.ipo(x, t(-1), x, x, 0.1)).hasMessageContaining("policyRejected has shape [1] but policyChosen has shape [2]");
            assertThatThrownBy(() -> PreferenceLoss.kto(x, x, t(1, 0), x, x, 0.1, 0, 1)).hasMessage("desirable_weight must be > 0 and finite, got 0.0");
            assertThatThrownBy(() -> PreferenceLoss.withNll(null, x, -1)).hasMessage("rpo_alpha must be >= 0 and finite, got -1.0");
        }
    }
}
