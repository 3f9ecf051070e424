package org.rlhf4j.align.online;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;
import org.rlhf4j.core.run.MetricsSink;

/**
 * The report of a critic-free online run (GRPO, RLOO): reward and gold against steps, KL, gold
 * against KL, reply length, before/after replies, the doctor's findings. The method names its
 * metrics; PPO keeps its own report with the value head's story.
 */
public final class OnlineReport {
    private OnlineReport() {}

    /** The method's metric names the charts read. */
    public record Names(String reward, String gold, String kl, String length) {}

    public static Path write(Path out, String title, String method, String stepsFigure, double temperature, Names names, List<OnlineEvaluation.Result> evaluations,
                             OnlineDoctor.Findings findings) throws IOException {
        List<Map<String, Object>> rows = MetricsSink.read(out.resolve(MetricsSink.FILE_NAME));
        RunReport report = new RunReport(title);
        report.figure("steps", stepsFigure);
        if (!evaluations.isEmpty()) {
            OnlineEvaluation.Result first = evaluations.get(0), last = evaluations.get(evaluations.size() - 1);
            report.figure("reward score (held-out prompts)", f("%.3f -> %.3f", first.score(), last.score()));
            if (!Double.isNaN(first.gold())) report.figure("gold score, sampled at temperature " + temperature, f("%.3f -> %.3f (%+.3f)", first.gold(), last.gold(), last.gold() - first.gold()));
            if (!Double.isNaN(first.greedyGold()) && !Double.isNaN(last.greedyGold())) {
                report.figure("gold score, greedy", f("%.3f -> %.3f (%+.3f)", first.greedyGold(), last.greedyGold(), last.greedyGold() - first.greedyGold()));
            }
            if (!Double.isNaN(first.details())) {
                report.figure("gold terms: relevance, details, wrong-detail rate", f("%.2f, %.2f, %.0f%% -> %.2f, %.2f, %.0f%%", first.relevance(), first.details(),
                        100 * first.wrongDetailRate(), last.relevance(), last.details(), 100 * last.wrongDetailRate()));
            }
            report.figure("KL to the reference (nats per reply)", f("%.2f", last.kl()));
            report.figure("reply length (tokens), EOS rate", f("%.0f, %.0f%% -> %.0f, %.0f%%", first.responseLength(), 100 * first.eosRate(), last.responseLength(), 100 * last.eosRate()));
        }
        SvgLineChart reward = new SvgLineChart("Reward and gold score", method + " step", "score").add(line(rows, names.reward(), "rollout reward", "#c7d7ee"));
        List<Double> sx = new ArrayList<>(), sy = new ArrayList<>(), gx = new ArrayList<>(), gy = new ArrayList<>(), kx = new ArrayList<>();
        for (OnlineEvaluation.Result r : evaluations) {
            sx.add((double) r.step());
            sy.add(r.score());
            if (!Double.isNaN(r.gold())) {
                gx.add((double) r.step());
                gy.add(r.gold());
                kx.add(r.kl());
            }
        }
        reward.add(Series.points("held-out reward score", sx, sy, "#1f5fa8"));
        if (!gx.isEmpty()) {
            reward.add(line(rows, names.gold(), "rollout gold score", "#f2c9a0"));
            reward.add(Series.points("held-out gold score", gx, gy, "#d2442f"));
        }
        report.chart("reward.svg", reward);
        report.chart("kl.svg", new SvgLineChart("KL to the reference", method + " step", names.kl()).add(line(rows, names.kl(), names.kl(), "#d2442f")));
        if (gx.size() > 1) {
            report.chart("gold-vs-kl.svg", new SvgLineChart("Gold score against KL to the reference (Gao et al. 2022)", "KL (nats per reply)", "gold score")
                    .add(Series.line(method + " evaluations", kx, gy, "#d2442f")));
        }
        report.chart("length.svg", new SvgLineChart("Reply length", method + " step", "tokens").add(line(rows, names.length(), names.length(), "#1f5fa8")));
        report.section("What the doctor found", findings.text());
        if (evaluations.size() > 1) report.section("Replies to the same held-out prompts, before and after", beforeAfter(evaluations.get(0), evaluations.get(evaluations.size() - 1)));
        report.link(MetricsSink.FILE_NAME, "metrics per step, under TRL's names")
                .link(OnlineTraining.SAMPLES_FILE, "replies at every evaluation")
                .link("model/", "the trained policy");
        return report.write(out);
    }

    private static Series line(List<Map<String, Object>> rows, String name, String label, String colour) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (Map<String, Object> m : rows) {
            if (m.get(name) instanceof Number v && Double.isFinite(v.doubleValue())) {
                x.add(((Number) m.get(MetricsSink.STEP)).doubleValue());
                y.add(v.doubleValue());
            }
        }
        return Series.line(label, x, y, colour);
    }

    private static String beforeAfter(OnlineEvaluation.Result before, OnlineEvaluation.Result after) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(before.samples().size(), after.samples().size()); i++) {
            OnlineEvaluation.Sample b = before.samples().get(i), a = after.samples().get(i);
            s.append("Customer: ").append(b.prompt()).append('\n');
            s.append(f("  step %d (score %.2f, gold %.2f): ", before.step(), b.score(), b.gold())).append(b.reply()).append('\n');
            s.append(f("  step %d (score %.2f, gold %.2f): ", after.step(), a.score(), a.gold())).append(a.reply()).append("\n\n");
        }
        return s.toString().strip();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
