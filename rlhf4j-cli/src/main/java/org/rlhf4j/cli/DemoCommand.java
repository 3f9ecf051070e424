package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.eval.PretrainReport;
import org.rlhf4j.feedback.world.DialogueFormat;
import org.rlhf4j.feedback.world.PretrainingCorpus;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.pretrain.PretrainConfig;
import org.rlhf4j.lm.pretrain.Pretraining;
import org.rlhf4j.lm.sampling.Generation;
import org.rlhf4j.lm.sampling.Sampler;
import org.rlhf4j.lm.sampling.SamplingConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job on the embedded default, the loop as far as it is built: generate the
 * customer-support world's corpus, pretrain the embedded model, fine-tune it on demonstrations
 * written by simulated customers, collect their comparisons of logged replies, train a reward
 * model on them and check it against the world's gold satisfaction score. (PPO joins later.)
 * <pre>
 * out/            pretraining run (corpus, model/, report.html)
 * out/data/       simulated feedback: demonstrations, comparisons, held-out comparisons
 * out/sft/        SFT run
 * out/reward/     reward-model run (model/, eval/)
 * out/demo-report/report.html   the whole loop's report
 * </pre>
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the embedded customer-support demo: corpus, pretraining, SFT, simulated feedback, reward model, evaluation against the gold score.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo", description = "Run directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1234", description = "World and training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", paramLabel = "N", description = "Pretraining steps (default: the embedded recipe's).")
    Integer steps;

    @Option(names = "--corpus-bytes", paramLabel = "N", defaultValue = "3000000", description = "Size of the generated corpus (default: ${DEFAULT-VALUE}).")
    long corpusBytes;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "4", description = "Held-out prompts to answer at the end (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--base", paramLabel = "DIR", description = "Start from this pretrained model instead of pretraining one (e.g. an earlier demo's model/).")
    Path base;

    @Option(names = "--demonstrations", paramLabel = "N", defaultValue = "1500", description = "Tickets the simulated customers write demonstrations for (default: ${DEFAULT-VALUE}).")
    int demonstrations;

    @Option(names = "--comparisons", paramLabel = "N", defaultValue = "3000", description = "Tickets the simulated customers compare two logged replies on (default: ${DEFAULT-VALUE}).")
    int comparisons;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        var device = engine.start();
        SupportWorld world = SupportWorld.seeded(seed);
        Path pretrained = base != null ? base : pretrain(world, device);
        Loop loop = new Loop(world, device, pretrained);
        loop.run();
        return 0;
    }

    private Path pretrain(SupportWorld world, org.rlhf4j.core.tensor.ComputeDevice device) throws IOException {
        Path corpusFile = out.resolve("corpus.jsonl");
        java.nio.file.Files.createDirectories(out);
        long t0 = System.nanoTime();
        PretrainingCorpus corpus = PretrainingCorpus.generate(world, corpusBytes);
        corpus.write(corpusFile);
        System.err.printf("corpus: %d documents, %.1f MB -> %s (%.1f s)%n", corpus.documents().size(), corpus.sizeBytes() / 1e6, corpusFile, (System.nanoTime() - t0) / 1e9);

        PretrainConfig config = PretrainConfig.defaults().withOverrides(steps, seed, null);
        var result = new Pretraining(config, device, List.of("rlhf4j", "demo", "--seed", Long.toString(seed))).run(corpusFile, out, null);
        printSummary(result);
        String samples = samples(world, result.model(), device);
        System.out.println();
        System.out.println("Replies to held-out customer messages (temperature 0.7, top-k 40):");
        System.out.println();
        System.out.println(samples);
        Path report = PretrainReport.write(out, result, samples);
        System.out.println("Pretraining run: " + out.toAbsolutePath() + " (config, run.json, metrics.jsonl, model/); report " + report.toAbsolutePath());
        return result.model();
    }

    /** SFT, feedback, reward model and evaluation, after pretraining. */
    private final class Loop {
        private final SupportWorld world;
        private final org.rlhf4j.core.tensor.ComputeDevice device;
        private final Path pretrained;

        Loop(SupportWorld world, org.rlhf4j.core.tensor.ComputeDevice device, Path pretrained) {
            this.world = world;
            this.device = device;
            this.pretrained = pretrained;
        }

        void run() throws IOException {
            Path data = out.resolve("data");
            java.nio.file.Files.createDirectories(data);
            Path demos = write(data.resolve("demonstrations.jsonl"), org.rlhf4j.feedback.simulate.SupportFeedback.generate(world, Split.SFT, 0, demonstrations,
                    java.util.EnumSet.of(org.rlhf4j.feedback.simulate.SupportFeedback.Kind.DEMONSTRATION), 5, 0.2, seed));
            Path compared = write(data.resolve("comparisons.jsonl"), org.rlhf4j.feedback.simulate.SupportFeedback.generate(world, Split.RL, 0, comparisons,
                    java.util.EnumSet.of(org.rlhf4j.feedback.simulate.SupportFeedback.Kind.COMPARISON), 5, 0.2, seed + 1));
            int heldOutTickets = 500;
            Path heldOut = write(data.resolve("held-out-comparisons.jsonl"), org.rlhf4j.feedback.simulate.SupportFeedback.generate(world, Split.EVALUATION, 0,
                    heldOutTickets, java.util.EnumSet.of(org.rlhf4j.feedback.simulate.SupportFeedback.Kind.COMPARISON), 5, 0.2, seed + 2));
            System.out.println();
            System.out.println("SFT on " + demonstrations + " tickets' demonstrations by simulated customers:");
            var sftConfig = org.rlhf4j.align.sft.SftConfig.defaults().withEpochs(1);
            sftConfig = sftConfig.withTraining(sftConfig.training().withSeed(seed));
            var sft = new org.rlhf4j.align.sft.SftTraining(sftConfig, device, List.of("rlhf4j", "demo"), System.err, 0).run(pretrained, List.of(demos), out.resolve("sft"));
            System.out.printf(java.util.Locale.ROOT, "  held-out loss on demonstrations %.4f -> %.4f (perplexity %.2f -> %.2f), %d steps in %.0f s%n", sft.heldOutLossBefore(),
                    sft.bestHeldOutLoss(), Math.exp(sft.heldOutLossBefore()), Math.exp(sft.bestHeldOutLoss()), sft.summary().steps(), sft.summary().seconds());
            System.out.println();
            System.out.println("Reward model on " + comparisons + " tickets' comparisons by simulated customers:");
            var rmConfig = org.rlhf4j.reward.RewardConfig.defaults().toBuilder();
            rmConfig.seed = seed;
            var rm = new org.rlhf4j.reward.RewardTraining(rmConfig.build(), device, List.of("rlhf4j", "demo"), System.err).run(sft.model(), List.of(compared), out.resolve("reward"));
            System.out.printf(java.util.Locale.ROOT, "  %d steps in %.0f s; held-out accuracy against the labels %.4f%n", rm.summary().steps(), rm.summary().seconds(),
                    rm.heldOut() == null ? Double.NaN : rm.heldOut().accuracy());
            var gold = org.rlhf4j.feedback.simulate.SupportScore.of(world, Split.EVALUATION, 0, heldOutTickets);
            var loaded = org.rlhf4j.reward.RewardCheckpoint.load(rm.model(), device);
            String goldText;
            try (var model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
                var encoder = org.rlhf4j.reward.RewardExamples.forScoring(tokenizer, model, 256);
                var records = org.rlhf4j.feedback.validate.FeedbackFiles.read(heldOut).records();
                goldText = org.rlhf4j.reward.eval.GoldAccuracy.measure(new org.rlhf4j.reward.RewardScorer(model, Precision.BF16, 32), encoder, records, gold).text();
            }
            System.out.println("  on " + heldOutTickets + " unseen tickets, " + goldText.strip().replace("\n", "\n  "));
            Path report = new org.rlhf4j.core.report.RunReport("rlhf4j demo: the customer-support loop")
                    .figure("SFT held-out loss", String.format(java.util.Locale.ROOT, "%.4f -> %.4f", sft.heldOutLossBefore(), sft.bestHeldOutLoss()))
                    .figure("reward model, held-out label accuracy", String.format(java.util.Locale.ROOT, "%.4f", rm.heldOut() == null ? Double.NaN : rm.heldOut().accuracy()))
                    .section("Reward model against the gold satisfaction score (unseen tickets)", goldText)
                    .link(base != null ? pretrained.toUri().toString() : "../report.html", "pretraining")
                    .link("../sft/report.html", "supervised fine-tuning")
                    .link("../reward/report.html", "reward-model training")
                    .link("../reward/eval/report.html", "reward-model evaluation: calibration, length bias, distributions")
                    .link("../data/", "the simulated feedback")
                    .write(out.resolve("demo-report"));
            System.out.println();
            System.out.println("Run directory: " + out.toAbsolutePath());
            System.out.println("Report: " + report.toAbsolutePath());
        }

        private Path write(Path file, List<org.rlhf4j.feedback.Feedback> records) {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            try (var store = org.rlhf4j.feedback.store.FeedbackStore.open(file)) {
                store.append(records);
            }
            return file;
        }
    }

    /** The model's replies to held-out customer messages, one conversation per paragraph. */
    private String samples(SupportWorld world, Path modelDir, org.rlhf4j.core.tensor.ComputeDevice device) {
        List<Ticket> tickets = world.tickets(Split.EVALUATION, 0, samples);
        Checkpoint.Loaded loaded = Checkpoint.load(modelDir, device);
        try (var model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            List<int[]> prompts = new ArrayList<>();
            for (Ticket t : tickets) prompts.add(GenerateCommand.withBos(tokenizer, DialogueFormat.prompt(t)));
            Generation g = new Sampler(model, Precision.FP32).generate(prompts, new SamplingConfig(80, 0.7, 40, 0.95, true, seed));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < tickets.size(); i++) {
                String reply = tokenizer.decode(g.tokens()[i], true);
                int end = reply.indexOf('\n');
                text.append(DialogueFormat.prompt(tickets.get(i))).append(end < 0 ? reply : reply.substring(0, end)).append("\n\n");
            }
            return text.toString().strip();
        }
    }

    static void printSummary(Pretraining.Result r) {
        var s = r.summary();
        System.out.printf("pretrained %,d parameters on %,d tokens: %d steps in %.0f s (%.0f tokens/s), train loss %.3f, held-out loss %.3f (perplexity %.1f)%n",
                r.parameters(), r.corpusTokens(), s.steps(), s.seconds(), s.tokens() / s.seconds(), s.lastTrainLoss(), s.heldOutLoss(), Math.exp(s.heldOutLoss()));
        System.out.println("model: " + r.model().toAbsolutePath());
    }
}
