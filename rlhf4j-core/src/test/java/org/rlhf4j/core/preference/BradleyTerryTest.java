package org.rlhf4j.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

class BradleyTerryTest {
    // Worked by hand (e = 2.718281828):
    //   -log sigmoid(1)    = log(1 + e^-1)   = log(1.367879) = 0.313262
    //   -log sigmoid(0.5)  = log(1 + e^-0.5) = log(1.606531) = 0.474077   (r 1 vs 0, margin 0.5)
    //   -log sigmoid(-2)   = log(1 + e^2)    = log(8.389056) = 2.126928
    //   tie at d = 1: ((log(1 + e^-1) + log(1 + e^1)) / 2) - log 2 = (0.313262 + 1.313262) / 2 - 0.693147 = 0.120115
    //   sigmoid(1) = 1 / 1.367879 = 0.731059
    private static final double[][] PAIRS = { // chosen, rejected, margin, loss
            {1, 0, 0, 0.313262}, {1, 0, 0.5, 0.474077}, {0, 2, 0, 2.126928}, {3, 2, 0, 0.313262}};

    @Test
    void scalarLossesMatchHandWorkedValues() {
        for (double[] p : PAIRS) assertThat(BradleyTerry.pairLoss(p[0], p[1], p[2])).isCloseTo(p[3], within(1e-6));
        assertThat(BradleyTerry.tieLoss(0.3, 0.3)).isCloseTo(0, within(1e-12));
        assertThat(BradleyTerry.tieLoss(1, 0)).isCloseTo(0.120115, within(1e-6));
        assertThat(BradleyTerry.tieLoss(0, 1)).isCloseTo(0.120115, within(1e-6));
        assertThat(BradleyTerry.probability(1, 0)).isCloseTo(0.731059, within(1e-6));
        assertThat(BradleyTerry.probability(0, 1)).isCloseTo(1 - 0.731059, within(1e-6));
    }

    @Test
    void lossesStayFiniteForLargeGaps() {
        assertThat(BradleyTerry.pairLoss(0, 1000, 0)).isCloseTo(1000, within(1e-9));
        assertThat(BradleyTerry.pairLoss(1000, 0, 0)).isCloseTo(0, within(1e-12));
        assertThat(BradleyTerry.tieLoss(800, 0)).isCloseTo(400 - Math.log(2), within(1e-9));
        assertThat(BradleyTerry.probability(-800, 0)).isCloseTo(0, within(1e-300));
    }

    @Test
    void tensorFormsMatchTheSameNumbers() {
        Engine.load();
        try (Scope s = Scope.open()) {
            Tensor chosen = TensorData.floats(new float[] {1, 1, 0, 3}, 4);
            Tensor rejected = TensorData.floats(new float[] {0, 0, 2, 2}, 4);
            Tensor margin = TensorData.floats(new float[] {0, 0.5f, 0, 0}, 4);
            float[] losses = TensorData.toFloats(BradleyTerry.pairLosses(chosen, rejected, margin));
            for (int i = 0; i < PAIRS.length; i++) assertThat((double) losses[i]).isCloseTo(PAIRS[i][3], within(1e-6));
            float[] noMargin = TensorData.toFloats(BradleyTerry.pairLosses(chosen, rejected, null));
            assertThat((double) noMargin[1]).isCloseTo(0.313262, within(1e-6));
            float[] ties = TensorData.toFloats(BradleyTerry.tieLosses(TensorData.floats(new float[] {1, 0.3f}, 2), TensorData.floats(new float[] {0, 0.3f}, 2)));
            assertThat((double) ties[0]).isCloseTo(0.120115, within(1e-6));
            assertThat((double) ties[1]).isCloseTo(0, within(1e-6));
            float[] p = TensorData.toFloats(BradleyTerry.probabilities(chosen, rejected));
            assertThat((double) p[0]).isCloseTo(0.731059, within(1e-6));
        }
    }

    /** d/d chosen of -log sigmoid(d) is -(1 - sigmoid(d)): at d = 1, -0.268941; rejected gets +0.268941. */
    @Test
    void gradientPushesTheChosenUpAndTheRejectedDown() {
        Engine.load();
        try (Scope s = Scope.open()) {
            Tensor chosen = TensorData.floats(new float[] {1}, 1).set_requires_grad(true);
            Tensor rejected = TensorData.floats(new float[] {0}, 1).set_requires_grad(true);
            BradleyTerry.pairLosses(chosen, rejected, null).sum().backward();
            assertThat((double) TensorData.toFloats(chosen.grad())[0]).isCloseTo(-0.268941, within(1e-6));
            assertThat((double) TensorData.toFloats(rejected.grad())[0]).isCloseTo(0.268941, within(1e-6));
        }
    }
}
