package org.rlhf4j.eval.policy;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Best-of-n selection: of n replies to a prompt, keep the one a picker (the reward model, or the
 * gold score itself as an oracle) scores highest, and read its gold score. With N >= n replies
 * sampled per prompt, the expected gold of the pick from n replies drawn at random from them is
 * computed exactly over all C(N, n) subsets (the unbiased estimator of Nakano et al. 2021 and
 * Gao et al. 2022): sorted by the picker's score, the reply at rank i (0 = highest) is the pick
 * with probability C(N - 1 - i, n - 1) / C(N, n). Replies the picker scores equally share their
 * group's probability, so each gets the group's mean gold. A pure function.
 */
public final class BestOfN {
    private BestOfN() {}

    /** Expected {@code gold} of the reply {@code picker} ranks first among n of the N given. */
    public static double expectedPick(double[] picker, double[] gold, int n) {
        int total = picker.length;
        if (gold.length != total) throw new IllegalArgumentException("got " + total + " picker scores but " + gold.length + " gold scores");
        if (n < 1 || n > total) throw new IllegalArgumentException("n must be in [1, " + total + "], got " + n);
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> picker[i]).reversed());
        double[] g = new double[total];   // gold in picker order, tie groups averaged
        for (int start = 0; start < total; ) {
            int end = start;
            double sum = 0;
            while (end < total && picker[order[end]] == picker[order[start]]) sum += gold[order[end++]];
            Arrays.fill(g, start, end, sum / (end - start));
            start = end;
        }
        double expected = 0, logAll = logChoose(total, n);
        for (int i = 0; i + n <= total; i++) expected += Math.exp(logChoose(total - 1 - i, n - 1) - logAll) * g[i];
        return expected;
    }

    /**
     * The mean over prompts of {@link #expectedPick} for each n in {@code sizes}.
     *
     * @param picker (prompts, N) scores of each prompt's replies
     * @param gold   (prompts, N) their gold scores
     */
    public static double[] curve(double[][] picker, double[][] gold, int[] sizes) {
        double[] out = new double[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            double sum = 0;
            for (int p = 0; p < picker.length; p++) sum += expectedPick(picker[p], gold[p], sizes[s]);
            out[s] = sum / picker.length;
        }
        return out;
    }

    /** The mean over prompts of the within-prompt Pearson correlation of two scores (prompts where it is undefined left out); NaN if none. */
    public static double meanWithinPromptCorrelation(double[][] a, double[][] b) {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < a.length; p++) {
            double r = SampleStatistics.pearson(a[p], b[p]);
            if (Double.isFinite(r)) {
                sum += r;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static double logChoose(int n, int k) {
        if (k < 0 || k > n) return Double.NEGATIVE_INFINITY;
        double s = 0;
        for (int i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
        return s;
    }
}
