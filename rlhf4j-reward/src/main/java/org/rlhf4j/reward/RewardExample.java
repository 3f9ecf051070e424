package org.rlhf4j.reward;

import java.util.List;

/**
 * One feedback record (or one prompt's ratings) as the sequences it scores and the loss terms
 * over them; indices are into {@code sequences}. A comparison is 2 sequences and 1 pair (or 1
 * tie); a ranking of K responses is K sequences and its K choose 2 pairs (tied ranks become ties);
 * a rating is 1 sequence and 1 rating term.
 *
 * @param sequences      prompt + response token ids, each ending with EOS
 * @param responseChars  the response's length in characters, per sequence (for length-bias checks)
 * @param pairBetter     per pair, the preferred sequence
 * @param pairWorse      per pair, the other one
 * @param pairMargin     per pair, the Bradley-Terry margin (0 = none)
 * @param tieA           per tie, one sequence
 * @param tieB           per tie, the other
 * @param rated          per rating, the sequence
 * @param stars          per rating, 1..5
 * @param source         where the feedback came from (attribution source), or null
 * @param annotator      who gave it, or null
 */
public record RewardExample(String id, List<int[]> sequences, int[] responseChars, int[] pairBetter, int[] pairWorse, float[] pairMargin,
                            int[] tieA, int[] tieB, int[] rated, int[] stars, String source, String annotator) {
    public RewardExample {
        sequences = List.copyOf(sequences);
        if (responseChars.length != sequences.size()) throw new IllegalArgumentException("responseChars must have one entry per sequence");
        if (pairBetter.length != pairWorse.length || pairBetter.length != pairMargin.length) throw new IllegalArgumentException("pair arrays differ in length");
        if (tieA.length != tieB.length) throw new IllegalArgumentException("tie arrays differ in length");
        if (rated.length != stars.length) throw new IllegalArgumentException("rating arrays differ in length");
        for (int[] idx : new int[][] {pairBetter, pairWorse, tieA, tieB, rated}) {
            for (int i : idx) if (i < 0 || i >= sequences.size()) throw new IllegalArgumentException("index " + i + " outside the " + sequences.size() + " sequences");
        }
        for (int s : stars) if (s < 1 || s > RewardModel.STARS) throw new IllegalArgumentException("stars must be in 1.." + RewardModel.STARS + ", got " + s);
    }

    public int pairs() {
        return pairBetter.length;
    }

    public int ties() {
        return tieA.length;
    }

    public int ratings() {
        return rated.length;
    }

    public long tokens() {
        long n = 0;
        for (int[] s : sequences) n += s.length;
        return n;
    }
}
