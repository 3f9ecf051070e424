package org.rlhf4j.lm.tokenizer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The words of a corpus as symbol-id sequences, with how often each adjacent pair of symbols
 * occurs, kept current as pairs are merged.
 *
 * <p>Recounting every pair after every merge would cost O(corpus) per merge. Instead an index
 * from each pair to the words it occurs in limits a merge to the words it changes, and a
 * priority queue finds the most frequent pair. Queue entries are not updated when a count
 * falls; an entry whose stored count no longer matches is re-queued with the true count when it
 * reaches the top (lazy deletion). That is sound because a merge only lowers counts, except for
 * pairs containing the merged symbol, which are queued afresh after each merge.
 */
final class PairCounts {

    /** A pair and its count when it was queued. */
    record Candidate(long count, int left, int right) {}

    // Most frequent first; ties go to the smaller (left, right) ids, as in Hugging Face's trainer.
    private static final Comparator<Candidate> MOST_FREQUENT_FIRST =
            Comparator.comparingLong(Candidate::count).reversed()
                    .thenComparingInt(Candidate::left)
                    .thenComparingInt(Candidate::right);

    /** A pair's corpus-wide count and the words it has occurred in (possibly stale). */
    private static final class PairStats {
        long count;
        int[] words = new int[4];
        int wordCount;

        void addWord(int word) {
            if (wordCount > 0 && words[wordCount - 1] == word) {
                return; // words are visited one at a time, so repeats are adjacent
            }
            if (wordCount == words.length) {
                words = Arrays.copyOf(words, wordCount * 2);
            }
            words[wordCount++] = word;
        }
    }

    private final int[][] words; // symbol ids of each distinct word
    private final long[] frequencies; // how often each word occurs in the corpus
    private final Map<Long, PairStats> pairs = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>(MOST_FREQUENT_FIRST);

    PairCounts(List<int[]> words, long[] frequencies) {
        this.words = words.toArray(new int[0][]);
        this.frequencies = frequencies.clone();
        for (int w = 0; w < this.words.length; w++) {
            int[] symbols = this.words[w];
            for (int i = 0; i + 1 < symbols.length; i++) {
                PairStats stats = pairs.computeIfAbsent(key(symbols[i], symbols[i + 1]),
                        k -> new PairStats());
                stats.count += this.frequencies[w];
                stats.addWord(w);
            }
        }
        // The queue's order is total, so the pop order does not depend on insertion order.
        pairs.forEach((k, stats) -> queue.add(candidate(k, stats.count)));
    }

    /** Removes and returns the most frequent pair, or null when no pair is left. */
    Candidate pollMostFrequent() {
        Candidate top;
        while ((top = queue.poll()) != null) {
            PairStats stats = pairs.get(key(top.left(), top.right()));
            long actual = stats == null ? 0 : stats.count;
            if (actual == top.count()) {
                return top;
            }
            if (actual > 0) {
                queue.add(new Candidate(actual, top.left(), top.right()));
            }
        }
        return null;
    }

    /** Replaces each occurrence of (left, right) by {@code merged}, left to right; recounts. */
    void merge(int left, int right, int merged) {
        PairStats target = pairs.get(key(left, right));
        if (target == null) {
            return;
        }
        Set<Long> grown = new LinkedHashSet<>(); // pairs that contain the merged symbol
        int[] affected = Arrays.copyOf(target.words, target.wordCount);
        for (int w : affected) {
            int[] before = words[w];
            int[] after = replace(before, left, right, merged);
            if (after == before) {
                continue; // a stale index entry: an earlier merge already consumed the pair here
            }
            long frequency = frequencies[w];
            for (int i = 0; i + 1 < before.length; i++) {
                pairs.get(key(before[i], before[i + 1])).count -= frequency;
            }
            for (int i = 0; i + 1 < after.length; i++) {
                long k = key(after[i], after[i + 1]);
                PairStats stats = pairs.computeIfAbsent(k, x -> new PairStats());
                stats.count += frequency;
                if (after[i] == merged || after[i + 1] == merged) {
                    stats.addWord(w);
                    grown.add(k);
                }
            }
            words[w] = after;
        }
        pairs.remove(key(left, right));
        for (long k : grown) {
            queue.add(candidate(k, pairs.get(k).count));
        }
    }

    /** {@code symbols} with each non-overlapping (left, right) replaced; the same array if none. */
    private static int[] replace(int[] symbols, int left, int right, int merged) {
        int[] out = null;
        int n = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                if (out == null) {
                    out = Arrays.copyOf(symbols, symbols.length - 1);
                    n = i;
                }
                out[n++] = merged;
                i++;
            } else if (out != null) {
                out[n++] = symbols[i];
            }
        }
        return out == null ? symbols : Arrays.copyOf(out, n);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFF_FFFFL);
    }

    private static Candidate candidate(long key, long count) {
        return new Candidate(count, (int) (key >>> 32), (int) key);
    }
}
