package org.rlhf4j.align.dpo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlhf4j.align.offline.OfflineExample;
import org.rlhf4j.align.offline.OfflineReport;
import org.rlhf4j.align.offline.OfflineTraining;
import org.rlhf4j.align.offline.ReplyEncoding;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.report.LearningCurves;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.RunFiles;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.run.Shuffle;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.convert.Conversion;
import org.rlhf4j.feedback.convert.PairOptions;
import org.rlhf4j.feedback.convert.PreferencePair;
import org.rlhf4j.feedback.convert.PreferencePairs;
import org.rlhf4j.feedback.validate.FeedbackFiles;

/**
 * A managed DPO run (the run directory of {@link OfflineTraining}, with {@code dpo-config.json}):
 * preference pairs from any feedback files rlhf4j reads, held-out pairs from {@code evalData} or
 * a seeded share of the data, the policy trained from an SFT checkpoint against a frozen
 * reference (the same checkpoint unless given), and a report with the implicit reward's
 * held-out accuracy.
 */
public final class DpoTraining {
    public static final String METHOD = "dpo";
    private final DpoConfig config;
    private final OfflineTraining training;
    private final PrintStream log;

    public DpoTraining(DpoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log) {
        this(config, device, commandLine, log, List.of());
    }

    public DpoTraining(DpoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log, List<OfflineTraining.Listener> listeners) {
        this.config = config;
        this.log = log;
        this.training = new OfflineTraining(METHOD, config, config, new DpoObjective(config), new Finish(), device, commandLine, log, listeners);
    }

    /** The configuration a run directory was started with. */
    /** Keep the reference log-probs in {@code dir} too, shared by runs on the same data and reference (null: the run directory only). */
    public DpoTraining withReferenceCache(Path dir) {
        training.withReferenceCache(dir);
        return this;
    }

    public static DpoConfig savedConfig(Path out) {
        return RunFiles.read(out.resolve(METHOD + "-config.json"), DpoConfig.class, "cannot resume this run");
    }

    /** Trains {@code policy} on the pairs in {@code data}; {@code evalData} empty: hold out eval_fraction of them. */
    public OfflineTraining.Result run(Path policy, Path reference, List<Path> data, List<Path> evalData, Path out) throws IOException {
        Pairs pairs = pairs(data, evalData);
        return training.run(policy, reference, all(data, evalData), (tok, template) -> encode(pairs, new ReplyEncoding(tok, template, config.maxLength(), config.maxPromptLength())), out);
    }

    /** Continues the run in {@code out}; give the same files as the start. */
    public OfflineTraining.Result resume(List<Path> data, List<Path> evalData, Path out) throws IOException {
        Pairs pairs = pairs(data, evalData);
        return training.resume(all(data, evalData), (tok, template) -> encode(pairs, new ReplyEncoding(tok, template, config.maxLength(), config.maxPromptLength())), out);
    }

    /** Training and held-out pairs. */
    public record Pairs(List<PreferencePair> train, List<PreferencePair> heldOut) {}

    /** The pairs of {@code data} (and {@code evalData}), through feedback/convert's conversions; none is a UserError naming the files. */
    public Pairs pairs(List<Path> data, List<Path> evalData) {
        List<PreferencePair> train = read(data);
        if (!evalData.isEmpty()) return new Pairs(train, read(evalData));
        List<PreferencePair> shuffled = Shuffle.copy(train, SeedStreams.of(config.seed()).random("held_out"));
        int heldOut = (int) Math.round(shuffled.size() * config.evalFraction());
        return new Pairs(List.copyOf(shuffled.subList(heldOut, shuffled.size())), List.copyOf(shuffled.subList(0, heldOut)));
    }

    /** Preference pairs from every kind of feedback in {@code files}: comparisons, rankings (all pairs), ratings (pairs of a prompt's ratings), corrected critiques. */
    public static List<PreferencePair> readPairs(List<Path> files, PrintStream log) {
        List<Feedback> records = FeedbackFiles.readAll(files, log::println);
        Conversion<PreferencePair> c = PreferencePairs.fromAll(records, PairOptions.defaults());
        if (c.items().isEmpty()) throw new UserError(files + ": no preference pairs in " + records.size() + " feedback records (" + c.report() + ")");
        log.println("preference pairs from " + files + ": " + c.items().size() + " (" + c.report() + ")");
        return c.items();
    }

