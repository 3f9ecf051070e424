package org.rlhf4j.control.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rlhf4j.control.onpolicy.RolloutBuffer.Minibatch;
import org.rlhf4j.control.policy.ActorCriticPolicy.ActionEvaluation;

/**
 * Two samples worked by hand. Old log-probs -1; new ones -1 + ln 1.1 and -1 + ln 0.5, so the
 * ratios are 1.1 (inside the clip range 0.2) and 0.5 (clipped to 0.8). Advantages (1, -1)
 * normalise to (0.7071068, -0.7071068) (mean 0, unbiased std sqrt 2).
 * <pre>
 *   sample 0: min(0.7071 * 1.1, 0.7071 * 1.1)   = 0.7778175, gradient -0.7071 * 1.1 / 2 = -0.3889087
 *   sample 1: min(-0.7071 * 0.5, -0.7071 * 0.8) = -0.5656854, clipped: no gradient
 *   policy loss   = -(0.7778175 - 0.5656854) / 2 = -0.1060660
 *   clip fraction = 1/2;  approx_kl = ((0.1 - ln 1.1) + (-0.5 + ln 2)) / 2 = 0.0989185
 *   values (1, 2), returns (2, 2): value loss = (1 + 0) / 2 = 0.5, gradient 0.5 * 2 (v - R) / 2 = (-0.5, 0)
 *   entropies (0.6, 0.4): entropy loss -0.5, gradient -entCoef / 2 = -0.005 each
 *   loss = -0.1060660 + 0.01 * -0.5 + 0.5 * 0.5 = 0.1389340
 * </pre>
 */
class PpoLossTest {
    private static final float OLD = -1f;

    private static Minibatch batch(float[] oldValues) {
        return new Minibatch(2, new float[2], new float[2], oldValues, new float[] {OLD, OLD}, new float[] {1, -1}, new float[] {2, 2});
    }

    private static ActionEvaluation evaluation() {
        return new ActionEvaluation(new float[] {1, 2}, new float[] {(float) (OLD + Math.log(1.1)), (float) (OLD + Math.log(0.5))},
                new float[] {0.6f, 0.4f});
    }

    @Test
    void lossTermsAndGradientsByHand() {
        PpoLoss.Result result = new PpoLoss(0.01, 0.5, true).compute(batch(new float[2]), evaluation(), 0.2, Double.NaN);
        PpoLoss.Terms t = result.terms();
        assertThat(t.policyGradientLoss()).isCloseTo(-0.1060660, within(1e-6));
        assertThat(t.clipFraction()).isEqualTo(0.5);
        assertThat(t.approxKl()).isCloseTo(0.0989185, within(1e-6));
        assertThat(t.valueLoss()).isCloseTo(0.5, within(1e-7));
        assertThat(t.entropyLoss()).isCloseTo(-0.5, within(1e-7));
        assertThat(t.loss()).isCloseTo(0.1389340, within(1e-6));
        assertThat(result.gradients().logProb()).containsExactly(new float[] {-0.3889087f, 0f}, within(1e-6f));
        assertThat(result.gradients().values()).containsExactly(new float[] {-0.5f, 0f}, within(1e-7f));
        assertThat(result.gradients().entropy()).containsExactly(new float[] {-0.005f, -0.005f}, within(1e-9f));
    }

    @Test
    void withoutNormalisationTheRawAdvantagesWeigh() {
        // sample 0: -1 * 1.1 / 2 = -0.55; policy loss -(1.1 - 0.8) / 2 = -0.15
        PpoLoss.Result result = new PpoLoss(0.0, 0.5, false).compute(batch(new float[2]), evaluation(), 0.2, Double.NaN);
        assertThat(result.terms().policyGradientLoss()).isCloseTo(-0.15, within(1e-6));
        assertThat(result.gradients().logProb()[0]).isCloseTo(-0.55f, within(1e-6f));
        assertThat(result.gradients().entropy()).containsExactly(new float[] {0f, 0f}, within(0f));
    }

    @Test
    void clipsTheValuePredictionAroundTheOldValuesAsSb3() {
        // old values (1.5, 2), clip 0.2: prediction 1 -> 1.5 - 0.2 = 1.3, error (2 - 1.3)^2 = 0.49, outside the band: no gradient
        PpoLoss.Result result = new PpoLoss(0.0, 0.5, true).compute(batch(new float[] {1.5f, 2f}), evaluation(), 0.2, 0.2);
        assertThat(result.terms().valueLoss()).isCloseTo(0.49 / 2, within(1e-6));
        assertThat(result.gradients().values()).containsExactly(new float[] {0f, 0f}, within(0f));
    }

    @Test
    void aClipRangeOfZeroAtTheEndOfASchedule() {
        // ratio exactly 1 keeps the unclipped gradient, as torch's clamp(r, 1, 1) does; other ratios are clipped.
        // Policy loss -(min(1, 1) + min(-0.5, -1)) / 2 = 0 exactly: the clip range reaches the surrogate as 0 (a floor of
        // 1e-8 would leave -5e-9).
        ActionEvaluation same = new ActionEvaluation(new float[] {2, 2}, new float[] {OLD, (float) (OLD + Math.log(0.5))},
                new float[2]);
        PpoLoss.Result result = new PpoLoss(0.0, 0.5, false).compute(batch(new float[2]), same, 0.0, Double.NaN);
        assertThat(result.gradients().logProb()).containsExactly(new float[] {-0.5f, 0f}, within(1e-6f));
        assertThat(result.terms().clipFraction()).isEqualTo(0.5);
        assertThat(result.terms().policyGradientLoss()).isCloseTo(0.0, within(1e-12));
    }
}
