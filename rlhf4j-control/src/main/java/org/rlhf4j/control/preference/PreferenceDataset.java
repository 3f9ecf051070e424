package org.rlhf4j.control.preference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The answered queries, with an online bootstrap for the ensemble (Oza and Russell 2001): each
 * comparison, when added, gets for every member a count drawn from Poisson(1), the limit of how
 * often it appears in a bootstrap resample. Members thus see different resamples of the same
 * labels, which is what makes their disagreement a measure of uncertainty, and the resamples
 * grow with the data instead of being redrawn.
 */
public final class PreferenceDataset {
    private final int members;
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<int[]> counts = new ArrayList<>();
    private final SplittableRandom bootstrap;
    private boolean terminations;

    public PreferenceDataset(int members, SplittableRandom bootstrap) {
        if (members < 1) throw new IllegalArgumentException("members must be >= 1, got " + members);
        this.members = members;
        this.bootstrap = bootstrap;
    }

    public void add(Comparison comparison) {
        int[] c = new int[members];
        for (int m = 0; m < members; m++) c[m] = members == 1 ? 1 : poisson1(bootstrap);
        comparisons.add(comparison);
        counts.add(c);
        terminations |= comparison.a().terminates() || comparison.b().terminates();
    }

    public int size() {
        return comparisons.size();
    }

    public List<Comparison> comparisons() {
        return Collections.unmodifiableList(comparisons);
    }

    /** Whether any labelled clip ran into a termination, so the absorbing state's reward has been learned. */
    public boolean hasTerminations() {
        return terminations;
    }

    /** Member {@code member}'s resample: indices into {@link #comparisons()}, each repeated by its count. */
    public int[] resample(int member) {
        int total = 0;
        for (int[] c : counts) total += c[member];
        int[] indices = new int[total];
        int k = 0;
        for (int i = 0; i < counts.size(); i++) {
            for (int j = 0; j < counts.get(i)[member]; j++) indices[k++] = i;
        }
        return indices;
    }

    /** Knuth's multiplication method, exact for a mean of 1. */
    static int poisson1(SplittableRandom random) {
        double limit = Math.exp(-1), product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }
}
