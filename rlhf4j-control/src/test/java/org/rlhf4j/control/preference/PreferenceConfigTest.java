package org.rlhf4j.control.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PreferenceConfigTest {
    @Test
    void labelsPerRoundFallAsOneOverTheRoundAndUseTheWholeBudget() {
        // 15 labels, 0.25 up front: round(3.75) = 4 initial; the other 11 over 3 rounds in proportion
        // to 1, 1/2, 1/3 (H3 = 11/6): cumulative round(11 * 6/11) = 6, round(11 * 9/11) = 9, 11
        PreferenceConfig c = PreferenceConfig.defaults().withTotalComparisons(15).withRounds(3);
        assertThat(c.initialComparisons()).isEqualTo(4);
        assertThat(new int[] {c.comparisonsInRound(1), c.comparisonsInRound(2), c.comparisonsInRound(3)}).containsExactly(6, 3, 2);
        PreferenceConfig d = PreferenceConfig.defaults().withTotalComparisons(1000);
        int sum = d.initialComparisons();
        for (int r = 1; r <= d.rounds(); r++) sum += d.comparisonsInRound(r);
        assertThat(sum).isEqualTo(1000);
    }

    @Test
    void rejectsBadSettingsWithTheFieldsName() {
        PreferenceConfig d = PreferenceConfig.defaults();
        Object[][] cases = {
            {(Supplier<?>) () -> d.withTotalComparisons(0), "totalComparisons"},
            {(Supplier<?>) () -> d.withRounds(0), "rounds"},
            {(Supplier<?>) () -> d.withFragmentLength(0), "fragmentLength"},
            {(Supplier<?>) () -> d.withEnsembleSize(0), "ensembleSize"},
            {(Supplier<?>) () -> d.withEnsembleSize(1), "DISAGREEMENT needs ensembleSize >= 2"},
            {(Supplier<?>) () -> d.withEpochs(0), "epochs"},
            {(Supplier<?>) () -> d.withFragmentLength(20_000), "poolSteps must be >= fragmentLength"},
        };
        for (Object[] c : cases) {
            assertThatThrownBy(((Supplier<?>) c[0])::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining((String) c[1]);
        }
        assertThatThrownBy(() -> d.comparisonsInRound(21)).hasMessageContaining("round must be in 1..20");
    }
}
