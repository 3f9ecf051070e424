package org.rlhf4j.feedback.convert;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a conversion did with the records of one kind.
 *
 * @param records        records of this kind seen
 * @param pairs          preference pairs made
 * @param ties           pairs of responses judged equal (kept out of the pairs, counted here)
 * @param bothBad        comparisons judged both bad
 * @param demonstrations demonstrations made (from corrected critiques)
 * @param skipped        reason -> how many records or response pairs were skipped for it
 */
public record SourceCounts(int records, int pairs, int ties, int bothBad, int demonstrations, Map<String, Integer> skipped) {
    public SourceCounts {
        skipped = Map.copyOf(skipped);
    }

    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(records + " records -> " + pairs + " pairs");
        if (demonstrations > 0) s.append(", ").append(demonstrations).append(" demonstrations");
        if (ties > 0) s.append(", ").append(ties).append(" ties");
        if (bothBad > 0) s.append(", ").append(bothBad).append(" both bad");
        new TreeMap<>(skipped).forEach((reason, n) -> s.append(", ").append(n).append(" skipped (").append(reason).append(')'));
        return s.toString();
    }
}
