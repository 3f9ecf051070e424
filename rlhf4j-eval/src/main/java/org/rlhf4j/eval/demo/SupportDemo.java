package org.rlhf4j.eval.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.align.ppo.PpoConfig;
import org.rlhf4j.align.ppo.PpoTraining;
import org.rlhf4j.align.reward.RewardModelFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.align.sft.SftConfig;
import org.rlhf4j.align.sft.SftTraining;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.eval.PretrainReport;
import org.rlhf4j.eval.compare.AlignmentMethod;
import org.rlhf4j.eval.compare.AlignmentMethods;
import org.rlhf4j.eval.compare.ComparisonConfig;
import org.rlhf4j.eval.compare.MethodComparison;
import org.rlhf4j.eval.feedback.PolicyFeedback;
import org.rlhf4j.eval.feedback.PolicyFeedbackConfig;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.simulate.SupportFeedback;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.feedback.validate.FeedbackFiles;
import org.rlhf4j.feedback.world.PretrainingCorpus;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.pretrain.PretrainConfig;
import org.rlhf4j.lm.pretrain.Pretraining;
import org.rlhf4j.lm.sampling.Generation;
import org.rlhf4j.lm.sampling.Sampler;
import org.rlhf4j.lm.sampling.SamplingConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import org.rlhf4j.reward.RewardCheckpoint;
import org.rlhf4j.reward.RewardConfig;
import org.rlhf4j.reward.RewardExamples;
import org.rlhf4j.reward.RewardScorer;
import org.rlhf4j.reward.RewardTraining;
import org.rlhf4j.reward.eval.GoldAccuracy;

/**
 * The documents' whole loop on the embedded customer-support world, as a library: generate the
 * corpus and pretrain (unless given a base model), simulated customers write demonstrations and
 * compare replies, SFT, a reward model checked against the gold satisfaction score, PPO against
 * the reward model evaluated with the gold score, and one report that tells the story.
 * <pre>
 * out/            pretraining run (corpus, model/, report.html)
 * out/data/       simulated feedback: demonstrations, comparisons of logged and of the SFT policy's replies, held-out comparisons
 * out/sft/        SFT run
 * out/reward/     reward-model run (model/, eval/)
 * out/ppo/        PPO run (model/, metrics, samples, report.html), with --method ppo (the default)
 * out/align/      any other method (--method dpo, grpo, ...): its run in align/METHOD/, its evaluation against SFT as `rlhf4j compare` lays it out
 * out/demo-report/report.html   the whole loop's report
 * </pre>
 */
public final class SupportDemo {
    private final DemoConfig config;
    private final ComputeDevice device;
    private final PrintStream out;
    private final PrintStream log;
    private final List<String> commandLine;

    public SupportDemo(DemoConfig config, ComputeDevice device, List<String> commandLine, PrintStream out, PrintStream log) {
        this.config = config;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.out = out;
        this.log = log;
    }

    /** What the loop produced, stage by stage. */
    public record Result(Path pretrained, SftTraining.Result sft, RewardTraining.Result reward, String goldCheck, PpoTraining.Result ppo,
                         MethodComparison.Result aligned, Path report) {}

    /** Where a finished demo run keeps what later commands ({@code compare}, {@code iterate}) start from. */
    public record Outputs(Path sft, Path rewardModel, List<Path> comparisons) {}

    /** The SFT policy, reward model and comparisons of the demo run in {@code dir}; a one-line error if it is not one. */
    public static Outputs outputs(Path dir) {
        Path sft = dir.resolve("sft").resolve("model"), rm = dir.resolve("reward").resolve("model");
        for (Path p : List.of(sft, rm)) {
            if (!Files.isRegularFile(p.resolve(Checkpoint.CONFIG))) throw new org.rlhf4j.core.UserError(dir + ": not a finished demo run (no " + dir.relativize(p) + "/" + Checkpoint.CONFIG + ")");
        }
        List<Path> comparisons = new ArrayList<>();
        for (String f : new String[] {COMPARISONS, POLICY_COMPARISONS}) if (Files.isRegularFile(dir.resolve("data").resolve(f))) comparisons.add(dir.resolve("data").resolve(f));
        return new Outputs(sft, rm, List.copyOf(comparisons));
    }

