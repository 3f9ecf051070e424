package org.rlhf4j.feedback.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who gave which label to each item, for agreement. An item judged once (most of them) costs one
 * map entry holding a packed {@code Long} (annotator id << 32 | label), about 70 bytes; a list
 * object appears only when a second annotator judges it. An annotator judging an item again
 * replaces their earlier label (the latest judgement counts).
 */
final class ItemVotes {
    /** The labels one item received, one per annotator. */
    record Item(int[] annotators, int[] labels) {
        int size() {
            return annotators.length;
        }

        /** The label of {@code annotator}, or -1 when they did not judge this item. */
        int labelOf(int annotator) {
            for (int i = 0; i < annotators.length; i++) if (annotators[i] == annotator) return labels[i];
            return -1;
        }
    }

    private final Map<Long, Object> items = new HashMap<>();

    void put(long item, int annotator, int label) {
        Object old = items.get(item);
        if (old == null) {
            items.put(item, pack(annotator, label));
        } else if (old instanceof Long single) {
            int first = (int) (single >>> 32);
            if (first == annotator) items.put(item, pack(annotator, label));
            else items.put(item, new int[][] {{first, annotator}, {(int) (long) single, label}});
        } else {
            items.put(item, append((int[][]) old, annotator, label));
        }
    }

    /** Calls {@code action} for every item judged by 2 or more annotators. */
    void forEachOverlapping(Consumer<Item> action) {
        for (Object v : items.values()) {
            if (v instanceof int[][] votes) action.accept(new Item(votes[0], votes[1]));
        }
    }

    private static Long pack(int annotator, int label) {
        return ((long) annotator << 32) | (label & 0xffffffffL);
    }

    private static int[][] append(int[][] votes, int annotator, int label) {
        int[] annotators = votes[0], labels = votes[1];
        for (int i = 0; i < annotators.length; i++) {
            if (annotators[i] == annotator) {
                labels[i] = label;
                return votes;
            }
        }
        int n = annotators.length;
        int[] a = Arrays.copyOf(annotators, n + 1), l = Arrays.copyOf(labels, n + 1);
        a[n] = annotator;
        l[n] = label;
        return new int[][] {a, l};
    }
}
