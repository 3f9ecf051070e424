package org.rlhf4j.align.bon;

import java.util.Arrays;

/** The pure part of best-of-n: which replies to keep, and how far the kept reply is from the policy. */
public final class BestOfNSelection {
    private BestOfNSelection() {}

    /**
     * For scores in prompt-major order ({@code perPrompt} per prompt), the rows to keep per prompt,
     * highest score first; equal scores keep the earlier row (the first sampled), so the choice is
     * a function of the scores alone. NaN scores rank last.
     *
     * @return (prompts, keep) row indices into {@code scores}
     */
    public static int[][] top(double[] scores, int perPrompt, int keep) {
        if (perPrompt < 1) throw new IllegalArgumentException("perPrompt must be >= 1, got " + perPrompt);
        if (scores.length % perPrompt != 0) throw new IllegalArgumentException(scores.length + " scores are not a whole number of prompts with " + perPrompt + " replies each");
        if (keep < 1 || keep > perPrompt) throw new IllegalArgumentException("keep must be in [1, " + perPrompt + "], got " + keep);
        int prompts = scores.length / perPrompt;
        int[][] out = new int[prompts][];
        for (int p = 0; p < prompts; p++) {
            Integer[] rows = new Integer[perPrompt];
            for (int k = 0; k < perPrompt; k++) rows[k] = p * perPrompt + k;
            Arrays.sort(rows, (a, b) -> {
                double sa = Double.isNaN(scores[a]) ? Double.NEGATIVE_INFINITY : scores[a];
                double sb = Double.isNaN(scores[b]) ? Double.NEGATIVE_INFINITY : scores[b];
                int c = Double.compare(sb, sa);
                return c != 0 ? c : Integer.compare(a, b);
            });
            out[p] = new int[keep];
            for (int k = 0; k < keep; k++) out[p][k] = rows[k];
        }
        return out;
    }

    /**
     * The KL from the best-of-n distribution to the policy it samples from, in nats:
     * {@code ln n - (n - 1) / n}, exact when the picker has no ties and an upper bound otherwise
     * (Stiennon et al. 2020, appendix; Beirami et al. 2024 show it is an upper bound in general).
     * The x-axis best-of-n takes in Gao et al.'s frontier of gold against KL.
     */
    public static double klBound(int n) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        return Math.log(n) - (n - 1.0) / n;
    }
}
