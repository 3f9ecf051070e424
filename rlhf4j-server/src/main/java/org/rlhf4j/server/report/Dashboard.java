package org.rlhf4j.server.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rlhf4j.feedback.stats.FeedbackStats;
import org.rlhf4j.feedback.stats.FeedbackSummary;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.queue.Answers;
import org.rlhf4j.server.queue.Queue;
import org.rlhf4j.server.queue.StoredAnswer;

/**
 * What an admin sees of a project: throughput, each annotator's counts, time per item and
 * honeypot accuracy, and agreement and length bias from rlhf4j-feedback's {@link FeedbackStats}
 * over the answers of ordinary items.
 *
 * @param answersPerHour answers per hour between the first and the last answer (NaN with fewer than two)
 * @param lastHourAnswers answers in the hour before the dashboard was made
 */
public record Dashboard(long items, long honeypots, long answers, long skips, long itemsComplete, double answersPerHour, long lastHourAnswers,
        List<AnnotatorFigures> annotators, FeedbackSummary summary) {

    /**
     * @param medianSecondsPerItem median of lease-to-answer times, NaN when none
     * @param honeypotsAnswered    honeypot items answered
     * @param honeypotsCorrect     of them, those matching the known answer
     */
    public record AnnotatorFigures(String annotator, long answers, long skips, double medianSecondsPerItem, long honeypotsAnswered, long honeypotsCorrect) {
        /** correct / answered; NaN when no honeypot was answered. */
        public double honeypotAccuracy() {
            return honeypotsAnswered == 0 ? Double.NaN : (double) honeypotsCorrect / honeypotsAnswered;
        }
    }

    public static Dashboard of(Database db, Project project, long nowMillis) {
        return db.transaction(c -> {
            List<ProjectExport.Answered> answered = ProjectExport.answered(c, project);
            List<StoredAnswer> all = Queue.all(c, project.id());
            long items = 0, honeypots = 0;
            Map<Long, Long> answersPerItem = new TreeMap<>();
            try (var s = c.prepareStatement("SELECT id, honeypot IS NOT NULL FROM items WHERE project_id = ?")) {
                s.setLong(1, project.id());
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        items++;
                        if (r.getBoolean(2)) honeypots++;
                        else answersPerItem.put(r.getLong(1), 0L);
                    }
                }
            }
            Map<String, List<StoredAnswer>> byAnnotator = new TreeMap<>();
            long skips = 0, lastHour = 0;
            for (StoredAnswer a : all) {
                byAnnotator.computeIfAbsent(a.username(), k -> new ArrayList<>()).add(a);
                if (a.skipped()) skips++;
                else answersPerItem.computeIfPresent(a.itemId(), (k, n) -> n + 1);
                if (!a.skipped() && a.answeredAtMillis() > nowMillis - 3_600_000) lastHour++;
            }
            long complete = answersPerItem.values().stream().filter(n -> n >= project.spec().overlap()).count();
            FeedbackStats stats = new FeedbackStats();
            List<AnnotatorFigures> figures = new ArrayList<>();
            for (var e : byAnnotator.entrySet()) {
                long n = e.getValue().stream().filter(a -> !a.skipped()).count();
                double[] seconds = e.getValue().stream().filter(a -> !a.skipped()).mapToDouble(a -> (a.answeredAtMillis() - a.leasedAtMillis()) / 1000.0).sorted().toArray();
                long hpAnswered = 0, hpCorrect = 0;
                for (ProjectExport.Answered a : answered) {
                    if (!a.answer().username().equals(e.getKey()) || a.item().honeypot() == null) continue;
                    hpAnswered++;
                    if (Answers.matchesKnown(a.feedback(), a.item().honeypot())) hpCorrect++;
                }
                figures.add(new AnnotatorFigures(e.getKey(), n, e.getValue().size() - n, median(seconds), hpAnswered, hpCorrect));
            }
            for (ProjectExport.Answered a : answered) {
                if (a.item().honeypot() == null) stats.add(a.feedback());
            }
            long[] times = all.stream().filter(a -> !a.skipped()).mapToLong(StoredAnswer::answeredAtMillis).sorted().toArray();
            double perHour = times.length < 2 || times[times.length - 1] == times[0] ? Double.NaN
                    : (times.length - 1) * 3_600_000.0 / (times[times.length - 1] - times[0]);
            return new Dashboard(items, honeypots, answered.size(), skips, complete, perHour, lastHour, figures, stats.summary());
        });
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) return Double.NaN;
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
