package org.rlhf4j.feedback.convert;

import java.util.List;
import org.rlhf4j.feedback.Comparison;

/**
 * Comparisons split by outcome: decisive ones as pairs, ties and both-bad kept as they are, so a
 * trainer that models ties (or penalises both responses) can use them instead of losing them.
 */
public record ComparisonPairs(List<PreferencePair> pairs, List<Comparison> ties, List<Comparison> bothBad, ConversionReport report) {
    public ComparisonPairs {
        pairs = List.copyOf(pairs);
        ties = List.copyOf(ties);
        bothBad = List.copyOf(bothBad);
        if (report == null) throw new IllegalArgumentException("report must be set");
    }

    /** Just the pairs, with the same report. */
    public Conversion<PreferencePair> asConversion() {
        return new Conversion<>(pairs, report);
    }
}
