package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.align.kto.KtoConfig;
import org.rlhf4j.align.kto.KtoTraining;
import org.rlhf4j.align.offline.OfflineTraining;
import org.rlhf4j.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlhf4j kto}: a thin adapter to {@link KtoTraining}; every field of {@link KtoConfig} is an option, derived by {@link RecordOptions}. */
@Command(name = "kto", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kahneman-Tversky Optimization on unpaired feedback (TRL's KTOTrainer): TRL unpaired files (prompt, completion, label), "
                + "or any comparison data split into desirable and undesirable replies. Checkpoints, --resume, a report.")
final class KtoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--policy", paramLabel = "DIR", description = "Checkpoint to train (an SFT model).") Path policy;
    @Option(names = "--reference", paramLabel = "DIR", description = "Frozen reference (default: the --policy checkpoint).") Path reference;
    @Option(names = "--data", paramLabel = "FILE", arity = "1..*", required = true, description = "TRL unpaired files, or feedback files whose pairs are split.") List<Path> data;
    @Option(names = "--eval-data", paramLabel = "FILE", arity = "1..*", description = "Held-out data (default: hold out --eval-fraction of --data).") List<Path> evalData;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory.") Path out;
    @Option(names = "--config", paramLabel = "FILE", description = "KtoConfig as JSON (TRL's snake_case names); options given here override it.") Path configFile;
    @Option(names = "--reference-cache", paramLabel = "DIR", description = "Also keep the reference log-probs here, shared by runs on the same data, reference and precision.") Path referenceCache;
    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint, with its saved configuration.") boolean resume;
    @Mixin EngineOptions engine;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KtoCommand());
        RecordOptions.add(cl.getCommandSpec(), KtoConfig.class, KtoConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        KtoConfig base = resume ? KtoTraining.savedConfig(out) : configFile != null ? ConfigFiles.read(configFile, KtoConfig.class) : KtoConfig.defaults();
        KtoConfig config = RecordOptions.apply(spec, KtoConfig.class, base);
        if (!resume && policy == null) throw new UserError("--policy is required (or --resume to continue a run)");
        List<Path> eval = evalData == null ? List.of() : evalData;
        var training = new KtoTraining(config, engine.start(), List.of(PretrainCommand.CommandLineText.current()), System.err).withReferenceCache(referenceCache);
        OfflineTraining.Result r = resume ? training.resume(data, eval, out) : training.run(policy, reference, data, eval, out);
        DpoCommand.printSummary("KTO", r);
        return 0;
    }
}