    static final String COMPARISONS = "comparisons.jsonl", POLICY_COMPARISONS = "policy-comparisons.jsonl";

    /** Runs every stage into {@code dir}; {@code base} (nullable) is a pretrained model that replaces pretraining. */
    public Result run(Path dir, Path base) throws IOException {
        if (!config.method().equals("ppo")) AlignmentMethods.named(config.method());   // an unknown name fails before any stage runs
        SupportWorld world = SupportWorld.seeded(config.seed());
        Path pretrained = base != null ? base : pretrain(world, dir);
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path demos = write(data.resolve("demonstrations.jsonl"), feedback(world, Split.SFT, config.demonstrations(), SupportFeedback.Kind.DEMONSTRATION, config.seed()));
        Path compared = write(data.resolve(COMPARISONS), feedback(world, Split.RL, config.comparisons(), SupportFeedback.Kind.COMPARISON, config.seed() + 1));
        Path heldOut = write(data.resolve("held-out-comparisons.jsonl"), feedback(world, Split.EVALUATION, config.heldOutTickets(), SupportFeedback.Kind.COMPARISON, config.seed() + 2));

        SftTraining.Result sft = sft(pretrained, demos, dir.resolve("sft"));
        List<Path> comparisons = new ArrayList<>(List.of(compared));
        if (config.policyComparisons() > 0) comparisons.add(policyComparisons(world, sft.model(), data.resolve(POLICY_COMPARISONS)));
        RewardTraining.Result rm = rewardModel(sft.model(), comparisons, dir.resolve("reward"));
        String goldCheck = goldCheck(world, rm.model(), heldOut);
        boolean isPpo = config.method().equals("ppo");
        PpoTraining.Result ppo = config.rlSteps() > 0 && isPpo ? ppo(world, sft.model(), rm.model(), dir.resolve("ppo")) : null;
        MethodComparison.Result aligned = config.rlSteps() > 0 && !isPpo ? align(world, sft.model(), rm.model(), comparisons, dir.resolve("align")) : null;
        Path report = report(dir, base, pretrained, sft, rm, goldCheck, ppo, aligned);
        out.println();
        out.println("Run directory: " + dir.toAbsolutePath());
        out.println("Report: " + report.toAbsolutePath());
        return new Result(pretrained, sft, rm, goldCheck, ppo, aligned, report);
    }

    private Path pretrain(SupportWorld world, Path dir) throws IOException {
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        PretrainingCorpus corpus = PretrainingCorpus.generate(world, config.corpusBytes());
        corpus.write(corpusFile);
        log.printf(Locale.ROOT, "corpus: %d documents, %.1f MB -> %s (%.1f s)%n", corpus.documents().size(), corpus.sizeBytes() / 1e6, corpusFile, (System.nanoTime() - t0) / 1e9);
        PretrainConfig pc = PretrainConfig.defaults().withOverrides(config.pretrainSteps() > 0 ? config.pretrainSteps() : null, config.seed(), null);
        Pretraining.Result result = new Pretraining(pc, device, commandLine).run(corpusFile, dir, null);
        out.println(result.describe());
        out.println("model: " + result.model().toAbsolutePath());
        String samples = samples(world, result.model());
        out.println();
        out.println("Replies to held-out customer messages (temperature 0.7, top-k 40):");
        out.println();
        out.println(samples);
        Path report = PretrainReport.write(dir, result, samples);
        out.println("Pretraining run: " + dir.toAbsolutePath() + " (config, run.json, metrics.jsonl, model/); report " + report.toAbsolutePath());
        return result.model();
    }

    private List<Feedback> feedback(SupportWorld world, Split split, int tickets, SupportFeedback.Kind kind, long seed) {
        return SupportFeedback.generate(world, split, 0, tickets, EnumSet.of(kind), config.annotators(), config.noise(), seed);
    }

