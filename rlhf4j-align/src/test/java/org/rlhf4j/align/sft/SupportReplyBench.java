package org.rlhf4j.align.sft;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.world.DialogueFormat;
import org.rlhf4j.feedback.world.GoldSatisfaction;
import org.rlhf4j.feedback.world.SatisfactionTerms;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.sampling.Generation;
import org.rlhf4j.lm.sampling.Sampler;
import org.rlhf4j.lm.sampling.SamplingConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * How well a checkpoint answers unseen tickets of the support world, by the world's gold
 * satisfaction terms: one reply per ticket at temperature 1.0, at 0.7 and greedy (no top-k, no
 * top-p), cut at the first newline as the demo's samples are. Reports the mean gold score, the
 * mean relevance and details terms, the share of replies that state a wrong detail (order number,
 * amount, e-mail, date, name, product) and the share that state the key detail right.
 *
 * <p>A measurement for BENCHMARKS.md ("Copying details"), kept in test scope: PPO's policy
 * evaluation will own this in {@code rlhf4j-eval}. Run after {@code mvn -B -q -o -DskipTests
 * install} and {@code mvn -B -q -o -pl rlhf4j-align test-compile}:
 * <pre>
 * java -cp rlhf4j-cli/target/rlhf4j.jar:rlhf4j-align/target/test-classes \
 *     org.rlhf4j.align.sft.SupportReplyBench MODEL_DIR [tickets=160] [worldSeed=1234] [threads=1] [show=0]
 * </pre>
 */
public final class SupportReplyBench {
    private static final int BATCH = 32;
    private static final int MAX_NEW_TOKENS = 120;
    private static final long SAMPLING_SEED = 7;

    /** Means over one setting's replies. */
    record Row(String setting, int replies, double gold, double relevance, double details, double wrongDetailShare,
               double keyDetailShare, double words, double seconds) {
        String markdown() {
            return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.0f%% | %.0f%% | %.0f | %.0f |", setting, replies, gold,
                    relevance, details, 100 * wrongDetailShare, 100 * keyDetailShare, words, seconds);
        }
    }

    private SupportReplyBench() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SupportReplyBench MODEL_DIR [tickets=160] [worldSeed=1234] [threads=1] [show=0]");
            System.exit(2);
        }
        Path modelDir = Path.of(args[0]);
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 160;
        long worldSeed = args.length > 2 ? Long.parseLong(args[2]) : 1234;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int show = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Engine.load();
        Engine.setThreads(threads);
        List<Ticket> evaluation = SupportWorld.seeded(worldSeed).tickets(Split.EVALUATION, 0, tickets);
        Checkpoint.Loaded loaded = Checkpoint.load(modelDir, ComputeDevice.CPU);
        try (LlamaModel model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            System.out.println("model " + modelDir + ", " + tickets + " evaluation tickets of world " + worldSeed);
            System.out.println("| sampling | replies | gold | relevance | details | wrong detail | key detail right | words | s |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (double temperature : new double[] {1.0, 0.7, 0.0}) {
                System.out.println(measure(model, tokenizer, evaluation, temperature, temperature == 0 ? show : 0).markdown());
            }
        }
    }

    /** Samples and scores one reply per ticket; prints the first {@code show} to stderr. */
    static Row measure(LlamaModel model, Tokenizer tokenizer, List<Ticket> tickets, double temperature, int show) {
        long t0 = System.nanoTime();
        List<SatisfactionTerms> terms = new ArrayList<>();
        Sampler sampler = new Sampler(model, Precision.FP32);
        for (int from = 0; from < tickets.size(); from += BATCH) {
            List<Ticket> batch = tickets.subList(from, Math.min(tickets.size(), from + BATCH));
            List<int[]> prompts = new ArrayList<>();
            int longest = 0;
            for (Ticket t : batch) {
                int[] prompt = withBos(tokenizer, DialogueFormat.prompt(t));
                prompts.add(prompt);
                longest = Math.max(longest, prompt.length);
            }
            int maxNew = Math.min(MAX_NEW_TOKENS, model.config().maxPositionEmbeddings() - longest);
            // One seed per batch: the sampler seeds each call from its config.
            Generation g = sampler.generate(prompts, new SamplingConfig(maxNew, temperature, 0, 1.0, true, SAMPLING_SEED + from));
            for (int i = 0; i < batch.size(); i++) {
                String reply = firstLine(tokenizer.decode(g.tokens()[i], true));
                SatisfactionTerms scored = GoldSatisfaction.terms(batch.get(i), reply);
                terms.add(scored);
                if (from + i < show) {
                    System.err.printf(Locale.ROOT, "%s %s%n  gold %.2f, details %.2f, wrong detail %b%n%n", DialogueFormat.prompt(batch.get(i)), reply,
                            scored.score(), scored.details(), scored.wrongDetail());
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return summarise(temperature == 0 ? "greedy" : "T=" + temperature, terms, seconds);
    }

    static Row summarise(String setting, List<SatisfactionTerms> terms, double seconds) {
        double gold = 0, relevance = 0, details = 0, wrong = 0, key = 0, words = 0;
        for (SatisfactionTerms t : terms) {
            gold += t.score();
            relevance += t.relevance();
            details += t.details();
            wrong += t.wrongDetail() ? 1 : 0;
            key += t.details() == 1.0 ? 1 : 0;
            words += t.words();
        }
        int n = terms.size();
        return new Row(setting, n, gold / n, relevance / n, details / n, wrong / n, key / n, words / n, seconds);
    }

    /** The reply as the demo shows it: up to the first newline, without the space after "Agent:". */
    static String firstLine(String reply) {
        int end = reply.indexOf('\n');
        return (end < 0 ? reply : reply.substring(0, end)).strip();
    }

    /** As the CLI's {@code GenerateCommand.withBos}: a sequence starts with BOS. */
    static int[] withBos(Tokenizer tokenizer, String prompt) {
        int[] ids = tokenizer.encode(prompt);
        int[] out = new int[ids.length + 1];
        out[0] = tokenizer.bosId();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }
}
