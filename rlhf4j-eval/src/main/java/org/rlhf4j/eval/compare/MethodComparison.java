package org.rlhf4j.eval.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.align.bon.BestOfNConfig;
import org.rlhf4j.align.bon.BestOfNSampling;
import org.rlhf4j.align.bon.BestOfNSelection;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;
import org.rlhf4j.core.run.RunFiles;
import org.rlhf4j.eval.policy.Estimate;
import org.rlhf4j.eval.policy.PolicyEvaluation;
import org.rlhf4j.eval.policy.PolicyEvaluationConfig;
import org.rlhf4j.eval.policy.PolicyEvaluationReport;
import org.rlhf4j.eval.policy.SampleStatistics;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * Runs several {@link AlignmentMethod}s from the same SFT policy on the same feedback and
 * evaluates every one the same way, on the same unseen prompts, with the same sampling seed:
 * <pre>
 * out/
 *   comparison-config.json   what was compared
 *   METHOD/                  each method's run directory; METHOD/trained.json once it finished (a rerun skips it)
 *   METHOD/eval/             its evaluation (report.html, evaluation.json)
 *   comparison.json          one row per method
 *   report.html              the table, gold against KL to the SFT policy (with best-of-n's frontier), links to every run
 * </pre>
 * A killed comparison continues where it stopped when run again into the same folder: finished
 * methods are not trained again.
 */
public final class MethodComparison {
    public static final String CONFIG_FILE = "comparison-config.json";
    public static final String RESULT_FILE = "comparison.json";
    static final String TRAINED_FILE = "trained.json";

    private final ComparisonConfig config;
    private final PrintStream out;

    public MethodComparison(ComparisonConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        for (String m : config.methods()) AlignmentMethods.named(m);
    }

    /** What a finished method left, so a rerun need not train it again. */
    public record TrainedRecord(String method, String model, int bestOfN, String runDir, double trainSeconds) {}

    /**
     * One row.
     *
     * @param kl          nats per reply on the method's samples against the SFT policy (best-of-n: the bound)
     * @param winRate     against the SFT policy's samples on the same prompts, by gold (ties half); null without gold
     * @param tokens      mean reply length in tokens (EOS not counted)
     */
    public record Row(String method, String description, Estimate gold, double kl, Estimate winRate, double score, double tokens, double distinct2,
                      double trainSeconds, double evalSeconds, String runDir) {}

    /** Every row, and the frontier line (best-of-n sizes, their KL bound, gold of the reward model's pick and of the oracle's). */
    public record Result(List<Row> rows, List<Integer> frontierSizes, double[] frontierKl, double[] frontierGold, double[] oracleGold, Path report) {
        public Row row(String method) {
            return rows.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
        }
    }

    /**
     * @param gold null: prompts without a gold score (no gold column, no win rate, no frontier)
     */
    public Result run(AlignmentMethod.Inputs in, List<Prompt> evalPrompts, RewardFunction gold, java.util.Map<String, Path> configFiles, Path dir) throws IOException {
        if (evalPrompts.size() < config.evalPrompts()) throw new UserError("need " + config.evalPrompts() + " evaluation prompts, got " + evalPrompts.size());
        Files.createDirectories(dir);
        RunFiles.write(dir.resolve(CONFIG_FILE), config);
        List<Prompt> prompts = evalPrompts.subList(0, config.evalPrompts());
        List<String> order = new ArrayList<>(config.methods());
        order.remove("sft");
        order.add(0, "sft");
        List<TrainedRecord> trained = new ArrayList<>();
        for (String name : order) trained.add(train(AlignmentMethods.named(name), in.withConfigFile(configFiles.get(name)), dir.resolve(name)));

        Checkpoint.Loaded sftLoaded = org.rlhf4j.align.policy.PolicyCheckpoint.languageModel(in.sft(), in.device());
        List<Row> rows = new ArrayList<>();
        double[] sftGold = null;
        PolicyEvaluation.BestOfNCurve frontier = null;
        try (LlamaModel sftModel = sftLoaded.model(); Tokenizer tokenizer = Tokenizer.load(sftLoaded.tokenizer())) {
            PolicyEvaluation.Model reference = new PolicyEvaluation.Model(sftModel, tokenizer);
            for (TrainedRecord t : trained) {
                AlignmentMethod method = AlignmentMethods.named(t.method());
                out.println("evaluating " + t.method() + " on " + prompts.size() + " unseen prompts ...");
                long t0 = System.nanoTime();
                Row row;
                if (t.bestOfN() > 0) {
                    row = bestOfNRow(method, t, sftModel, tokenizer, in.reward(), gold, prompts, sftGold, t0);
                } else if (t.method().equals("sft")) {
                    PolicyEvaluation.Result r = new PolicyEvaluation(evaluation(gold != null)).evaluate(reference, null, in.reward(), gold, prompts);
                    PolicyEvaluationReport.write(r, dir.resolve(t.method()).resolve("eval"), "sft: the baseline");
                    sftGold = r.sampledGold();
                    frontier = r.bestOfN();
                    row = new Row("sft", method.description(), r.sampled().gold(), 0.0, gold == null ? null : new Estimate(0.5, 0.5, 0.5, prompts.size()),
                            r.sampled().score().mean(), r.sampled().meanTokens(), r.sampled().distinct2(), 0, (System.nanoTime() - t0) / 1e9, null);
                } else {
                    Checkpoint.Loaded loaded = org.rlhf4j.align.policy.PolicyCheckpoint.languageModel(Path.of(t.model()), in.device());
                    try (LlamaModel policy = loaded.model()) {
                        PolicyEvaluation.Result r = new PolicyEvaluation(evaluation(false)).evaluate(new PolicyEvaluation.Model(policy, tokenizer), reference, in.reward(), gold, prompts);
                        PolicyEvaluationReport.write(r, dir.resolve(t.method()).resolve("eval"), t.method() + " against the SFT policy");
                        row = new Row(t.method(), method.description(), r.sampled().gold(), r.reference().kl().perReply(), r.reference().winRateByGold(),
                                r.sampled().score().mean(), r.sampled().meanTokens(), r.sampled().distinct2(), t.trainSeconds(), (System.nanoTime() - t0) / 1e9, t.runDir());
                    }
                }
                rows.add(row);
                out.println("  " + line(row));
            }
        }
        List<Integer> sizes = frontier == null ? List.of() : frontier.sizes();
        double[] kl = sizes.stream().mapToDouble(BestOfNSelection::klBound).toArray();
        Result partial = new Result(List.copyOf(rows), sizes, kl, frontier == null ? new double[0] : frontier.goldPickedByReward(),
                frontier == null ? new double[0] : frontier.goldPickedByGold(), null);
        Path report = report(partial, dir);
        Result result = new Result(partial.rows(), partial.frontierSizes(), partial.frontierKl(), partial.frontierGold(), partial.oracleGold(), report);
        RunFiles.write(dir.resolve(RESULT_FILE), result.rows());
        out.println();
        out.println(table(result));
        out.println("report: " + report.toAbsolutePath());
        return result;
    }

    private TrainedRecord train(AlignmentMethod method, AlignmentMethod.Inputs in, Path runDir) throws IOException {
        Path record = runDir.resolve(TRAINED_FILE);
        if (Files.isRegularFile(record)) {
            TrainedRecord done = RunFiles.read(record, TrainedRecord.class, "cannot read the finished method's record");
            out.println(method.name() + ": trained before (" + record + "), not again");
            return done;
        }
        if (Files.isDirectory(runDir)) org.rlhf4j.core.run.AtomicDirectory.deleteTree(runDir);   // a method killed part-way starts again
        out.println();
        out.println(method.name() + ": " + method.description());
        long t0 = System.nanoTime();
        AlignmentMethod.Trained t = method.train(in, runDir);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.createDirectories(runDir);
        TrainedRecord done = new TrainedRecord(method.name(), t.model().toAbsolutePath().toString(), t.bestOfN(), t.runDir() == null ? null : t.runDir().toAbsolutePath().toString(), seconds);
        RunFiles.write(record, done);
        return done;
    }

    private PolicyEvaluationConfig evaluation(boolean frontier) {
        return new PolicyEvaluationConfig(config.evalPrompts(), config.temperature(), false, config.maxNewTokens(), config.batchSize(),
                frontier ? config.frontierSizes() : List.of(), config.frontierPrompts(), 8, "support", config.seed());
    }

    /** Best-of-n on the evaluation prompts: the reward model's pick of n samples of the SFT policy, its gold, against the SFT policy's single samples. */
    private Row bestOfNRow(AlignmentMethod method, TrainedRecord t, LlamaModel sft, Tokenizer tokenizer, RewardFunction reward, RewardFunction gold, List<Prompt> prompts,
                           double[] sftGold, long t0) {
        BestOfNConfig c = new BestOfNConfig(t.bestOfN(), 1, config.temperature(), config.maxNewTokens(), config.batchSize(), "support", config.seed());
        BestOfNSampling.Result r = new BestOfNSampling(c).sample(sft, tokenizer, reward, prompts);
        List<String> replies = r.picks().stream().map(BestOfNSampling.Pick::reply).toList();
        double[] g = gold == null ? null : gold.score(prompts, replies);
        double tokens = 0;
        for (String reply : replies) tokens += tokenizer.encode(reply).length;
        Estimate win = g == null || sftGold == null ? null : SampleStatistics.winRate(g, sftGold);
        return new Row(t.method() + " (n=" + t.bestOfN() + ")", method.description(), g == null ? null : Estimate.of(g), BestOfNSelection.klBound(t.bestOfN()), win,
                r.meanOfBest(), tokens / replies.size(), SampleStatistics.distinct(replies, 2), 0, (System.nanoTime() - t0) / 1e9, null);
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "%-16s gold %s  KL %5.2f  win %s  score %6.3f  tokens %5.1f  distinct-2 %.3f  train %5.0f s", r.method(),
                r.gold() == null ? "  -  " : String.format(Locale.ROOT, "%.3f +- %.3f", r.gold().mean(), r.gold().halfWidth()), r.kl(),
                r.winRate() == null ? "  -  " : String.format(Locale.ROOT, "%.3f", r.winRate().mean()), r.score(), r.tokens(), r.distinct2(), r.trainSeconds());
    }

    /** The rows as a text table. */
    public static String table(Result r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-16s %-15s %6s %6s %7s %6s %9s %8s%n", "method", "gold (95%)", "KL", "win", "score", "tokens", "distinct-2", "train s"));
        for (Row row : r.rows()) {
            s.append(String.format(Locale.ROOT, "%-16s %-15s %6.2f %6s %7.3f %6.1f %9.3f %8.0f%n", row.method(),
                    row.gold() == null ? "-" : String.format(Locale.ROOT, "%.3f +- %.3f", row.gold().mean(), row.gold().halfWidth()), row.kl(),
                    row.winRate() == null ? "-" : String.format(Locale.ROOT, "%.3f", row.winRate().mean()), row.score(), row.tokens(), row.distinct2(), row.trainSeconds()));
        }
        return s.toString().stripTrailing();
    }

    private static Path report(Result r, Path dir) throws IOException {
        RunReport report = new RunReport("rlhf4j compare: every method from the same SFT policy on the same feedback");
        Row sft = r.rows().get(0);
        report.section("How to read this", "Each method started from the same SFT policy and used the same feedback: the comparisons, or the reward model trained on them. "
                + "Every row is evaluated on the same " + (sft.gold() == null ? "" : sft.gold().n() + " ") + "unseen prompts with the same sampling seed. "
                + "Gold is the world's own satisfaction score, which no method saw; KL is measured on each method's samples against the SFT policy "
                + "(best-of-n: the bound ln n - (n-1)/n). A method that raises the reward-model score but not gold is reward hacking. "
                + "The frontier line is best-of-n at several n, the reference Gao et al. 2022 compare RL with at equal KL.");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : r.rows()) {
            rows.add(List.of(row.method(), row.gold() == null ? "-" : String.format(Locale.ROOT, "%.3f ± %.3f", row.gold().mean(), row.gold().halfWidth()),
                    row.gold() == null || sft.gold() == null ? "-" : String.format(Locale.ROOT, "%+.3f", row.gold().mean() - sft.gold().mean()),
                    String.format(Locale.ROOT, "%.2f", row.kl()), row.winRate() == null ? "-" : String.format(Locale.ROOT, "%.3f", row.winRate().mean()),
                    String.format(Locale.ROOT, "%.3f", row.score()), String.format(Locale.ROOT, "%.1f", row.tokens()), String.format(Locale.ROOT, "%.3f", row.distinct2()),
                    String.format(Locale.ROOT, "%.0f", row.trainSeconds())));
        }
        report.table("Methods", List.of("method", "gold (95% interval)", "vs SFT", "KL (nats/reply)", "win rate vs SFT", "reward-model score", "tokens", "distinct-2", "train s"), rows);
        if (sft.gold() != null) {
            SvgLineChart chart = new SvgLineChart("Gold satisfaction against KL to the SFT policy", "KL (nats per reply)", "gold satisfaction");
            if (r.frontierSizes().size() > 0) {
                chart.add(new Series("best-of-n, reward model's pick (n = " + r.frontierSizes() + ")", r.frontierKl(), r.frontierGold(), "#1f77b4", true));
                chart.add(new Series("best-of-n, gold's own pick (the oracle)", r.frontierKl(), r.oracleGold(), "#aaaaaa", true));
            }
            String[] colors = {"#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22"};
            for (int i = 0; i < r.rows().size(); i++) {
                Row row = r.rows().get(i);
                if (row.gold() == null) continue;
                chart.add(new Series(row.method(), new double[] {row.kl()}, new double[] {row.gold().mean()}, colors[i % colors.length], true));
            }
            report.chart("gold-vs-kl.svg", chart);
        }
        for (Row row : r.rows()) {
            String name = row.method().replaceAll(" .*", "");
            if (Files.isRegularFile(dir.resolve(name).resolve("eval").resolve("report.html"))) report.link(name + "/eval/report.html", row.method() + ": evaluation");
            if (row.runDir() != null && Files.isRegularFile(Path.of(row.runDir()).resolve("report.html"))) report.link(dir.toAbsolutePath().relativize(Path.of(row.runDir())) + "/report.html", row.method() + ": training run");
        }
        report.link(RESULT_FILE, "every row as JSON");
        return report.write(dir);
    }
}
