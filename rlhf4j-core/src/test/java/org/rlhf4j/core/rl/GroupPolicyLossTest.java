package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

class GroupPolicyLossTest {
    static {
        Engine.load();
    }

    private static Tensor grid(float... v) {
        return TensorData.floats(v, 2, 3);
    }

    /** Sequence 0 has 3 tokens, sequence 1 has 1 (then 2 of padding). */
    private static final float[] MASK = {1, 1, 1, 1, 0, 0};

    @Test
    void atRatioOneTheSurrogateIsMinusTheMeanAdvantageButTheGradientIsNot() {
        // new = old: every ratio is 1, so l_t = -A_i. Advantages +1, -1 (a group of two, normalised).
        //   grpo:    seq 0 mean(-1, -1, -1) = -1, seq 1 mean(+1) = +1 -> (-1 + 1) / 2 = 0.
        //   bnpo:    (-1 x 3 + 1 x 1) / 4 tokens = -0.5: token weighting, longer replies count more.
        //   dr_grpo: (-3 + 1) / (2 x 4) = -0.25 with max_completion_length 4.
        // d(grpo loss)/d logp: seq 0 -A/3/2 = -1/6 per token, seq 1 -(-1)/1/2 = +1/2: not 0.
        try (Scope s = Scope.open()) {
            float[] lp = {-1, -2, -0.5f, -1.5f, 0, 0};
            Tensor adv = TensorData.floats(new float[] {1, -1}, 2);
            Tensor logp = grid(lp).set_requires_grad(true);
            GroupPolicyLoss.Terms t = GroupPolicyLoss.compute(logp, grid(lp), null, adv, grid(MASK), 0.2, 0.2, 0, GroupPolicyLoss.LossType.GRPO, 4);
            assertThat(TensorData.scalar(t.loss())).isCloseTo(0.0, within(1e-7));
            t.loss().backward();
            assertThat(TensorData.toFloats(logp.grad())).containsExactly(new float[] {-1 / 6f, -1 / 6f, -1 / 6f, 0.5f, 0, 0}, within(1e-6f));
            assertThat(TensorData.scalar(t.kl())).isEqualTo(0.0);
            assertThat(TensorData.scalar(t.regionClip())).isEqualTo(0.0);
            assertThat(TensorData.scalar(GroupPolicyLoss.compute(grid(lp), grid(lp), null, adv, grid(MASK), 0.2, 0.2, 0, GroupPolicyLoss.LossType.BNPO, 4).loss()))
                    .isCloseTo(-0.5, within(1e-7));
            assertThat(TensorData.scalar(GroupPolicyLoss.compute(grid(lp), grid(lp), null, adv, grid(MASK), 0.2, 0.2, 0, GroupPolicyLoss.LossType.DR_GRPO, 4).loss()))
                    .isCloseTo(-0.25, within(1e-7));
        }
    }

