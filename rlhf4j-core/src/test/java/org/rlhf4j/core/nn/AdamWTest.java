package org.rlhf4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.bytedeco.pytorch.Scalar;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Scope;

class AdamWTest {
    /**
     * One weight w = 1, lr 0.1, betas (0.9, 0.95), eps 1e-8, weight decay 0.1 (decoupled: w *= 1 - lr*wd).
     * Step 1, gradient 0.5: w = 0.99; m = 0.05, v = 0.0125; m^ = 0.5, v^ = 0.25; w -= 0.1 * 0.5 / 0.5 -> 0.89.
     * Step 2, gradient -1: w = 0.8811; m = 0.045 - 0.1 = -0.055, v = 0.011875 + 0.05 = 0.061875;
     * m^ = -0.055 / 0.19 = -0.289474, v^ = 0.061875 / 0.0975 = 0.634615, sqrt = 0.796628;
     * w -= 0.1 * -0.289474 / 0.796628 = -0.036337 -> 0.917437.
     * (With the betas swapped, step 2 would give 0.914630: this test pins their order.)
     */
    @Test
    void twoStepsMatchHandWorkedValues() {
        try (ParameterSet p = new ParameterSet(ComputeDevice.CPU)) {
            p.normal("w", new SplittableRandom(0), 1.0, 1, 1);
            p.assign("w", new float[] {1f}, new long[] {1, 1});
            try (AdamW opt = new AdamW(p, new AdamWConfig(0.1, 0.9, 0.95, 1e-8, 0.1))) {
                step(p, opt, 0.5);
                assertThat(p.values("w")[0]).isCloseTo(0.89f, within(1e-6f));
                step(p, opt, -1.0);
                assertThat(p.values("w")[0]).isCloseTo(0.917437f, within(2e-6f));
            }
        }
    }

    @Test
    void normGainsAreNotDecayed() {
        try (ParameterSet p = new ParameterSet(ComputeDevice.CPU)) {
            p.constant("g", 1f, 1);
            try (AdamW opt = new AdamW(p, new AdamWConfig(0.1, 0.9, 0.95, 1e-8, 0.5))) {
                step(p, opt, 0.0);   // zero gradient: only decay could move it
                assertThat(p.values("g")[0]).isEqualTo(1f);
            }
        }
    }

    private static void step(ParameterSet p, AdamW opt, double gradient) {
        try (Scope s = Scope.open()) {
            String name = p.names().get(0);
            p.get(name).sum().mul(new Scalar(gradient)).backward();
            opt.step();
            opt.zeroGrad();
        }
    }
}
