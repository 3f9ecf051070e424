package org.rlhf4j.eval.iterate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.reward.RewardModelFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;
import org.rlhf4j.core.run.AtomicDirectory;
import org.rlhf4j.core.run.RunFiles;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.eval.compare.AlignmentMethod;
import org.rlhf4j.eval.compare.AlignmentMethods;
import org.rlhf4j.eval.feedback.PolicyFeedback;
import org.rlhf4j.eval.feedback.PolicyFeedbackConfig;
import org.rlhf4j.eval.policy.Estimate;
import org.rlhf4j.eval.policy.PolicyEvaluation;
import org.rlhf4j.eval.policy.PolicyEvaluationConfig;
import org.rlhf4j.eval.policy.PolicyEvaluationReport;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.feedback.validate.FeedbackFiles;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import org.rlhf4j.reward.RewardCheckpoint;
import org.rlhf4j.reward.RewardConfig;
import org.rlhf4j.reward.RewardExamples;
import org.rlhf4j.reward.RewardScorer;
import org.rlhf4j.reward.RewardTraining;
import org.rlhf4j.reward.eval.GoldAccuracy;

/**
 * Iterated RLHF on the support world, round by round:
 * <ol>
 *   <li><b>feedback</b>: the simulated customers compare the current policy's own replies on fresh tickets;</li>
 *   <li><b>reward-model check</b>: the reward model so far ranks those unseen pairs against the gold score (how well it knows the new policy's mistakes);</li>
 *   <li><b>reward model</b>: trained again from the SFT model on every comparison so far;</li>
 *   <li><b>policy</b>: the method (PPO by default) improves the current policy against it, KL to the current policy;</li>
 *   <li><b>evaluation</b>: the new policy on unseen tickets: gold, reward, KL to the SFT policy.</li>
 * </ol>
 * <pre>
 * out/
 *   iterate-config.json
 *   round-0/eval/               the SFT policy's evaluation
 *   round-R/comparisons.jsonl   the round's feedback on the current policy's replies
 *   round-R/reward/             the reward model trained on everything so far
 *   round-R/METHOD/             the method's run; its model is the next round's policy
 *   round-R/eval/               the new policy's evaluation
 *   round-R/round.json          the round's figures once it finished (a rerun skips it)
 *   report.html                 gold, reward-model accuracy on the new policy's replies and KL, round by round
 * </pre>
 */
public final class IterativeRlhf {
    public static final String CONFIG_FILE = "iterate-config.json";
    static final String ROUND_FILE = "round.json";

    private final IterateConfig config;
    private final ComputeDevice device;
    private final List<String> commandLine;
    private final PrintStream out;
    private final PrintStream log;

    public IterativeRlhf(IterateConfig config, ComputeDevice device, List<String> commandLine, PrintStream out, PrintStream log) {
        this.config = config;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.out = out;
        this.log = log;
        AlignmentMethods.named(config.method());
    }

    /**
     * One round's figures ({@code round} 0: the SFT policy before any round).
     *
     * @param rewardAccuracy        the previous reward model on this round's comparisons of the current policy's replies, against gold (NaN in round 0)
     * @param rewardAccuracyOneStar the same on pairs at least one star apart in gold
     * @param comparisons           comparisons the round's reward model was trained on, in all
     */
    public record Round(int round, Estimate gold, double kl, double score, double rewardAccuracy, double rewardAccuracyOneStar, int comparisons, String policy,
                        String rewardModel, double seconds) {}

    public record Result(List<Round> rounds, Path report) {}

    /**
     * @param sft          the SFT policy: round 1's policy, the base of every reward model and the KL reference of the evaluations
     * @param rewardModel  the reward model before round 1 (trained on {@code initialData})
     * @param initialData  the comparisons it was trained on; every round's reward model trains on them and on all rounds' feedback
     */
    public Result run(Path sft, Path rewardModel, List<Path> initialData, Path dir) throws IOException {
        return run(sft, rewardModel, initialData, null, dir);
    }

