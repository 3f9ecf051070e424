package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.core.UserError;
import org.rlhf4j.eval.iterate.IterateConfig;
import org.rlhf4j.eval.iterate.IterativeRlhf;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlhf4j iterate}: a thin adapter to {@link IterativeRlhf}; {@link IterateConfig}'s fields are options derived from the record. */
@Command(name = "iterate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Iterated RLHF on the support world: each round simulated customers compare the current policy's own replies, the reward model trains "
                + "again on everything so far, PPO (or --method) improves the policy, and the new policy is evaluated against the gold score. Run again into "
                + "the same --out to continue after a kill.")
final class IterateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--demo", paramLabel = "DIR", description = "A `rlhf4j demo` run: its sft/model, reward/model and data/ comparisons (instead of --policy, --reward, --data).") Path demo;
    @Option(names = "--policy", paramLabel = "DIR", description = "The SFT policy (round 1's policy, every reward model's base).") Path policy;
    @Option(names = "--reward", paramLabel = "DIR", description = "The reward model before round 1.") Path reward;
    @Option(names = "--data", paramLabel = "FILE", arity = "1..*", description = "The comparisons it was trained on.") List<Path> data;
    @Option(names = "--method-config", paramLabel = "FILE", description = "The method's configuration fields to change, as JSON (e.g. {\"learning_rate\": 1e-5} for PPO).") Path methodConfig;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run folder: round-0/, round-1/, ..., report.html.") Path out;
    @Mixin EngineOptions engine;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new IterateCommand());
        RecordOptions.add(cl.getCommandSpec(), IterateConfig.class, IterateConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        IterateConfig config = RecordOptions.apply(spec, IterateConfig.class, IterateConfig.defaults());
        org.rlhf4j.eval.compare.AlignmentMethods.named(config.method());
        DemoInputs inputs = DemoInputs.resolve(demo, policy, reward == null ? null : List.of(reward), data, true);
        if (methodConfig != null && !Files.isRegularFile(methodConfig)) throw new UserError("--method-config " + methodConfig + ": no such file");
        var device = engine.start();
        new IterativeRlhf(config, device, List.of(PretrainCommand.CommandLineText.current()), System.out, System.err).run(inputs.sft(), inputs.rewards().get(0), inputs.comparisons(), methodConfig, out);
        return 0;
    }
}
