package org.rlhf4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.pytorch.Scalar;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;

class GuardedStepTest {
    static ParameterSet weight() {
        ParameterSet p = new ParameterSet(ComputeDevice.CPU);
        p.constant("w", 2f, 1);
        return p;
    }

    @Test
    void microBatchesAverageAndAFiniteUpdateIsApplied() {
        Engine.load();
        try (ParameterSet p = weight(); AdamW adam = new AdamW(p, new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0))) {
            GuardedStep step = new GuardedStep(adam, new NonFiniteGuard(2), 0);
            // Losses w * 1 and w * 3: mean loss 2w = 4, mean gradient (1 + 3) / 2 = 2.
            GuardedStep.Outcome o = step.apply(1, 2, i -> p.get("w").mul(new Scalar(i == 0 ? 1.0 : 3.0)).sum());
            assertThat(o.loss()).isEqualTo(4.0);
            assertThat(o.gradNorm()).isEqualTo(2.0);
            assertThat(o.skipped()).isFalse();
            // Adam's first step moves by the learning rate against the gradient's sign.
            assertThat(p.values("w")[0]).isEqualTo(1.9f);
        }
    }

    @Test
    void aNonFiniteLossIsSkippedAndTooManyInARowStopTheRun() {
        Engine.load();
        try (ParameterSet p = weight(); AdamW adam = new AdamW(p, new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0))) {
            GuardedStep step = new GuardedStep(adam, new NonFiniteGuard(2), 1.0);
            GuardedStep.Outcome o = step.apply(1, 1, i -> p.get("w").mul(new Scalar(Double.NaN)).sum());
            assertThat(o.skipped()).isTrue();
            assertThat(p.values("w")[0]).isEqualTo(2f);
            assertThat(step.guard().skippedTotal()).isEqualTo(1);
            assertThatThrownBy(() -> step.apply(2, 1, i -> p.get("w").mul(new Scalar(Double.POSITIVE_INFINITY)).sum()))
                    .isInstanceOf(NonFiniteGuard.DivergedException.class).hasMessageContaining("2 steps in a row");
        }
    }
}