    private SftTraining.Result sft(Path pretrained, Path demos, Path dir) throws IOException {
        out.println();
        out.println("SFT on " + config.demonstrations() + " tickets' demonstrations by simulated customers:");
        SftConfig c = SftConfig.defaults().withEpochs(config.sftEpochs());
        c = c.withTraining(c.training().withSeed(config.seed()));
        SftTraining.Result sft = new SftTraining(c, device, commandLine, log, 0).run(pretrained, List.of(demos), dir);
        out.printf(Locale.ROOT, "  held-out loss on demonstrations %.4f -> %.4f (perplexity %.2f -> %.2f), %d steps in %.0f s%n", sft.heldOutLossBefore(),
                sft.bestHeldOutLoss(), Math.exp(sft.heldOutLossBefore()), Math.exp(sft.bestHeldOutLoss()), sft.summary().steps(), sft.summary().seconds());
        return sft;
    }

    /** The simulated customers compare two replies the SFT policy samples for each of further RL tickets. */
    private Path policyComparisons(SupportWorld world, Path sftModel, Path file) {
        Checkpoint.Loaded loaded = Checkpoint.load(sftModel, device);
        try (var model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            PolicyFeedbackConfig c = PolicyFeedbackConfig.defaults().withPanel(config.annotators(), config.noise()).withSeed(config.seed() + 3);
            PolicyFeedback.Result r = PolicyFeedback.generate(world, Split.RL, config.comparisons(), config.policyComparisons(), model, tokenizer, c);
            out.println();
            out.printf(Locale.ROOT, "Simulated customers compared two of the SFT policy's own replies on %d more tickets: %d comparisons (%,d tokens sampled in %.0f s)%n",
                    config.policyComparisons(), r.policyComparisons(), r.sampledTokens(), r.samplingSeconds());
            return write(file, r.records());
        }
    }

    private RewardTraining.Result rewardModel(Path sftModel, List<Path> comparisons, Path dir) throws IOException {
        out.println();
        out.println("Reward model on " + config.comparisons() + " tickets' comparisons of logged replies"
                + (config.policyComparisons() > 0 ? " and " + config.policyComparisons() + " tickets' comparisons of the SFT policy's replies:" : ":"));
        var b = RewardConfig.defaults().toBuilder();
        b.seed = config.seed();
        RewardTraining.Result rm = new RewardTraining(b.build(), device, commandLine, log).run(sftModel, comparisons, dir);
        out.printf(Locale.ROOT, "  %d steps in %.0f s; held-out accuracy against the labels %.4f%n", rm.summary().steps(), rm.summary().seconds(),
                rm.heldOut() == null ? Double.NaN : rm.heldOut().accuracy());
        return rm;
    }

    /** The reward model against the gold score on held-out tickets' comparisons. */
    private String goldCheck(SupportWorld world, Path rmDir, Path heldOut) {
        var gold = SupportScore.of(world, Split.EVALUATION, 0, config.heldOutTickets());
        var loaded = RewardCheckpoint.load(rmDir, device);
        try (var model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            var encoder = RewardExamples.forScoring(tokenizer, model, 256);
            var records = FeedbackFiles.read(heldOut).records();
            String text = GoldAccuracy.measure(new RewardScorer(model, Precision.BF16, 32), encoder, records, gold).text();
            out.println("  on " + config.heldOutTickets() + " unseen tickets, " + text.strip().replace("\n", "\n  "));
            return text;
        }
    }

