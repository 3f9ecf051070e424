package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.align.ppo.PpoConfig;
import org.rlhf4j.align.ppo.PpoTraining;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf4j ppo}: a thin adapter to {@link PpoTraining}. Every field of {@link PpoConfig} is
 * an option of its own ({@code --learning-rate}, {@code --init-kl-coef}, ...), derived from the
 * record by {@link RecordOptions}, so defaults live only in {@code PpoConfig.defaults()}; the
 * reward and ticket options are the online commands' shared {@link OnlineRewardOptions}.
 */
@Command(name = "ppo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "PPO for a language model against a reward model (TRL's classic PPOTrainer): value head, frozen reference, KL penalty, "
                + "GAE, clipped policy and value losses; evaluations with the gold score in the support world, checkpoints, --resume, a report.")
final class PpoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--policy", paramLabel = "DIR", description = "Checkpoint to optimise (an SFT model, or a PPO run's model/).") Path policy;
    @Option(names = "--reference", paramLabel = "DIR", description = "Frozen reference for the KL penalty (default: the --policy checkpoint).") Path reference;
    @Mixin OnlineRewardOptions rewardOptions;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory.") Path out;
    @Option(names = "--config", paramLabel = "FILE", description = "PpoConfig as JSON (TRL's snake_case names); options given here override it.") Path configFile;
    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint, with its saved configuration.") boolean resume;
    @Mixin EngineOptions engine;

    /** The command with PpoConfig's fields as options. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PpoCommand());
        RecordOptions.add(cl.getCommandSpec(), PpoConfig.class, PpoConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        PpoConfig base = resume ? PpoTraining.savedConfig(out) : configFile != null ? org.rlhf4j.core.run.RunFiles.readConfig(configFile, PpoConfig.class, PpoConfig.defaults()) : PpoConfig.defaults();
        PpoConfig config = RecordOptions.apply(spec, PpoConfig.class, base);
        if (!resume && policy == null) throw new org.rlhf4j.core.UserError("--policy is required (or --resume to continue a run)");
        rewardOptions.check();
        var device = engine.start();
        try (OnlineRewardOptions.Loaded loaded = rewardOptions.load(device)) {
            var i = loaded.inputs();
            var inputs = new PpoTraining.Inputs(i.reward(), i.prompts(), i.evaluationPrompts(), i.gold());
            var training = new PpoTraining(config, device, List.of(PretrainCommand.CommandLineText.current()), System.err);
            PpoTraining.Result r = resume ? training.resume(inputs, out) : training.run(policy, reference, inputs, out);
            OnlineRewardOptions.printResult("PPO", r.steps(), r.seconds(), r.evaluations(), loaded.evaluationPrompts(), r.model(), r.report());
        }
        return 0;
    }
}
