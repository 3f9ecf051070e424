package org.rlhf4j.feedback.convert;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** What a conversion made and left out, per kind of source feedback ({@code comparison}, {@code ranking}, ...). */
public record ConversionReport(Map<String, SourceCounts> bySource) {
    private static final SourceCounts NONE = new SourceCounts(0, 0, 0, 0, 0, Map.of());

    public ConversionReport {
        bySource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bySource));
    }

    /** The counts for one source kind (all zero if there were none). */
    public SourceCounts of(String kind) {
        return bySource.getOrDefault(kind, NONE);
    }

    public int pairs() {
        return total(SourceCounts::pairs);
    }

    public int ties() {
        return total(SourceCounts::ties);
    }

    public int bothBad() {
        return total(SourceCounts::bothBad);
    }

    public int skipped() {
        return total(SourceCounts::skippedTotal);
    }

    private int total(ToIntFunction<SourceCounts> count) {
        return bySource.values().stream().mapToInt(count).sum();
    }

    /** Both reports' counts added up. */
    public ConversionReport plus(ConversionReport other) {
        Tally tally = new Tally();
        tally.add(this);
        tally.add(other);
        return tally.report();
    }

    /** One line per source kind, e.g. {@code ranking: 2 records -> 7 pairs, 1 ties}. */
    @Override
    public String toString() {
        return bySource.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
    }

    /** Counts as a conversion goes; {@link #report()} freezes them. */
    static final class Tally {
        private final Map<String, int[]> counts = new LinkedHashMap<>();
        private final Map<String, Map<String, Integer>> skipped = new HashMap<>();
        private static final int RECORDS = 0, PAIRS = 1, TIES = 2, BOTH_BAD = 3, DEMONSTRATIONS = 4;

        private int[] of(String kind) {
            return counts.computeIfAbsent(kind, k -> new int[5]);
        }

        void record(String kind) {
            of(kind)[RECORDS]++;
        }

        void pair(String kind) {
            of(kind)[PAIRS]++;
        }

        void tie(String kind) {
            of(kind)[TIES]++;
        }

        void bothBad(String kind) {
            of(kind)[BOTH_BAD]++;
        }

        void demonstration(String kind) {
            of(kind)[DEMONSTRATIONS]++;
        }

        void skip(String kind, String reason) {
            skip(kind, reason, 1);
        }

        private void skip(String kind, String reason, int n) {
            of(kind);
            skipped.computeIfAbsent(kind, k -> new HashMap<>()).merge(reason, n, Integer::sum);
        }

        void add(ConversionReport report) {
            report.bySource().forEach((kind, c) -> {
                int[] mine = of(kind);
                mine[RECORDS] += c.records();
                mine[PAIRS] += c.pairs();
                mine[TIES] += c.ties();
                mine[BOTH_BAD] += c.bothBad();
                mine[DEMONSTRATIONS] += c.demonstrations();
                c.skipped().forEach((reason, n) -> skip(kind, reason, n));
            });
        }

        ConversionReport report() {
            Map<String, SourceCounts> out = new LinkedHashMap<>();
            counts.forEach((kind, c) -> out.put(kind, new SourceCounts(c[RECORDS], c[PAIRS], c[TIES], c[BOTH_BAD], c[DEMONSTRATIONS],
                    skipped.getOrDefault(kind, Map.of()))));
            return new ConversionReport(out);
        }
    }
}
