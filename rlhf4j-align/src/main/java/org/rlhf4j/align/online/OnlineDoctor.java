package org.rlhf4j.align.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every online method's doctor shares: findings, the reward-hacking check on evaluations
 * (the reward rising while the gold score falls) and the series helpers the method doctors
 * (PPO's, GRPO's, RLOO's) read their metrics with.
 */
public final class OnlineDoctor {
    private OnlineDoctor() {}

    public enum Severity { ALARM, WARNING, NOTE }

    public record Finding(Severity severity, String title, String explanation) {
        @Override
        public String toString() {
            return severity + ": " + title + ". " + explanation;
        }
    }

    /** @param healthy what {@link #text} says when there is nothing to report */
    public record Findings(List<Finding> findings, String healthy) {
        public boolean has(String titleStart) {
            for (Finding f : findings) if (f.title().startsWith(titleStart)) return true;
            return false;
        }

        public boolean alarm() {
            for (Finding f : findings) if (f.severity() == Severity.ALARM) return true;
            return false;
        }

        public String text() {
            if (findings.isEmpty()) return "doctor: nothing to report: " + healthy;
            StringBuilder s = new StringBuilder("doctor:");
            for (Finding f : findings) s.append("\n  ").append(f);
            return s.toString();
        }
    }

    /** Proxy reward up while the gold score falls: the reward model is being exploited. */
    public static void hacking(List<OnlineEvaluation.Result> evaluations, List<Finding> out) {
        if (evaluations.size() < 3 || Double.isNaN(evaluations.get(0).gold())) return;
        OnlineEvaluation.Result first = evaluations.get(0), last = evaluations.get(evaluations.size() - 1), best = first;
        for (OnlineEvaluation.Result r : evaluations) if (r.gold() > best.gold()) best = r;
        boolean scoreUp = last.score() > first.score() + 0.1;
        boolean goldDown = last.gold() < best.gold() - 0.25 && last.gold() < first.gold() + (best.gold() - first.gold()) / 2;
        if (scoreUp && goldDown) {
            out.add(new Finding(Severity.ALARM, "reward hacking",
                    fmt("the reward model's score rose from %.2f to %.2f while the gold score fell to %.2f (it was %.2f at step %d, %.2f at the start). The policy found replies "
                            + "the reward model overrates. Keep the checkpoint near step %d, raise the KL coefficient, use an ensemble with an uncertainty penalty, and retrain "
                            + "the reward model on comparisons of the policy's own replies.", first.score(), last.score(), last.gold(), best.gold(), best.step(), first.gold(), best.step())));
        }
    }

    /** The finite values of metric {@code name} in step order. */
    public static double[] series(List<Map<String, Object>> rows, String name) {
        List<Double> v = new ArrayList<>();
        for (Map<String, Object> r : rows) if (r.get(name) instanceof Number n && Double.isFinite(n.doubleValue())) v.add(n.doubleValue());
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Mean of the first quarter. */
    public static double headMean(double[] v) {
        return mean(v, 0, Math.max(1, v.length / 4));
    }

    /** Mean of the last quarter. */
    public static double tailMean(double[] v) {
        return mean(v, v.length - Math.max(1, v.length / 4), v.length);
    }

    public static double mean(double[] v, int from, int to) {
        if (v.length == 0) return Double.NaN;
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        return s / (to - from);
    }

    public static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    public static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    public static double correlation(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        if (n < 3) return Double.NaN;
        double ma = mean(a, 0, n), mb = mean(b, 0, n), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    public static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
