package org.rlhf4j.feedback.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Prompt;

/**
 * A measurement, not a test (no assertions, not run by surefire): streams N generated comparisons
 * (default 10^6) into {@link FeedbackStats}, each item judged by 3 of 50 annotators, and prints
 * records/s, peak heap and heap retained after a GC. Each record is made when needed and dropped,
 * so the heap holds only what FeedbackStats keeps. Run with e.g. {@code java -Xmx1g -cp ... StatsScale 1000000}.
 */
public final class StatsScale {
    private static final String FILLER = "lorem ipsum dolor sit amet ".repeat(120);   // 3,240 chars to cut responses from
    private static final Choice[] CHOICES = {Choice.A, Choice.A, Choice.B, Choice.B, Choice.A, Choice.B, Choice.TIE, Choice.BOTH_BAD};

    private StatsScale() {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SplittableRandom random = new SplittableRandom(42);
        FeedbackStats stats = new FeedbackStats();
        long start = System.nanoTime();
        for (int r = 0; r < records; r++) stats.add(comparison(r, random));
        FeedbackSummary summary = stats.summary();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(FeedbackStats.format(summary));
        System.gc();
        long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(Locale.ROOT, "%n%,d comparisons in %.2f s = %,.0f records/s (add + summary)%n", records, seconds, records / seconds);
        System.out.printf(Locale.ROOT, "peak heap %,d MB, retained after GC %,d MB (stats object alive: %b)%n", peakHeap() >> 20, retained >> 20, stats != null);
    }

    /** Record r judges item r / 3 (3 annotators per item), shown in a random order, with a noisy choice. */
    private static Comparison comparison(int r, SplittableRandom random) {
        int item = r / 3;
        SplittableRandom itemRandom = new SplittableRandom(item);
        String x = "answer " + item + ": " + FILLER.substring(0, 20 + itemRandom.nextInt(1500));
        String y = "reply " + item + ": " + FILLER.substring(0, 20 + itemRandom.nextInt(1500));
        boolean swap = random.nextBoolean();
        Choice choice = CHOICES[random.nextInt(CHOICES.length)];
        String annotator = "annotator-" + ((item * 7 + (r % 3) * 13) % 50);
        return new Comparison("c" + r, Prompt.of("prompt " + item + " " + FILLER.substring(0, itemRandom.nextInt(400) + 1)),
                swap ? y : x, swap ? x : y, choice, null, Attribution.of(annotator, null, r % 10 == 0 ? "web" : "simulated"));
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }
}
