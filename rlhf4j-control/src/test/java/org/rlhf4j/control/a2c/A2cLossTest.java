package org.rlhf4j.control.a2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rlhf4j.control.onpolicy.RolloutBuffer.Minibatch;
import org.rlhf4j.control.policy.ActorCriticPolicy.ActionEvaluation;

/**
 * Two samples by hand: advantages (2, -1), log-probs (-0.5, -2), values (1, 3), returns (2, 2),
 * entropies (0.6, 0.4), entCoef 0.1, vfCoef 0.5.
 * <pre>
 *   policy  = -(2 * -0.5 + -1 * -2) / 2 = -0.5      d/d log pi = -A / 2 = (-1, 0.5)
 *   value   = ((2 - 1)^2 + (2 - 3)^2) / 2 = 1       d/dV = 0.5 * 2 (V - R) / 2 = (-0.5, 0.5)
 *   entropy = -(0.6 + 0.4) / 2 = -0.5               d/dH = -0.1 / 2 = -0.05
 *   loss    = -0.5 + 0.1 * -0.5 + 0.5 * 1 = -0.05
 * </pre>
 */
class A2cLossTest {
    private static final Minibatch BATCH = new Minibatch(2, new float[2], new float[2], new float[2], new float[2],
            new float[] {2, -1}, new float[] {2, 2});
    private static final ActionEvaluation EVALUATION = new ActionEvaluation(new float[] {1, 3}, new float[] {-0.5f, -2f},
            new float[] {0.6f, 0.4f});

    @Test
    void lossTermsAndGradientsByHand() {
        A2cLoss.Result result = new A2cLoss(0.1, 0.5, false).compute(BATCH, EVALUATION);
        assertThat(result.terms().policyLoss()).isCloseTo(-0.5, within(1e-7));
        assertThat(result.terms().valueLoss()).isCloseTo(1.0, within(1e-7));
        assertThat(result.terms().entropyLoss()).isCloseTo(-0.5, within(1e-7));
        assertThat(result.terms().loss()).isCloseTo(-0.05, within(1e-7));
        assertThat(result.gradients().logProb()).containsExactly(-1f, 0.5f);
        assertThat(result.gradients().values()).containsExactly(new float[] {-0.5f, 0.5f}, within(1e-7f));
        assertThat(result.gradients().entropy()).containsExactly(new float[] {-0.05f, -0.05f}, within(1e-9f));
    }

    @Test
    void normalisedAdvantages() {
        // (2, -1) -> (0.7071068, -0.7071068): policy = -(0.7071 * -0.5 + -0.7071 * -2) / 2 = -0.5303301
        A2cLoss.Result result = new A2cLoss(0.0, 0.5, true).compute(BATCH, EVALUATION);
        assertThat(result.terms().policyLoss()).isCloseTo(-0.5303301, within(1e-6));
        assertThat(result.gradients().logProb()).containsExactly(new float[] {-0.3535534f, 0.3535534f}, within(1e-6f));
    }
}
