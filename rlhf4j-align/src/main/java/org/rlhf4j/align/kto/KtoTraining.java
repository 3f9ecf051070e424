package org.rlhf4j.align.kto;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlhf4j.align.dpo.DpoTraining;
import org.rlhf4j.align.offline.OfflineExample;
import org.rlhf4j.align.offline.OfflineReport;
import org.rlhf4j.align.offline.OfflineTraining;
import org.rlhf4j.align.offline.ReplyEncoding;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.RunFiles;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.run.Shuffle;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.feedback.LineProblem;
import org.rlhf4j.feedback.convert.PreferencePair;
import org.rlhf4j.feedback.format.FeedbackFormat;
import org.rlhf4j.feedback.format.FormatDetector;
import org.rlhf4j.feedback.format.ImportResult;
import org.rlhf4j.feedback.format.UnpairedExample;
import org.rlhf4j.feedback.format.UnpairedReader;
import org.rlhf4j.feedback.validate.FeedbackFiles;

/**
 * A managed KTO run ({@link OfflineTraining}'s run directory, with {@code kto-config.json}) on
 * unpaired examples: TRL unpaired files as they are, and every other feedback file's preference
 * pairs split into a desirable and an undesirable reply. Each example's mismatched reply, for the
 * KL reference point, is the next example's reply in a seeded shuffle (TRL pairs each prompt
 * with another row's completion in the same way), fixed for the run so it can be cached.
 */
public final class KtoTraining {
    public static final String METHOD = "kto";
    private final KtoConfig config;
    private final OfflineTraining training;
    private final PrintStream log;

    public KtoTraining(KtoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log) {
        this(config, device, commandLine, log, List.of());
    }

    public KtoTraining(KtoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log, List<OfflineTraining.Listener> listeners) {
        this.config = config;
        this.log = log;
        this.training = new OfflineTraining(METHOD, config, config, new KtoObjective(config), new Finish(), device, commandLine, log, listeners);
    }

    /** Keep the reference log-probs in {@code dir} too, shared by runs on the same data and reference (null: the run directory only). */
    public KtoTraining withReferenceCache(Path dir) {
        training.withReferenceCache(dir);
        return this;
    }

    public static KtoConfig savedConfig(Path out) {
        return RunFiles.read(out.resolve(METHOD + "-config.json"), KtoConfig.class, "cannot resume this run");
    }

    public OfflineTraining.Result run(Path policy, Path reference, List<Path> data, List<Path> evalData, Path out) throws IOException {
        Split split = split(data, evalData);
        return training.run(policy, reference, all(data, evalData), (tok, template) -> encode(split, new ReplyEncoding(tok, template, config.maxLength(), config.maxPromptLength())), out);
    }

    public OfflineTraining.Result resume(List<Path> data, List<Path> evalData, Path out) throws IOException {
        Split split = split(data, evalData);
        return training.resume(all(data, evalData), (tok, template) -> encode(split, new ReplyEncoding(tok, template, config.maxLength(), config.maxPromptLength())), out);
    }

    record Split(List<UnpairedExample> train, List<UnpairedExample> heldOut) {}

    private Split split(List<Path> data, List<Path> evalData) {
        List<UnpairedExample> train = readUnpaired(data, log);
        if (!evalData.isEmpty()) return new Split(train, readUnpaired(evalData, log));
        List<UnpairedExample> shuffled = Shuffle.copy(train, SeedStreams.of(config.seed()).random("held_out"));
        int heldOut = (int) Math.round(shuffled.size() * config.evalFraction());
        return new Split(List.copyOf(shuffled.subList(heldOut, shuffled.size())), List.copyOf(shuffled.subList(0, heldOut)));
    }

