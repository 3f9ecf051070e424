package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.align.rloo.RlooConfig;
import org.rlhf4j.align.rloo.RlooTraining;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf4j rloo}: a thin adapter to {@link RlooTraining}. Every field of {@link RlooConfig} is
 * an option of its own ({@code --learning-rate}, {@code --init-kl-coef}, ...), derived from the
 * record by {@link RecordOptions}, so defaults live only in {@code RlooConfig.defaults()}; the
 * reward and ticket options are the online commands' shared {@link OnlineRewardOptions}.
 */
@Command(name = "rloo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "RLOO against a reward model or the gold score (TRL's RLOOTrainer): rloo_k replies per prompt, each judged against the mean of the others, "
                + "no critic, KL to the reference in the reward, clipped sequence ratio; evaluations with the gold score, checkpoints, --resume, a report.")
final class RlooCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--policy", paramLabel = "DIR", description = "Checkpoint to optimise (an SFT model, or an RLOO run's model/).") Path policy;
    @Option(names = "--reference", paramLabel = "DIR", description = "Frozen reference for the KL in the reward (default: the --policy checkpoint).") Path reference;
    @Mixin OnlineRewardOptions rewardOptions;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory.") Path out;
    @Option(names = "--config", paramLabel = "FILE", description = "RlooConfig as JSON (TRL's snake_case names); options given here override it.") Path configFile;
    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint, with its saved configuration.") boolean resume;
    @Mixin EngineOptions engine;

    /** The command with RlooConfig's fields as options. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RlooCommand());
        RecordOptions.add(cl.getCommandSpec(), RlooConfig.class, RlooConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        RlooConfig base = resume ? RlooTraining.savedConfig(out) : configFile != null ? ConfigFiles.read(configFile, RlooConfig.class) : RlooConfig.defaults();
        RlooConfig config = RecordOptions.apply(spec, RlooConfig.class, base);
        if (!resume && policy == null) throw new org.rlhf4j.core.UserError("--policy is required (or --resume to continue a run)");
        rewardOptions.check();
        var device = engine.start();
        try (OnlineRewardOptions.Loaded loaded = rewardOptions.load(device)) {
            var inputs = loaded.inputs();
            var training = new RlooTraining(config, device, List.of(PretrainCommand.CommandLineText.current()), System.err);
            org.rlhf4j.align.online.OnlineTraining.Result r = resume ? training.resume(inputs, out) : training.run(policy, reference, inputs, out);
            OnlineRewardOptions.printResult("RLOO", r.steps(), r.seconds(), r.evaluations(), loaded.evaluationPrompts(), r.model(), r.report());
        }
        return 0;
    }
}
