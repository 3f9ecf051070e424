package org.rlhf4j.align.offline;

/**
 * One training example of an offline method: {@code slots} (prompt, reply) token sequences, the
 * same count for every example of a method (DPO: chosen, rejected; KTO: the labelled reply, and a
 * mismatched reply for the KL reference point), and a label where the method has one.
 *
 * @param id        where it came from (a pair's or record's id)
 * @param queries   (slots) prompt ids, BOS first, already cut to {@code max_prompt_length}
 * @param replies   (slots) reply ids, at least one token each, already cut to {@code max_length}
 * @param desirable KTO's label (DPO: true)
 */
public record OfflineExample(String id, int[][] queries, int[][] replies, boolean desirable) {
    public OfflineExample {
        if (queries.length == 0 || queries.length != replies.length) throw new IllegalArgumentException("an example needs as many queries as replies, at least one: got " + queries.length + " and " + replies.length);
        for (int k = 0; k < queries.length; k++) {
            if (queries[k].length < 1) throw new IllegalArgumentException(id + ": query " + k + " is empty");
            if (replies[k].length < 1) throw new IllegalArgumentException(id + ": reply " + k + " is empty");
        }
    }

    public int slots() {
        return queries.length;
    }
}