    @Test
    void clippedRatiosAndTheK3TermByHand() {
        // One sequence of 2 tokens, A = +1 and A = -1 on a second sequence of 2 tokens.
        // Seq 0: log ratios ln 1.5 and ln 0.5 -> r = 1.5 (clipped to 1.2 since A > 0: min(1.5, 1.2) = 1.2), r = 0.5 (min(0.5, 0.8) = 0.5).
        //   Token losses -1.2 and -0.5. High-clipped: token 0.
        // Seq 1: A = -1; r = 1.5 -> min(-1.5, -1.2) = -1.5, loss +1.5; r = 0.5 -> min(-0.5, -0.8) = -0.8, loss +0.8. Low-clipped: token 1.
        // KL: ref = new - ln 2 on every token, so ref - new = -ln 2 and k3 = 1/2 + ln 2 - 1 = 0.193147.
        // grpo with beta 0.1: seq 0 mean(-1.2, -0.5) + 0.0193147 = -0.85 + 0.0193147; seq 1 mean(1.5, 0.8) + 0.0193147 = 1.15 + 0.0193147;
        //   mean = 0.15 + 0.0193147 = 0.169315.
        try (Scope s = Scope.open()) {
            float[] old = {-1, -1, -1, -1};
            float[] nw = {(float) (-1 + Math.log(1.5)), (float) (-1 + Math.log(0.5)), (float) (-1 + Math.log(1.5)), (float) (-1 + Math.log(0.5))};
            float[] ref = new float[4];
            for (int i = 0; i < 4; i++) ref[i] = (float) (nw[i] - Math.log(2));
            Tensor mask = TensorData.floats(new float[] {1, 1, 1, 1}, 2, 2);
            GroupPolicyLoss.Terms t = GroupPolicyLoss.compute(TensorData.floats(nw, 2, 2), TensorData.floats(old, 2, 2), TensorData.floats(ref, 2, 2),
                    TensorData.floats(new float[] {1, -1}, 2), mask, 0.2, 0.2, 0.1, GroupPolicyLoss.LossType.GRPO, 2);
            assertThat(TensorData.scalar(t.loss())).isCloseTo(0.169315, within(1e-5));
            assertThat(TensorData.scalar(t.kl())).isCloseTo(0.193147, within(1e-6));
            assertThat(TensorData.scalar(t.highClip())).isCloseTo(0.25, within(1e-7));
            assertThat(TensorData.scalar(t.lowClip())).isCloseTo(0.25, within(1e-7));
            assertThat(TensorData.scalar(t.regionClip())).isCloseTo(0.5, within(1e-7));
            // Clip higher (epsilon_high 0.6): seq 0 token 0 keeps r = 1.5, loss -1.5: seq 0 mean -1.0 -> total (-1.0 + 1.15) / 2 + 0.0193147 = 0.094315.
            GroupPolicyLoss.Terms higher = GroupPolicyLoss.compute(TensorData.floats(nw, 2, 2), TensorData.floats(old, 2, 2), TensorData.floats(ref, 2, 2),
                    TensorData.floats(new float[] {1, -1}, 2), mask, 0.2, 0.6, 0.1, GroupPolicyLoss.LossType.GRPO, 2);
            assertThat(TensorData.scalar(higher.loss())).isCloseTo(0.094315, within(1e-5));
        }
    }

    @Test
    void theK3LogRatioIsClampedToTen() {
        // ref - new = 20 on the only token: k3 would be e^20 - 21 = 4.85e8; clamped to 10 it is e^10 - 11 = 22015.47.
        // And ref - new = -0.5 is untouched: e^-0.5 + 0.5 - 1 = 0.106531.
        try (Scope s = Scope.open()) {
            Tensor one = TensorData.floats(new float[] {1}, 1, 1);
            Tensor adv = TensorData.floats(new float[] {0}, 1);
            Tensor nw = TensorData.floats(new float[] {-21}, 1, 1);
            double far = TensorData.scalar(GroupPolicyLoss.compute(nw, nw, TensorData.floats(new float[] {-1}, 1, 1), adv, one, 0.2, 0.2, 1, GroupPolicyLoss.LossType.GRPO, 1).kl());
            assertThat(far).isCloseTo(Math.exp(10) - 11, within(0.05));
            Tensor near = TensorData.floats(new float[] {-1}, 1, 1);
            double close = TensorData.scalar(GroupPolicyLoss.compute(near, near, TensorData.floats(new float[] {-1.5f}, 1, 1), adv, one, 0.2, 0.2, 1, GroupPolicyLoss.LossType.GRPO, 1).kl());
            assertThat(close).isCloseTo(0.106531, within(1e-6));
        }
    }

    @Test
    void badArgumentsAreRefused() {
        try (Scope s = Scope.open()) {
            Tensor x = grid(0, 0, 0, 0, 0, 0);
            Tensor adv = TensorData.floats(new float[] {1, -1}, 2);
            assertThatThrownBy(() -> GroupPolicyLoss.compute(x, x, null, adv, grid(MASK), 0.2, 0.2, 0.04, GroupPolicyLoss.LossType.GRPO, 3))
                    .hasMessageContaining("reference");
            assertThatThrownBy(() -> GroupPolicyLoss.compute(x, x, null, TensorData.floats(new float[] {1, 2, 3}, 3), grid(MASK), 0.2, 0.2, 0, GroupPolicyLoss.LossType.GRPO, 3))
                    .hasMessageContaining("one per sequence");
            assertThatThrownBy(() -> GroupPolicyLoss.LossType.parse("dapo2")).hasMessageContaining("grpo, bnpo, dr_grpo");
            assertThat(GroupPolicyLoss.LossType.parse("dr_grpo")).isEqualTo(GroupPolicyLoss.LossType.DR_GRPO);
        }
    }
}