    private PpoTraining.Result ppo(SupportWorld world, Path sftModel, Path rmDir, Path dir) throws IOException {
        out.println();
        out.println("PPO against the reward model on " + config.rlTickets() + " tickets' prompts (" + config.rlSteps() + " steps):");
        List<Ticket> train = world.tickets(Split.RL, 0, config.rlTickets());
        List<Ticket> eval = world.tickets(Split.EVALUATION, 0, config.evalTickets());
        List<Ticket> all = new ArrayList<>(train);
        all.addAll(eval);
        PpoConfig c = PpoConfig.defaults().withSeed(config.seed()).withSteps(config.rlSteps());
        try (RewardModelFunction reward = RewardModelFunction.load(List.of(rmDir), device, Precision.BF16, 32, 0)) {
            var inputs = new PpoTraining.Inputs(reward, SupportScore.prompts(train), SupportScore.prompts(eval), new SupportGoldReward(SupportScore.of(world, all)));
            PpoTraining.Result r = new PpoTraining(c, device, commandLine, log).run(sftModel, null, inputs, dir);
            if (!r.evaluations().isEmpty()) {
                var a = r.first();
                var b = r.last();
                out.printf(Locale.ROOT, "  %d steps in %.0f s; on %d unseen tickets (temperature %.1f): reward score %.3f -> %.3f, gold satisfaction %.3f -> %.3f (%+.3f), KL %.2f nats per reply%n",
                        r.steps(), r.seconds(), eval.size(), c.temperature(), a.score(), b.score(), a.gold(), b.gold(), b.gold() - a.gold(), b.kl());
                if (!Double.isNaN(a.greedyGold()) && !Double.isNaN(b.greedyGold())) out.printf(Locale.ROOT, "  greedy: gold %.3f -> %.3f%n", a.greedyGold(), b.greedyGold());
                out.printf(Locale.ROOT, "  gold terms: relevance %.2f -> %.2f, details %.2f -> %.2f, wrong detail in %.0f%% -> %.0f%% of replies%n", a.relevance(), b.relevance(),
                        a.details(), b.details(), 100 * a.wrongDetailRate(), 100 * b.wrongDetailRate());
                out.println("  " + r.findings().text().replace("\n", "\n  "));
            }
            return r;
        }
    }

    /** Any method but PPO: trained from the SFT policy on the same feedback, then evaluated against it on the evaluation tickets, as `rlhf4j compare` does. */
    private MethodComparison.Result align(SupportWorld world, Path sftModel, Path rmDir, List<Path> comparisons, Path dir) throws IOException {
        AlignmentMethod method = AlignmentMethods.named(config.method());
        out.println();
        out.println(method.name() + " (" + method.description() + ") from the SFT policy, on " + config.rlTickets() + " tickets' prompts and the reward model's comparisons:");
        List<Ticket> eval = world.tickets(Split.EVALUATION, 0, Math.max(1, config.evalTickets()));
        ComparisonConfig c = new ComparisonConfig(List.of("sft", method.name()), eval.size(), 1.0, PpoConfig.defaults().maxNewTokens(), 32, List.of(), 1, config.seed());
        try (RewardModelFunction reward = RewardModelFunction.load(List.of(rmDir), device, Precision.BF16, 32, 0)) {
            var in = new AlignmentMethod.Inputs(sftModel, List.of(rmDir), reward, comparisons, SupportScore.prompts(world.tickets(Split.RL, 0, config.rlTickets())), null,
                    config.rlSteps(), config.seed(), device, commandLine, log);
            MethodComparison.Result r = new MethodComparison(c, log).run(in, SupportScore.prompts(eval), new SupportGoldReward(SupportScore.of(world, eval)), java.util.Map.of(), dir);
            MethodComparison.Row before = r.rows().get(0), after = r.rows().get(1);
            out.printf(Locale.ROOT, "  on %d unseen tickets (temperature 1): reward score %.3f -> %.3f, gold satisfaction %.3f -> %.3f (%+.3f), KL %.2f nats per reply, win rate against SFT %.3f; %.0f s of training%n",
                    eval.size(), before.score(), after.score(), before.gold().mean(), after.gold().mean(), after.gold().mean() - before.gold().mean(), after.kl(),
                    after.winRate() == null ? Double.NaN : after.winRate().mean(), after.trainSeconds());
            return r;
        }
    }

