package org.rlhf4j.align.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleKlTest {
    @Test
    void k1PerReplyAndK3PerToken() {
        // reply 1: log pi = -1, -2; log pi_ref = -1.5, -2 -> k1 = 0.5; log r = -0.5, 0 -> k3 = e^-0.5 - 1 + 0.5 = 0.106531, 0
        // reply 2: log pi = -3; log pi_ref = -1 -> k1 = -2; log r = 2 -> k3 = e^2 - 1 - 2 = 4.389056
        SampleKl kl = SampleKl.of(new float[][] {{-1, -2}, {-3}}, new float[][] {{-1.5f, -2}, {-1}});
        assertThat(kl.perReply()).isCloseTo(-0.75, within(1e-9));
        assertThat(kl.k3PerToken()).isCloseTo((0.10653066 + 0 + 4.38905610) / 3, within(1e-7));
        assertThat(kl.replies()).isEqualTo(2);
    }

    @Test
    void identicalLogProbsGiveExactlyZero() {
        float[][] lp = {{-0.3f, -7.25f}, {-1e-4f}};
        SampleKl kl = SampleKl.of(lp, lp);
        assertThat(kl.perReply()).isZero();
        assertThat(kl.k3PerToken()).isZero();
    }
}