    /** With {@code methodConfig}: a JSON file of the method's configuration fields to change (null: its defaults). */
    public Result run(Path sft, Path rewardModel, List<Path> initialData, Path methodConfig, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path configFile = dir.resolve(CONFIG_FILE);
        if (Files.isRegularFile(configFile)) {
            IterateConfig saved = RunFiles.read(configFile, IterateConfig.class, "cannot continue this run");
            if (!saved.equals(config)) throw new UserError(configFile + ": this folder holds a run with another configuration (" + saved + "); choose a new --out");
        } else {
            RunFiles.write(configFile, config);
        }
        SupportWorld world = SupportWorld.seeded(1234);
        List<Ticket> evalTickets = world.tickets(Split.EVALUATION, 0, config.evalTickets());
        SupportGoldReward gold = new SupportGoldReward(SupportScore.of(world, evalTickets));
        List<Round> rounds = new ArrayList<>();
        rounds.add(finished(dir.resolve("round-0"), () -> {
            PolicyEvaluation.Result r = evaluate(sft, null, rewardModel, gold, evalTickets, dir.resolve("round-0").resolve("eval"), "round 0: the SFT policy");
            return new Round(0, r.sampled().gold(), 0, r.sampled().score().mean(), Double.NaN, Double.NaN, countComparisons(initialData), sft.toString(), rewardModel.toString(), 0);
        }));
        print(rounds.get(0));
        Path policy = sft, rm = rewardModel;
        List<Path> data = new ArrayList<>(initialData);
        for (int round = 1; round <= config.rounds(); round++) {
            Path roundDir = dir.resolve("round-" + round);
            data.add(roundDir.resolve("comparisons.jsonl"));
            final int r = round;
            final Path currentPolicy = policy, currentRm = rm;
            final List<Path> allData = List.copyOf(data);
            Round done = finished(roundDir, () -> round(r, currentPolicy, currentRm, allData, sft, gold, evalTickets, world, methodConfig, roundDir));
            rounds.add(done);
            print(done);
            policy = Path.of(done.policy());
            rm = Path.of(done.rewardModel());
        }
        Path report = report(rounds, dir);
        out.println("report: " + report.toAbsolutePath());
        return new Result(List.copyOf(rounds), report);
    }

    private interface RoundBody {
        Round run() throws IOException;
    }

