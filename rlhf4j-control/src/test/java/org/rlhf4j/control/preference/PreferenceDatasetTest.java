package org.rlhf4j.control.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreferenceDatasetTest {
    @Test
    void poissonOneHasMeanOneAndZeroWithProbabilityOneOverE() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 200_000, zeros = 0;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int k = PreferenceDataset.poisson1(random);
            sum += k;
            if (k == 0) zeros++;
        }
        assertThat(sum / (double) n).isCloseTo(1.0, within(0.01));
        assertThat(zeros / (double) n).isCloseTo(Math.exp(-1), within(0.005));
    }

    @Test
    void eachMemberResamplesTheLabelsAndTerminationsAreNoticed() {
        PreferenceDataset data = new PreferenceDataset(3, new SplittableRandom(2));
        Segment full = new Segment(new float[] {0, 0}, new float[] {0, 0}, new float[] {1, 1}, 2, 1, 1, 0, 0);
        Segment ended = new Segment(new float[] {0}, new float[] {0}, new float[] {1, 0}, 1, 1, 1, 1, 0);
        for (int i = 0; i < 100; i++) data.add(new Comparison(full, full, 0.5, i));
        assertThat(data.hasTerminations()).isFalse();
        data.add(new Comparison(full, ended, 1, 100));
        assertThat(data.hasTerminations()).isTrue();
        int[] first = data.resample(0), second = data.resample(1);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.length).isBetween(70, 130);
        assertThat(java.util.Arrays.stream(first).allMatch(i -> i >= 0 && i < 101)).isTrue();
        PreferenceDataset single = new PreferenceDataset(1, new SplittableRandom(2));
        single.add(new Comparison(full, ended, 1, 0));
        assertThat(single.resample(0)).as("one member sees every label once").containsExactly(0);
    }
}
