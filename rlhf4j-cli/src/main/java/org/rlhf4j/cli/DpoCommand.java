package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlhf4j.align.dpo.DpoConfig;
import org.rlhf4j.align.dpo.DpoTraining;
import org.rlhf4j.align.offline.OfflineTraining;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.run.MetricNames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf4j dpo}: a thin adapter to {@link DpoTraining}; every field of {@link DpoConfig}
 * is an option ({@code --beta}, {@code --loss-type}, ...), derived by {@link RecordOptions}.
 */
@Command(name = "dpo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Direct Preference Optimization on comparison data (TRL's DPOTrainer): sigmoid (DPO, with --label-smoothing conservative DPO), "
                + "ipo, or the reference-free simpo; --rpo-alpha adds the chosen replies' NLL. Reads any feedback `rlhf4j data validate` reads "
                + "(rankings, ratings and critiques become pairs). Checkpoints, --resume, a report with the implicit reward's held-out accuracy.")
final class DpoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--policy", paramLabel = "DIR", description = "Checkpoint to train (an SFT model).") Path policy;
    @Option(names = "--reference", paramLabel = "DIR", description = "Frozen reference (default: the --policy checkpoint).") Path reference;
    @Option(names = "--data", paramLabel = "FILE", arity = "1..*", required = true, description = "Feedback files: comparisons, rankings, ratings, critiques (store JSONL, HH-RLHF, TRL).") List<Path> data;
    @Option(names = "--eval-data", paramLabel = "FILE", arity = "1..*", description = "Held-out feedback for the implicit reward's accuracy (default: hold out --eval-fraction of --data).") List<Path> evalData;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory.") Path out;
    @Option(names = "--config", paramLabel = "FILE", description = "DpoConfig as JSON (TRL's snake_case names); options given here override it.") Path configFile;
    @Option(names = "--reference-cache", paramLabel = "DIR", description = "Also keep the reference log-probs here, shared by runs on the same data, reference and precision.") Path referenceCache;
    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint, with its saved configuration.") boolean resume;
    @Mixin EngineOptions engine;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DpoCommand());
        RecordOptions.add(cl.getCommandSpec(), DpoConfig.class, DpoConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        DpoConfig base = resume ? DpoTraining.savedConfig(out) : configFile != null ? ConfigFiles.read(configFile, DpoConfig.class) : DpoConfig.defaults();
        DpoConfig config = RecordOptions.apply(spec, DpoConfig.class, base);
        if (!resume && policy == null) throw new UserError("--policy is required (or --resume to continue a run)");
        List<Path> eval = evalData == null ? List.of() : evalData;
        var training = new DpoTraining(config, engine.start(), List.of(PretrainCommand.CommandLineText.current()), System.err).withReferenceCache(referenceCache);
        OfflineTraining.Result r = resume ? training.resume(data, eval, out) : training.run(policy, reference, data, eval, out);
        printSummary("DPO", r);
        return 0;
    }

    /** Steps, time, the held-out implicit-reward accuracy and margin at the start and the end, and where the model and report are. */
    static void printSummary(String method, OfflineTraining.Result r) {
        System.out.printf(Locale.ROOT, "%s: %d steps in %.0f s%n", method, r.steps(), r.seconds());
        if (!r.evaluations().isEmpty()) {
            Map<String, Double> a = r.first(), b = r.last();
            String acc = "eval/" + MetricNames.Dpo.REWARDS_ACCURACIES, margin = "eval/" + MetricNames.Dpo.REWARDS_MARGINS;
            System.out.printf(Locale.ROOT, "  held out: implicit-reward accuracy %.3f -> %.3f, margin %.3f -> %.3f, loss %.4f -> %.4f%n",
                    a.getOrDefault(acc, Double.NaN), b.getOrDefault(acc, Double.NaN), a.getOrDefault(margin, Double.NaN), b.getOrDefault(margin, Double.NaN),
                    a.getOrDefault(MetricNames.Eval.LOSS, Double.NaN), b.getOrDefault(MetricNames.Eval.LOSS, Double.NaN));
        }
        System.out.println("model: " + r.model().toAbsolutePath());
        System.out.println("report: " + r.report().toAbsolutePath());
    }
}