    /** A round's record if it finished before; otherwise runs it from a clean folder and writes the record last. */
    private Round finished(Path roundDir, RoundBody body) throws IOException {
        Path record = roundDir.resolve(ROUND_FILE);
        if (Files.isRegularFile(record)) return RunFiles.read(record, Round.class, "cannot read the finished round");
        if (Files.isDirectory(roundDir)) AtomicDirectory.deleteTree(roundDir);   // a round killed part-way starts again
        Files.createDirectories(roundDir);
        long t0 = System.nanoTime();
        Round r = body.run();
        r = new Round(r.round(), r.gold(), r.kl(), r.score(), r.rewardAccuracy(), r.rewardAccuracyOneStar(), r.comparisons(), r.policy(), r.rewardModel(),
                (System.nanoTime() - t0) / 1e9);
        Path tmp = roundDir.resolve(ROUND_FILE + ".tmp");
        RunFiles.write(tmp, r);
        Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE);
        return r;
    }

    private Round round(int round, Path policy, Path previousRm, List<Path> data, Path sft, SupportGoldReward gold, List<Ticket> evalTickets, SupportWorld world,
                        Path methodConfig, Path roundDir) throws IOException {
        long seed = config.seed() + round;
        out.println();
        out.printf(Locale.ROOT, "round %d: the panel compares the policy's replies on %d fresh tickets, the reward model trains again, %s improves the policy%n",
                round, config.policyTickets(), config.method());
        // 1. feedback on the current policy's replies
        Path comparisons = data.get(data.size() - 1);
        long first = config.firstTicket() + (long) (round - 1) * config.policyTickets();
        List<Feedback> records;
        Checkpoint.Loaded loaded = PolicyCheckpoint.languageModel(policy, device);
        try (LlamaModel model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            PolicyFeedbackConfig fc = PolicyFeedbackConfig.defaults().withRepliesPerTicket(config.policyReplies()).withMaxNewTokens(config.maxNewTokens()).withPanel(config.annotators(), config.noise()).withSeed(seed);
            records = PolicyFeedback.generate(world, Split.RL, first, config.policyTickets(), model, tokenizer, fc).records();
        }
        try (FeedbackStore store = FeedbackStore.open(comparisons)) {
            store.append(records);
        }
        // 2. how well the reward model so far ranks the new policy's replies (it never saw them)
        GoldAccuracy.Result check;
        var rmLoaded = RewardCheckpoint.load(previousRm, device);
        try (var model = rmLoaded.model(); Tokenizer tokenizer = Tokenizer.load(rmLoaded.tokenizer())) {
            var encoder = RewardExamples.forScoring(tokenizer, model, 256);
            check = GoldAccuracy.measure(new RewardScorer(model, Precision.BF16, 32), encoder, records, SupportScore.of(world, Split.RL, first, config.policyTickets()));
        }
        out.printf(Locale.ROOT, "  the reward model so far on %d pairs of the policy's replies: accuracy against gold %.3f (%.3f on %d pairs at least one star apart)%n",
                check.pairs(), check.accuracy(), check.accuracyAtLeastOneStar(), check.pairsAtLeastOneStar());
        // 3. the reward model again, on everything so far
        var b = RewardConfig.defaults().toBuilder();
        b.seed = seed;
        RewardTraining.Result rm = new RewardTraining(b.build(), device, commandLine, log).run(sft, data, roundDir.resolve("reward"));
        // 4. the method improves the current policy against it
        AlignmentMethod method = AlignmentMethods.named(config.method());
        AlignmentMethod.Trained trained;
        try (RewardModelFunction reward = RewardModelFunction.load(List.of(rm.model()), device, Precision.BF16, 32, 0)) {
            var in = new AlignmentMethod.Inputs(policy, List.of(rm.model()), reward, data, SupportScore.prompts(world.tickets(Split.RL, 0, config.rlTickets())), methodConfig,
                    config.rlSteps(), seed, device, commandLine, log);
            trained = method.train(in, roundDir.resolve(method.name()));
        }
        // 5. the new policy on unseen tickets
        PolicyEvaluation.Result e = evaluate(trained.model(), sft, rm.model(), gold, evalTickets, roundDir.resolve("eval"), "round " + round + ": " + config.method());
        return new Round(round, e.sampled().gold(), e.reference().kl().perReply(), e.sampled().score().mean(), check.accuracy(), check.accuracyAtLeastOneStar(),
                countComparisons(data), trained.model().toAbsolutePath().toString(), rm.model().toAbsolutePath().toString(), 0);
    }

    private PolicyEvaluation.Result evaluate(Path policy, Path reference, Path rm, SupportGoldReward gold, List<Ticket> tickets, Path dir, String title) throws IOException {
        PolicyEvaluationConfig c = PolicyEvaluationConfig.defaults().withPrompts(tickets.size()).withMaxNewTokens(config.maxNewTokens()).withGreedy(false).withBestOfN(List.of(), 1);
        Checkpoint.Loaded p = PolicyCheckpoint.languageModel(policy, device);
        Checkpoint.Loaded ref = reference == null ? null : PolicyCheckpoint.languageModel(reference, device);
        try (LlamaModel model = p.model(); Tokenizer tokenizer = Tokenizer.load(p.tokenizer());
             LlamaModel refModel = ref == null ? null : ref.model();
             RewardModelFunction reward = RewardModelFunction.load(List.of(rm), device, Precision.BF16, 32, 0)) {
            PolicyEvaluation.Result r = new PolicyEvaluation(c).evaluate(new PolicyEvaluation.Model(model, tokenizer),
                    refModel == null ? null : new PolicyEvaluation.Model(refModel, tokenizer), reward, gold, SupportScore.prompts(tickets));
            PolicyEvaluationReport.write(r, dir, title);
            return r;
        }
    }

    private static int countComparisons(List<Path> files) {
        int n = 0;
        for (Path f : files) if (Files.isRegularFile(f)) n += FeedbackFiles.read(f).records().size();
        return n;
    }

    private void print(Round r) {
        out.printf(Locale.ROOT, "  round %d: gold %.3f +- %.3f on %d unseen tickets, KL to SFT %.2f nats per reply%s%n", r.round(), r.gold().mean(), r.gold().halfWidth(),
                r.gold().n(), r.kl(), Double.isNaN(r.rewardAccuracy()) ? "" : String.format(Locale.ROOT, ", reward model on the policy's new replies %.3f", r.rewardAccuracy()));
    }

    private Path report(List<Round> rounds, Path dir) throws IOException {
        RunReport report = new RunReport("rlhf4j iterate: " + config.rounds() + " rounds of feedback on the policy's own replies, reward model, " + config.method());
        report.section("How to read this", "Each round the simulated customers compare two of the current policy's replies on " + config.policyTickets()
                + " fresh tickets; the reward model so far is checked on those pairs against the gold score before it trains again on every comparison so far; then "
                + config.method() + " improves the policy against the new reward model. Gold is measured on the same " + config.evalTickets()
                + " unseen tickets after every round, KL against the SFT policy.");
        List<List<String>> rows = new ArrayList<>();
        List<Integer> x = new ArrayList<>();
        List<Double> g = new ArrayList<>(), lo = new ArrayList<>(), hi = new ArrayList<>(), acc = new ArrayList<>();
        List<Integer> accX = new ArrayList<>();
        for (Round r : rounds) {
            rows.add(List.of(Integer.toString(r.round()), String.format(Locale.ROOT, "%.3f ± %.3f", r.gold().mean(), r.gold().halfWidth()),
                    String.format(Locale.ROOT, "%.2f", r.kl()), Double.isNaN(r.rewardAccuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", r.rewardAccuracy()),
                    Double.isNaN(r.rewardAccuracyOneStar()) ? "-" : String.format(Locale.ROOT, "%.3f", r.rewardAccuracyOneStar()), Integer.toString(r.comparisons()),
                    String.format(Locale.ROOT, "%.0f", r.seconds())));
            x.add(r.round());
            g.add(r.gold().mean());
            lo.add(r.gold().lower());
            hi.add(r.gold().upper());
            if (!Double.isNaN(r.rewardAccuracy())) {
                accX.add(r.round());
                acc.add(r.rewardAccuracy());
            }
        }
        report.table("Round by round", List.of("round", "gold (95% interval)", "KL to SFT", "reward model on the policy's new replies", "same, pairs >= 1 star apart",
                "comparisons so far", "seconds"), rows);
        report.chart("gold.svg", new SvgLineChart("Gold satisfaction after each round", "round", "gold satisfaction")
                .add(Series.points("gold", x, g, "#d62728")).add(Series.line("95% lower", x, lo, "#f4a0a0")).add(Series.line("95% upper", x, hi, "#f4a0a0")));
        if (!acc.isEmpty()) {
            report.chart("reward-accuracy.svg", new SvgLineChart("The reward model so far on the new policy's replies", "round", "pairwise accuracy against gold")
                    .add(Series.points("accuracy", accX, acc, "#1f77b4")));
        }
        for (Round r : rounds) {
            report.link("round-" + r.round() + "/eval/report.html", "round " + r.round() + ": evaluation");
            if (r.round() > 0 && Files.isRegularFile(dir.resolve("round-" + r.round()).resolve(config.method()).resolve("report.html"))) {
                report.link("round-" + r.round() + "/" + config.method() + "/report.html", "round " + r.round() + ": " + config.method() + " run");
            }
        }
        return report.write(dir);
    }
}
