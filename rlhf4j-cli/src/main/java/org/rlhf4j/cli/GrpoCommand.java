package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.align.grpo.GrpoConfig;
import org.rlhf4j.align.grpo.GrpoTraining;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf4j grpo}: a thin adapter to {@link GrpoTraining}. Every field of {@link GrpoConfig} is
 * an option of its own ({@code --learning-rate}, {@code --init-kl-coef}, ...), derived from the
 * record by {@link RecordOptions}, so defaults live only in {@code GrpoConfig.defaults()}; the
 * reward and ticket options are the online commands' shared {@link OnlineRewardOptions}.
 */
@Command(name = "grpo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "GRPO against a reward model or the gold score (TRL's GRPOTrainer): G replies per prompt, group-normalised advantages, "
                + "no critic, clipped ratio, k3 KL to the reference in the loss (Dr. GRPO as options); evaluations with the gold score, checkpoints, --resume, a report.")
final class GrpoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--policy", paramLabel = "DIR", description = "Checkpoint to optimise (an SFT model, or a GRPO run's model/).") Path policy;
    @Option(names = "--reference", paramLabel = "DIR", description = "Frozen reference for the KL term (default: the --policy checkpoint).") Path reference;
    @Mixin OnlineRewardOptions rewardOptions;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory.") Path out;
    @Option(names = "--config", paramLabel = "FILE", description = "GrpoConfig as JSON (TRL's snake_case names); options given here override it.") Path configFile;
    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint, with its saved configuration.") boolean resume;
    @Mixin EngineOptions engine;

    /** The command with GrpoConfig's fields as options. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GrpoCommand());
        RecordOptions.add(cl.getCommandSpec(), GrpoConfig.class, GrpoConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        GrpoConfig base = resume ? GrpoTraining.savedConfig(out) : configFile != null ? ConfigFiles.read(configFile, GrpoConfig.class) : GrpoConfig.defaults();
        GrpoConfig config = RecordOptions.apply(spec, GrpoConfig.class, base);
        if (!resume && policy == null) throw new org.rlhf4j.core.UserError("--policy is required (or --resume to continue a run)");
        rewardOptions.check();
        var device = engine.start();
        try (OnlineRewardOptions.Loaded loaded = rewardOptions.load(device)) {
            var inputs = loaded.inputs();
            var training = new GrpoTraining(config, device, List.of(PretrainCommand.CommandLineText.current()), System.err);
            org.rlhf4j.align.online.OnlineTraining.Result r = resume ? training.resume(inputs, out) : training.run(policy, reference, inputs, out);
            OnlineRewardOptions.printResult("GRPO", r.steps(), r.seconds(), r.evaluations(), loaded.evaluationPrompts(), r.model(), r.report());
        }
        return 0;
    }
}
