package org.rlhf4j.eval.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;

/**
 * Writes a {@link PolicyEvaluation.Result}: {@code evaluation.json} (the result record; NaN as
 * the string "NaN"), {@code report.html} with the figures, the best-of-n and gold-distribution
 * charts and the sample table, and a short text table for the terminal.
 */
public final class PolicyEvaluationReport {
    public static final String JSON_FILE = "evaluation.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicyEvaluationReport() {}

    /** Writes the files into {@code dir} (created); returns the report's path. */
    public static Path write(PolicyEvaluation.Result r, Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + JSON_FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), r);
        Files.move(tmp, dir.resolve(JSON_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        RunReport report = new RunReport(title);
        report.figure("prompts", Integer.toString(r.prompts()));
        figures(report, String.format(Locale.ROOT, "sampled (T=%s)", num(r.config().temperature())), r.sampled());
        if (r.greedy() != null) figures(report, "greedy", r.greedy());
        if (r.reference() != null) {
            figures(report, "reference, sampled", r.reference().reference());
            report.figure("KL to the reference on the policy's samples", String.format(Locale.ROOT, "%.3f nats per reply (k3 %.4f nats per token)",
                    r.reference().kl().perReply(), r.reference().kl().k3PerToken()));
            if (r.reference().winRateByGold() != null) report.figure("win rate against the reference, by gold", r.reference().winRateByGold().toString());
            report.figure("win rate against the reference, by the reward", r.reference().winRateByReward().toString());
        }
        if (r.bestOfN() != null) {
            PolicyEvaluation.BestOfNCurve c = r.bestOfN();
            report.figure("best-of-n: within-prompt correlation of reward and gold", String.format(Locale.ROOT, "%.3f", c.withinPromptCorrelation()));
            report.chart("best-of-n.svg", bestOfNChart(c));
            report.section("Best-of-n (" + c.prompts() + " prompts, " + c.samplesPerPrompt() + " replies each, " + c.estimator() + ")", bestOfNText(c));
        }
        if (r.sampledGold().length > 0) report.chart("gold-distribution.svg", goldChart(r));
        List<List<String>> rows = new ArrayList<>();
        for (PolicyEvaluation.SampleRow s : r.samples()) rows.add(List.of(s.prompt(), s.reply(), num(s.reward()), Double.isNaN(s.gold()) ? "" : num(s.gold())));
        if (!rows.isEmpty()) report.table("Sampled replies", List.of("prompt", "reply", "reward", "gold"), rows);
        report.link(JSON_FILE, "every figure as JSON");
        return report.write(dir);
    }

    private static void figures(RunReport report, String name, PolicyEvaluation.ReplySummary s) {
        report.figure(name + ": reward", s.score().toString());
        if (s.gold() != null) report.figure(name + ": gold", s.gold().toString());
        if (s.terms() != null) {
            report.figure(name + ": relevance / details / wrong-detail rate",
                    String.format(Locale.ROOT, "%.3f / %.3f / %.3f", s.terms().relevance(), s.terms().details(), s.terms().wrongDetailRate()));
        }
        report.figure(name + ": length", String.format(Locale.ROOT, "%.1f tokens, %.1f words; EOS rate %.3f", s.meanTokens(), s.meanWords(), s.eosRate()));
        report.figure(name + ": distinct-1 / distinct-2", String.format(Locale.ROOT, "%.3f / %.3f", s.distinct1(), s.distinct2()));
    }

    static SvgLineChart bestOfNChart(PolicyEvaluation.BestOfNCurve c) {
        List<Double> x = new ArrayList<>();
        for (int n : c.sizes()) x.add(Math.log(n) / Math.log(2));
        return new SvgLineChart("Best-of-n: gold of the reply picked", "log2 n", "mean gold (1-5)")
                .add(Series.line("picked by the reward", x, list(c.goldPickedByReward()), "#1f77b4"))
                .add(Series.line("picked by gold (oracle)", x, list(c.goldPickedByGold()), "#2ca02c"));
    }

    /** Share of replies per quarter-star bin of gold. */
    static SvgLineChart goldChart(PolicyEvaluation.Result r) {
        SvgLineChart chart = new SvgLineChart("Gold score of sampled replies", "gold (1-5)", "share of replies");
        chart.add(histogram("policy", r.sampledGold(), "#1f77b4"));
        if (r.referenceGold().length > 0) chart.add(histogram("reference", r.referenceGold(), "#ff7f0e"));
        return chart;
    }

    private static Series histogram(String name, double[] gold, String color) {
        int bins = 16;
        double[] x = new double[bins + 1], y = new double[bins + 1];
        for (double g : gold) y[(int) Math.min(bins, Math.max(0, Math.round((g - 1) * 4)))] += 1.0 / gold.length;
        for (int i = 0; i <= bins; i++) x[i] = 1 + i / 4.0;
        return new Series(name, x, y, color, false);
    }

    static String bestOfNText(PolicyEvaluation.BestOfNCurve c) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%6s %22s %22s %16s%n", "n", "gold, picked by reward", "gold, picked by gold", "reward of pick"));
        for (int i = 0; i < c.sizes().size(); i++) {
            s.append(String.format(Locale.ROOT, "%6d %22.3f %22.3f %16.3f%n", c.sizes().get(i), c.goldPickedByReward()[i], c.goldPickedByGold()[i], c.rewardOfPick()[i]));
        }
        s.append(String.format(Locale.ROOT, "within-prompt correlation of reward and gold: %.3f%n", c.withinPromptCorrelation()));
        if (!c.pickedTerms().isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nterms of the reply ranked first among all %d (any = every reply):%n", c.samplesPerPrompt()));
            s.append(String.format(Locale.ROOT, "%-8s %9s %8s %10s %9s %9s %7s %10s %6s %8s%n", "picker", "relevance", "details", "politeness", "concision", "action", "wrong", "other-area", "words", "penalty"));
            for (PolicyEvaluation.PickedTerms t : c.pickedTerms()) {
                s.append(String.format(Locale.ROOT, "%-8s %9.3f %8.3f %10.3f %9.3f %9.3f %7.3f %10.3f %6.1f %8.3f%n", t.picker(), t.relevance(), t.details(), t.politeness(),
                        t.concision(), t.actionability(), t.wrongDetailRate(), t.otherAreaRate(), t.words(), t.penalty()));
            }
        }
        return s.toString();
    }

    /** A few lines for the terminal. */
    public static String text(PolicyEvaluation.Result r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-22s %8s %8s %8s %8s %7s %8s%n", "replies", "reward", "gold", "details", "wrong", "tokens", "EOS"));
        row(s, String.format(Locale.ROOT, "sampled, T=%s", num(r.config().temperature())), r.sampled());
        if (r.greedy() != null) row(s, "greedy", r.greedy());
        if (r.reference() != null) row(s, "reference, sampled", r.reference().reference());
        if (r.reference() != null) {
            s.append(String.format(Locale.ROOT, "KL to the reference: %.3f nats per reply (k3 %.4f per token); win rate by gold %s, by reward %s%n",
                    r.reference().kl().perReply(), r.reference().kl().k3PerToken(),
                    r.reference().winRateByGold() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.reference().winRateByGold().mean()),
                    String.format(Locale.ROOT, "%.3f", r.reference().winRateByReward().mean())));
        }
        if (r.bestOfN() != null) s.append("best-of-n:\n").append(bestOfNText(r.bestOfN()));
        return s.toString();
    }

    private static void row(StringBuilder s, String name, PolicyEvaluation.ReplySummary m) {
        s.append(String.format(Locale.ROOT, "%-22s %8.3f %8s %8s %8s %7.1f %8.3f%n", name, m.score().mean(),
                m.gold() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.gold().mean()),
                m.terms() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.terms().details()),
                m.terms() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.terms().wrongDetailRate()), m.meanTokens(), m.eosRate()));
    }

    private static List<Double> list(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double v : a) out.add(v);
        return out;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