    /** Unpaired examples from {@code files}: TRL unpaired files directly, any other feedback's pairs as a desirable and an undesirable reply each. */
    public static List<UnpairedExample> readUnpaired(List<Path> files, PrintStream log) {
        List<UnpairedExample> out = new ArrayList<>();
        List<Path> paired = new ArrayList<>();
        for (Path f : files) {
            if (!java.nio.file.Files.isRegularFile(f)) throw new UserError(f + ": not found");
            if (FeedbackFiles.isStoreFormat(f) || FormatDetector.detect(f) != FeedbackFormat.TRL_UNPAIRED) {
                paired.add(f);
                continue;
            }
            ImportResult<UnpairedExample> r = UnpairedReader.read(f);
            out.addAll(r.records());
            if (!r.problems().isEmpty()) {
                log.println(f + ": " + r.problems().size() + " line(s) could not be used (run `rlhf4j data validate " + f + "` for all of them):");
                for (LineProblem p : r.problems().subList(0, Math.min(3, r.problems().size()))) log.println("  " + p);
            }
        }
        if (!paired.isEmpty()) {
            for (PreferencePair p : DpoTraining.readPairs(paired, log)) {
                out.add(new UnpairedExample(p.id() + ":chosen", p.prompt(), p.chosen(), true, null));
                out.add(new UnpairedExample(p.id() + ":rejected", p.prompt(), p.rejected(), false, null));
            }
        }
        if (out.isEmpty()) throw new UserError(files + ": no labelled replies (TRL unpaired lines or preference pairs)");
        return out;
    }

    private OfflineTraining.Examples encode(Split split, ReplyEncoding enc) {
        SeedStreams seeds = SeedStreams.of(config.seed());
        return new OfflineTraining.Examples(examples(split.train(), enc, seeds.random("kl_pairs_train")), examples(split.heldOut(), enc, seeds.random("kl_pairs_held_out")));
    }

    /** Slot 0 the labelled reply after its prompt; slot 1 the reply of the next example in a seeded shuffle, after this prompt. */
    public static List<OfflineExample> examples(List<UnpairedExample> unpaired, ReplyEncoding enc, SplittableRandom random) {
        int n = unpaired.size();
        int[] order = Shuffle.permutation(n, random);
        int[] partner = new int[n];
        for (int i = 0; i < n; i++) partner[order[i]] = order[(i + 1) % n];
        List<OfflineExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UnpairedExample e = unpaired.get(i);
            int[] q = enc.prompt(e.prompt());
            out.add(new OfflineExample(e.id(), new int[][] {q, q}, new int[][] {enc.reply(q, e.completion()), enc.reply(q, unpaired.get(partner[i]).completion())}, e.desirable()));
        }
        return out;
    }

    private static List<Path> all(List<Path> data, List<Path> evalData) {
        List<Path> all = new ArrayList<>(data);
        all.addAll(evalData);
        return all;
    }

    private final class Finish implements OfflineTraining.Finish {
        @Override
        public List<String> findings(List<Map<String, Object>> metrics) {
            return List.of();
        }

        @Override
        public Path report(Path out, List<Map<String, Double>> evaluations, List<String> findings, int steps, double seconds) throws IOException {
            Path metrics = out.resolve(MetricsSink.FILE_NAME);
            String margin = "eval/" + MetricNames.Dpo.REWARDS_MARGINS;
            RunReport r = new RunReport("KTO (beta " + config.beta() + ")").figure("steps", String.format(Locale.ROOT, "%d in %.0f s", steps, seconds));
            if (!evaluations.isEmpty()) {
                r.figure("held-out reward margin (desirable - undesirable)", String.format(Locale.ROOT, "%.3f -> %.3f",
                        evaluations.get(0).getOrDefault(margin, Double.NaN), evaluations.get(evaluations.size() - 1).getOrDefault(margin, Double.NaN)));
            }
            return r.chart("loss.svg", OfflineReport.curves(metrics, "KTO loss", "loss", MetricNames.Train.LOSS, MetricNames.Eval.LOSS))
                    .chart("rewards.svg", OfflineReport.curves(metrics, "Implicit rewards", "beta log(pi / ref)", MetricNames.Dpo.REWARDS_CHOSEN, MetricNames.Dpo.REWARDS_REJECTED, margin))
                    .chart("kl.svg", OfflineReport.curves(metrics, "KL reference point z0", "nats per reply", MetricNames.Dpo.KL, "eval/" + MetricNames.Dpo.KL))
                    .link("model/", "the trained policy")
                    .link(MetricsSink.FILE_NAME, "metrics per step")
                    .write(out);
        }
    }
}
