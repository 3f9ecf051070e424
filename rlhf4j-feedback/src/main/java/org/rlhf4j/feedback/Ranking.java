package org.rlhf4j.feedback;

import java.util.List;

/**
 * K >= 2 responses to one prompt, ranked: {@code ranks.get(i)} is the rank of
 * {@code responses.get(i)}, 1 the best. Ties share a rank ("competition" ranking: 1, 1, 3), so
 * the ranks are a valid order when each rank r is used by a group of responses and the next rank
 * after a group of size g is r + g.
 */
public record Ranking(String id, Prompt prompt, List<String> responses, List<Integer> ranks, Attribution attribution) implements Feedback {
    public Ranking {
        Feedback.requireId(id);
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        if (responses == null || responses.size() < 2) throw new IllegalArgumentException("a ranking needs at least 2 responses");
        responses = List.copyOf(responses);
        for (int i = 0; i < responses.size(); i++) Feedback.requireText("responses[" + i + "]", responses.get(i));
        if (ranks == null || ranks.size() != responses.size()) {
            throw new IllegalArgumentException("ranks must give one rank per response (" + responses.size() + "), got " + (ranks == null ? "none" : ranks.size()));
        }
        ranks = List.copyOf(ranks);
        checkOrder(ranks);
        if (attribution == null) attribution = Attribution.none();
    }

    /** Competition ranking: sorted, the ranks read 1, ..., with each tied group of size g followed by rank + g. */
    private static void checkOrder(List<Integer> ranks) {
        int[] sorted = ranks.stream().mapToInt(Integer::intValue).sorted().toArray();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) j++;
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("ranks " + ranks + " are not an order of the responses: expected rank " + (i + 1) + " where " + sorted[i] + " is (1 is best; tied responses share a rank and the next rank skips, e.g. 1, 1, 3)");
            }
            i = j;
        }
    }

    /** Ranks a list best first, no ties. */
    public static Ranking ordered(String id, Prompt prompt, List<String> bestFirst, Attribution attribution) {
        List<Integer> ranks = new java.util.ArrayList<>();
        for (int i = 0; i < bestFirst.size(); i++) ranks.add(i + 1);
        return new Ranking(id, prompt, bestFirst, ranks, attribution);
    }
}