    private List<PreferencePair> read(List<Path> files) {
        return readPairs(files, log);
    }

    private static List<Path> all(List<Path> data, List<Path> evalData) {
        List<Path> all = new ArrayList<>(data);
        all.addAll(evalData);
        return all;
    }

    static OfflineTraining.Examples encode(Pairs pairs, ReplyEncoding enc) {
        return new OfflineTraining.Examples(examples(pairs.train(), enc), examples(pairs.heldOut(), enc));
    }

    /** Slot 0 the chosen reply, slot 1 the rejected one, both after the same prompt. */
    public static List<OfflineExample> examples(List<PreferencePair> pairs, ReplyEncoding enc) {
        List<OfflineExample> out = new ArrayList<>(pairs.size());
        for (PreferencePair p : pairs) {
            int[] q = enc.prompt(p.prompt());
            out.add(new OfflineExample(p.id(), new int[][] {q, q}, new int[][] {enc.reply(q, p.chosen()), enc.reply(q, p.rejected())}, true));
        }
        return out;
    }

    private final class Finish implements OfflineTraining.Finish {
        @Override
        public List<String> findings(List<Map<String, Object>> metrics) {
            return DpoDoctor.examine(metrics, config);
        }

        @Override
        public Path report(Path out, List<Map<String, Double>> evaluations, List<String> findings, int steps, double seconds) throws IOException {
            Path metrics = out.resolve(MetricsSink.FILE_NAME);
            String acc = "eval/" + MetricNames.Dpo.REWARDS_ACCURACIES, margin = "eval/" + MetricNames.Dpo.REWARDS_MARGINS;
            RunReport r = new RunReport("DPO (" + config.lossType() + ", beta " + config.beta() + ")")
                    .figure("steps", String.format(Locale.ROOT, "%d in %.0f s", steps, seconds));
            if (!evaluations.isEmpty()) {
                Map<String, Double> a = evaluations.get(0), b = evaluations.get(evaluations.size() - 1);
                r.figure("held-out implicit-reward accuracy", String.format(Locale.ROOT, "%.3f -> %.3f (ties count as wrong, so the start reads 0 against an exact reference)",
                        a.getOrDefault(acc, Double.NaN), b.getOrDefault(acc, Double.NaN)));
                r.figure("held-out reward margin", String.format(Locale.ROOT, "%.3f -> %.3f", a.getOrDefault(margin, Double.NaN), b.getOrDefault(margin, Double.NaN)));
            }
            r.section("Doctor", findings.isEmpty() ? "Nothing to report." : String.join("\n", findings))
                    .chart("loss.svg", OfflineReport.curves(metrics, "DPO loss", "loss", MetricNames.Train.LOSS, MetricNames.Eval.LOSS))
                    .chart("rewards.svg", OfflineReport.curves(metrics, "Implicit rewards", "beta log(pi / ref)", MetricNames.Dpo.REWARDS_CHOSEN,
                            MetricNames.Dpo.REWARDS_REJECTED, MetricNames.Dpo.REWARDS_MARGINS, margin))
                    .chart("accuracy.svg", OfflineReport.curves(metrics, "Implicit-reward accuracy", "share of pairs", MetricNames.Dpo.REWARDS_ACCURACIES, acc))
                    .chart("logps.svg", OfflineReport.curves(metrics, "Log-probs of the replies", "nats per reply", MetricNames.Dpo.LOGPS_CHOSEN, MetricNames.Dpo.LOGPS_REJECTED))
                    .chart("learning-rate.svg", LearningCurves.learningRate(metrics))
                    .link("model/", "the trained policy")
                    .link(MetricsSink.FILE_NAME, "metrics per step");
            return r.write(out);
        }
    }
}
