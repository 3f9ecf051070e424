package org.rlhf4j.feedback.stats;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.rlhf4j.feedback.stats.FeedbackSummary.AgreementFigure;
import org.rlhf4j.feedback.stats.FeedbackSummary.AnnotatorCount;
import org.rlhf4j.feedback.stats.FeedbackSummary.ComparisonCounts;
import org.rlhf4j.feedback.stats.FeedbackSummary.LengthBias;

/** The terminal text of a {@link FeedbackSummary}: one section per line group, numbers in Locale.ROOT. */
final class SummaryText {
    private SummaryText() {
    }

    static String of(FeedbackSummary s) {
        StringBuilder out = new StringBuilder();
        line(out, "Feedback: %,d records", s.records());
        line(out, "  by type:   %s", counts(s.recordsByType()));
        line(out, "  by source: %s", counts(s.recordsBySource()));
        comparisons(out, s.comparisons(), s.lengthBias());
        lengths(out, s);
        annotators(out, s.annotators());
        agreement(out, s);
        return out.toString();
    }

    private static void comparisons(StringBuilder out, ComparisonCounts c, LengthBias bias) {
        if (c.total() == 0) {
            line(out, "Comparisons: none");
            return;
        }
        line(out, "Comparisons: %,d (decisive %,d, tie %,d = %s, both bad %,d = %s)", c.total(), c.decisive(), c.ties(), percent(c.tieRate()), c.bothBad(), percent(c.bothBadRate()));
        if (bias.differingLength() == 0) {
            line(out, "Length bias: n/a (no decisive comparison with responses of different lengths)");
        } else {
            line(out, "Length bias: longer response chosen in %s of %,d decisive comparisons with different lengths; %s with %,d equal-length ones counted as half",
                    percent(bias.longerChosenRate()), bias.differingLength(), percent(bias.longerChosenRateTiesHalf()), bias.equalLength());
        }
    }

    private static void lengths(StringBuilder out, FeedbackSummary s) {
        line(out, "Lengths (chars)  %12s %9s %7s %7s %7s %7s %9s", "count", "mean", "min", "p50", "p90", "p99", "max");
        row(out, "prompts", s.promptLengths());
        row(out, "responses", s.responseLengths());
    }

    private static void row(StringBuilder out, String name, LengthStats l) {
        if (l.count() == 0) {
            line(out, "  %-14s %12s", name, "none");
            return;
        }
        line(out, "  %-14s %,12d %9.1f %7d %7d %7d %7d %9d", name, l.count(), l.mean(), l.min(), l.p50(), l.p90(), l.p99(), l.max());
    }

    private static void annotators(StringBuilder out, FeedbackSummary.Annotators a) {
        line(out, "Annotators: %,d (%,d records without one)%s", a.distinct(), a.unattributed(), a.top().isEmpty() ? "" : "; most records:");
        for (AnnotatorCount c : a.top()) line(out, "  %-24s %,12d", c.annotator(), c.records());
    }

    private static void agreement(StringBuilder out, FeedbackSummary s) {
        line(out, "Agreement (items judged by 2 or more annotators):");
        for (AgreementFigure f : s.agreement()) {
            if (!f.available()) line(out, "  %-44s n/a (%s)", f.statistic(), f.absentReason());
            else if (Double.isNaN(f.value())) line(out, "  %-44s undefined (all judgements in one category): %s, %,d items", f.statistic(), f.over(), f.items());
            else line(out, "  %-44s %6.3f  %s, %,d items, %d annotators", f.statistic(), f.value(), f.over(), f.items(), f.annotators());
        }
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) return "none";
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
