package org.rlhf4j.eval.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pure statistics over a policy's replies: win rate, diversity, correlation. */
public final class SampleStatistics {
    private SampleStatistics() {}

    /**
     * Win rate of {@code policy} against {@code reference}, prompt by prompt: 1 for a higher
     * score, 0.5 for equal scores (ties count half), 0 for a lower one; the mean with its 95%
     * interval ({@link Estimate}) over prompts.
     */
    public static Estimate winRate(double[] policy, double[] reference) {
        if (policy.length != reference.length) throw new IllegalArgumentException("got " + policy.length + " policy scores but " + reference.length + " reference scores");
        double[] outcome = new double[policy.length];
        for (int i = 0; i < outcome.length; i++) outcome[i] = policy[i] > reference[i] ? 1 : policy[i] == reference[i] ? 0.5 : 0;
        return Estimate.of(outcome);
    }

    /**
     * distinct-n (Li et al. 2016, "A Diversity-Promoting Objective Function for Neural
     * Conversation Models"): distinct word n-grams over all n-grams of all replies, words split
     * on white space, case kept. 0 when there is no n-gram at all.
     */
    public static double distinct(List<String> replies, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        Set<List<String>> seen = new HashSet<>();
        long total = 0;
        for (String reply : replies) {
            String[] words = words(reply);
            for (int i = 0; i + n <= words.length; i++) {
                seen.add(List.of(java.util.Arrays.copyOfRange(words, i, i + n)));
                total++;
            }
        }
        return total == 0 ? 0 : (double) seen.size() / total;
    }

    /** Words of a reply: white-space separated, none for a blank reply. */
    public static String[] words(String reply) {
        String s = reply.strip();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

    /** Pearson's correlation of two equal-length samples; NaN when either has no variance or fewer than 2 values. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("got " + x.length + " and " + y.length + " values");
        int n = x.length;
        if (n < 2) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
