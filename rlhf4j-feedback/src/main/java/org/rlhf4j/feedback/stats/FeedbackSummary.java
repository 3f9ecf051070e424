package org.rlhf4j.feedback.stats;

import java.util.List;
import java.util.Map;

/**
 * What {@link FeedbackStats} has seen: counts, length distributions, length bias, annotators and
 * agreement where items overlap. Immutable.
 *
 * @param records         all records added
 * @param recordsByType   records per {@link org.rlhf4j.feedback.Feedback#kind()}
 * @param recordsBySource records per attribution source, {@value FeedbackStats#UNKNOWN} where none was given
 * @param promptLengths   characters per prompt ({@link org.rlhf4j.feedback.Prompt#length()}), one per record
 * @param responseLengths characters per response judged: both of a comparison, every one of a ranking,
 *                        the response of a rating, critique (not its corrected response) or demonstration
 */
public record FeedbackSummary(long records, Map<String, Long> recordsByType, Map<String, Long> recordsBySource, ComparisonCounts comparisons,
        LengthStats promptLengths, LengthStats responseLengths, LengthBias lengthBias, Annotators annotators, List<AgreementFigure> agreement) {

    public FeedbackSummary {
        recordsByType = Map.copyOf(recordsByType);
        recordsBySource = Map.copyOf(recordsBySource);
        agreement = List.copyOf(agreement);
    }

    /** Outcomes of pairwise comparisons. */
    public record ComparisonCounts(long total, long decisive, long ties, long bothBad) {
        /** ties / all comparisons (both-bad counts in the denominator); NaN when there are none. */
        public double tieRate() {
            return total == 0 ? Double.NaN : (double) ties / total;
        }

        /** bothBad / all comparisons; NaN when there are none. */
        public double bothBadRate() {
            return total == 0 ? Double.NaN : (double) bothBad / total;
        }
    }

    /**
     * Whether annotators prefer the longer response, over decisive comparisons.
     *
     * @param decisive        decisive comparisons (A or B chosen)
     * @param differingLength those whose two responses differ in length
     * @param longerChosen    those of them where the longer response was chosen
     * @param equalLength     decisive comparisons whose responses have the same length
     */
    public record LengthBias(long decisive, long differingLength, long longerChosen, long equalLength) {
        /** longerChosen / differingLength: 0.5 is no bias; NaN when no decisive comparison differs in length. */
        public double longerChosenRate() {
            return differingLength == 0 ? Double.NaN : (double) longerChosen / differingLength;
        }

        /** (longerChosen + equalLength / 2) / decisive: equal lengths counted as half a win; NaN when nothing is decisive. */
        public double longerChosenRateTiesHalf() {
            return decisive == 0 ? Double.NaN : (longerChosen + 0.5 * equalLength) / decisive;
        }
    }

    /**
     * @param distinct     annotators seen
     * @param unattributed records without an annotator
     * @param top          the annotators with the most records, most first (ties by name)
     */
    public record Annotators(int distinct, long unattributed, List<AnnotatorCount> top) {
        public Annotators {
            top = List.copyOf(top);
        }
    }

    public record AnnotatorCount(String annotator, long records) {
    }

    /**
     * One agreement statistic over the items that several annotators judged.
     *
     * @param statistic    what was computed and on which records, e.g. {@code comparisons: Cohen's kappa}
     * @param over         who or what it covers, e.g. {@code alice vs bob} or {@code 3 annotators per item}
     * @param value        the coefficient; NaN when undefined (every judgement in one category) or absent
     * @param items        items it is computed over
     * @param annotators   annotators involved
     * @param absentReason why it could not be computed (e.g. no overlapping items); null when it was
     */
    public record AgreementFigure(String statistic, String over, double value, long items, int annotators, String absentReason) {
        static AgreementFigure absent(String statistic, String reason) {
            return new AgreementFigure(statistic, "", Double.NaN, 0, 0, reason);
        }

        public boolean available() {
            return absentReason == null;
        }
    }
}
