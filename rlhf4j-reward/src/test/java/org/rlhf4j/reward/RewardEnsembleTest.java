package org.rlhf4j.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RewardEnsembleTest {
    /** Normalised head scores 1, 2, 6: mean 3; deviations -2, -1, 3; variance (4 + 1 + 9) / 3 = 14/3; std 2.160247. */
    @Test
    void meanAndDisagreementByHand() {
        RewardEnsemble.Score s = RewardEnsemble.summarise(new double[] {1, 2, 6});
        assertThat(s.mean()).isEqualTo(3.0);
        assertThat(s.disagreement()).isCloseTo(2.160247, within(1e-6));
        assertThat(RewardEnsemble.summarise(new double[] {0.5}).disagreement()).isZero();
    }

    /** Raw 3 with mean 1 and std 2 normalises to 1; raw -1 to -1. */
    @Test
    void normalisationByHand() {
        Normalisation n = new Normalisation(1, 2, 10);
        assertThat(n.apply(3)).isEqualTo(1.0);
        assertThat(n.apply(-1)).isEqualTo(-1.0);
        // Scores 1, 2, 3, 4: mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, std 1.118034.
        Normalisation m = Normalisation.of(new double[] {1, 2, 3, 4});
        assertThat(m.mean()).isEqualTo(2.5);
        assertThat(m.std()).isCloseTo(1.118034, within(1e-6));
        assertThat(Normalisation.of(new double[] {7, 7}).std()).isEqualTo(1.0);
    }
}
