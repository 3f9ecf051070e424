package org.rlhf4j.align.ppo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlhf4j.align.online.OnlineDoctor;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;

/** The story of a PPO run: reward and gold against steps, KL, gold against KL, length and EOS, before/after replies, the doctor's findings. */
final class PpoReport {
    private PpoReport() {}

    static Path write(Path out, PpoConfig config, List<OnlineEvaluation.Result> evaluations, OnlineDoctor.Findings findings) throws IOException {
        List<Map<String, Object>> rows = MetricsSink.read(out.resolve(MetricsSink.FILE_NAME));
        RunReport report = new RunReport("PPO against the reward model");
        report.figure("steps", config.steps() + " of " + config.batchSize() + " prompts (" + config.ppoEpochs() + " epochs, micro-batches of " + config.miniBatchSize() + ")");
        if (!evaluations.isEmpty()) {
            OnlineEvaluation.Result first = evaluations.get(0), last = evaluations.get(evaluations.size() - 1);
            report.figure("reward-model score (held-out prompts)", f("%.3f -> %.3f", first.score(), last.score()));
            if (!Double.isNaN(first.gold())) {
                report.figure("gold score, sampled at temperature " + config.temperature(), f("%.3f -> %.3f (%+.3f)", first.gold(), last.gold(), last.gold() - first.gold()));
            }
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
        report.chart("reward.svg", rewardChart(rows, evaluations));
        report.chart("kl.svg", chart(rows, "KL to the reference", "nats per reply", MetricNames.Ppo.KL, "#d2442f", MetricNames.Ppo.KL_COEF, "#888888"));
        if (evaluations.size() > 1 && !Double.isNaN(evaluations.get(0).gold())) report.chart("gold-vs-kl.svg", goldAgainstKl(evaluations));
        report.chart("length.svg", chart(rows, "Reply length and EOS rate", "tokens / share", MetricNames.Ppo.RESPONSES_LEN_MEAN, "#1f5fa8", null, null));
        report.section("What the doctor found", findings.text());
        if (evaluations.size() > 1) report.section("Replies to the same held-out prompts, before and after", beforeAfter(evaluations.get(0), evaluations.get(evaluations.size() - 1)));
        report.link(MetricsSink.FILE_NAME, "metrics per step, under TRL's names")
                .link(PpoTraining.SAMPLES_FILE, "replies at every evaluation")
                .link("model/", "the trained policy (value head included)");
        return report.write(out);
    }

    private static SvgLineChart rewardChart(List<Map<String, Object>> rows, List<OnlineEvaluation.Result> evaluations) {
        SvgLineChart c = new SvgLineChart("Reward and gold score", "PPO step", "score");
        c.add(line(rows, MetricNames.Ppo.MEAN_SCORES, "rollout reward score", "#c7d7ee"));
        List<Double> gx = new ArrayList<>(), gy = new ArrayList<>(), sx = new ArrayList<>(), sy = new ArrayList<>();
        for (OnlineEvaluation.Result r : evaluations) {
            sx.add((double) r.step());
            sy.add(r.score());
            if (!Double.isNaN(r.gold())) {
                gx.add((double) r.step());
                gy.add(r.gold());
            }
        }
        c.add(Series.points("held-out reward score", sx, sy, "#1f5fa8"));
        if (!gx.isEmpty()) {
            c.add(line(rows, MetricNames.Ppo.GOLD, "rollout gold score", "#f2c9a0"));
            c.add(Series.points("held-out gold score", gx, gy, "#d2442f"));
        }
        return c;
    }

    private static SvgLineChart goldAgainstKl(List<OnlineEvaluation.Result> evaluations) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (OnlineEvaluation.Result r : evaluations) {
            x.add(r.kl());
            y.add(r.gold());
        }
        return new SvgLineChart("Gold score against KL to the reference (Gao et al. 2022)", "KL (nats per reply)", "gold score")
                .add(Series.line("PPO evaluations", x, y, "#d2442f"));
    }

    private static SvgLineChart chart(List<Map<String, Object>> rows, String title, String yLabel, String a, String colourA, String b, String colourB) {
        SvgLineChart c = new SvgLineChart(title, "PPO step", yLabel).add(line(rows, a, a, colourA));
        if (b != null) c.add(line(rows, b, b, colourB));
        return c;
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