    private Path report(Path dir, Path base, Path pretrained, SftTraining.Result sft, RewardTraining.Result rm, String goldCheck, PpoTraining.Result ppo,
                        MethodComparison.Result aligned) throws IOException {
        RunReport report = new RunReport("rlhf4j demo: the customer-support loop")
                .figure("SFT held-out loss", String.format(Locale.ROOT, "%.4f -> %.4f", sft.heldOutLossBefore(), sft.bestHeldOutLoss()))
                .figure("reward model, held-out label accuracy", String.format(Locale.ROOT, "%.4f", rm.heldOut() == null ? Double.NaN : rm.heldOut().accuracy()));
        if (ppo != null && !ppo.evaluations().isEmpty()) {
            var a = ppo.first();
            var b = ppo.last();
            report.figure("PPO: gold satisfaction on unseen tickets", String.format(Locale.ROOT, "%.3f -> %.3f (%+.3f), sampled at the policy's temperature", a.gold(), b.gold(), b.gold() - a.gold()))
                    .figure("PPO: reward-model score", String.format(Locale.ROOT, "%.3f -> %.3f", a.score(), b.score()))
                    .figure("PPO: KL to the SFT policy", String.format(Locale.ROOT, "%.2f nats per reply", b.kl()));
            if (!Double.isNaN(a.greedyGold()) && !Double.isNaN(b.greedyGold())) {
                report.figure("PPO: gold satisfaction, greedy", String.format(Locale.ROOT, "%.3f -> %.3f", a.greedyGold(), b.greedyGold()));
            }
        }
        if (aligned != null) {
            MethodComparison.Row before = aligned.rows().get(0), after = aligned.rows().get(1);
            report.figure(after.method() + ": gold satisfaction on unseen tickets", String.format(Locale.ROOT, "%.3f -> %.3f (%+.3f), sampled at temperature 1",
                            before.gold().mean(), after.gold().mean(), after.gold().mean() - before.gold().mean()))
                    .figure(after.method() + ": reward-model score", String.format(Locale.ROOT, "%.3f -> %.3f", before.score(), after.score()))
                    .figure(after.method() + ": KL to the SFT policy", String.format(Locale.ROOT, "%.2f nats per reply", after.kl()));
        }
        report.section("Reward model against the gold satisfaction score (unseen tickets)", goldCheck);
        if (ppo != null) report.section("What the PPO doctor found", ppo.findings().text());
        report.link(base != null ? pretrained.toUri().toString() : "../report.html", "pretraining")
                .link("../sft/report.html", "supervised fine-tuning")
                .link("../reward/report.html", "reward-model training")
                .link("../reward/eval/report.html", "reward-model evaluation: calibration, length bias, distributions");
        if (ppo != null) report.link("../ppo/report.html", "PPO: reward, gold and KL curves, before/after replies");
        if (aligned != null) report.link("../align/report.html", config.method() + " against the SFT policy: the table, the runs and their evaluations");
        report.link("../data/", "the simulated feedback");
        return report.write(dir.resolve("demo-report"));
    }

    /** The model's replies to held-out customer messages, one conversation per paragraph. */
    private String samples(SupportWorld world, Path modelDir) {
        List<Ticket> tickets = world.tickets(Split.EVALUATION, 0, config.samples());
        if (tickets.isEmpty()) return "";
        ChatTemplate template = ChatTemplate.named("support");
        Checkpoint.Loaded loaded = Checkpoint.load(modelDir, device);
        try (var model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            List<int[]> prompts = new ArrayList<>();
            for (Ticket t : tickets) prompts.add(template.encodePrompt(tokenizer, SupportScore.prompt(t)));
            Generation g = new Sampler(model, Precision.FP32).generate(prompts, new SamplingConfig(80, 0.7, 40, 0.95, true, config.seed()));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < tickets.size(); i++) {
                String reply = tokenizer.decode(g.tokens()[i], true);
                int end = reply.indexOf('\n');
                text.append(template.render(SupportScore.prompt(tickets.get(i)))).append(end < 0 ? reply : reply.substring(0, end)).append("\n\n");
            }
            return text.toString().strip();
        }
    }

    private static Path write(Path file, List<Feedback> records) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (FeedbackStore store = FeedbackStore.open(file)) {
            store.append(records);
        }
        return file;
    }
}
