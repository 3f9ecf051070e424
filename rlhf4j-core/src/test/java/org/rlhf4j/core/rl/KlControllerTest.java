package org.rlhf4j.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KlControllerTest {
    @Test
    void adaptiveUpdateMatchesZieglerByHand() {
        // KL 9 against target 6: error 0.5, clipped to 0.2; beta * (1 + 0.2 * 256 / 10000) = 0.2 * 1.00512.
        KlController c = KlController.adaptive(0.2, 6, 10000);
        assertThat(c.update(9, 256)).isCloseTo(0.201024, within(1e-12));
        // KL 3: error -0.5 clipped to -0.2; 0.201024 * (1 - 0.00512) = 0.199994757...
        assertThat(c.update(3, 256)).isCloseTo(0.201024 * 0.99488, within(1e-12));
        // Within the clip: KL 6.6 is error 0.1; with n 100: * 1.001.
        KlController d = KlController.adaptive(0.2, 6, 10000);
        assertThat(d.update(6.6, 100)).isCloseTo(0.2002, within(1e-12));
        assertThat(d.update(6, 100)).isCloseTo(0.2002, within(1e-12));
    }

    @Test
    void fixedNeverMovesAndNonFiniteKlLeavesBetaAlone() {
        KlController f = KlController.fixed(0.05);
        assertThat(f.update(100, 256)).isEqualTo(0.05);
        KlController a = KlController.adaptive(0.2, 6, 10000);
        assertThat(a.update(Double.NaN, 256)).isEqualTo(0.2);
        a.restore(0.3);
        assertThat(a.value()).isEqualTo(0.3);
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> KlController.adaptive(0.2, 0, 10000)).hasMessageContaining("target");
        assertThatThrownBy(() -> KlController.adaptive(0.2, 6, -1)).hasMessageContaining("horizon");
        assertThatThrownBy(() -> KlController.fixed(-1)).hasMessageContaining("coefficient");
    }
}
