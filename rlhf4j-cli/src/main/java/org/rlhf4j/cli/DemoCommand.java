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
 * The main job on the embedded default. At this stage of the project: generate the
 * customer-support world's corpus, pretrain the embedded model on it, and show what it writes
 * for held-out customer messages. (Feedback, reward model and PPO join the loop in later issues.)
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the embedded customer-support demo: generate the corpus, pretrain the embedded model, sample replies.")
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

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        var device = engine.start();
        SupportWorld world = SupportWorld.seeded(seed);
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
        System.out.println("Run directory: " + out.toAbsolutePath() + " (config, run.json, metrics.jsonl, model/)");
        System.out.println("Report: " + report.toAbsolutePath());
        return 0;
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
