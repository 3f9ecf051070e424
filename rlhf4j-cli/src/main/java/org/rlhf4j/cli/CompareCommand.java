package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlhf4j.align.reward.RewardModelFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.eval.compare.AlignmentMethod;
import org.rlhf4j.eval.compare.AlignmentMethods;
import org.rlhf4j.eval.compare.ComparisonConfig;
import org.rlhf4j.eval.compare.MethodComparison;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.SupportWorld;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf4j compare}: a thin adapter to {@link MethodComparison}; {@link ComparisonConfig}'s
 * fields are options derived from the record. {@code --demo DIR} takes the SFT policy, reward
 * model and comparisons of a {@code rlhf4j demo} run.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run several alignment methods from the same SFT policy on the same feedback and evaluate them the same way on the same unseen tickets: "
                + "one table (gold with 95% interval, KL, win rate against SFT, reward-model score, length, diversity, wall time) and gold against KL.")
final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--demo", paramLabel = "DIR", description = "A `rlhf4j demo` run: its sft/model, reward/model and data/ comparisons (instead of --policy, --reward, --data).") Path demo;
    @Option(names = "--policy", paramLabel = "DIR", description = "The SFT policy every method starts from.") Path policy;
    @Option(names = "--reward", paramLabel = "DIR", arity = "1..*", description = "Reward model(s) trained on --data.") List<Path> rewards;
    @Option(names = "--data", paramLabel = "FILE", arity = "1..*", description = "The comparisons the reward model was trained on (offline methods train on them).") List<Path> data;
    @Option(names = "--method-config", paramLabel = "METHOD=FILE", description = "A method's configuration as JSON (its record's snake_case names), e.g. ppo=ppo.json; repeatable.")
    Map<String, Path> methodConfigs = new LinkedHashMap<>();
    @Option(names = "--support-tickets", paramLabel = "SPLIT:FIRST:COUNT", defaultValue = "rl:0:2000", description = "Training prompts of online methods (default: ${DEFAULT-VALUE}).") String tickets;
    @Option(names = "--eval-tickets", paramLabel = "SPLIT:FIRST:COUNT", defaultValue = "evaluation:0:500", description = "Unseen tickets every method is evaluated on, with gold (default: ${DEFAULT-VALUE}).") String evalTickets;
    @Option(names = "--world-seed", paramLabel = "S", defaultValue = "1234", description = "The support world's seed (default: ${DEFAULT-VALUE}, the demo's).") long worldSeed;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Comparison folder; run again into it to continue a killed comparison.") Path out;
    @Mixin EngineOptions engine;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CompareCommand());
        RecordOptions.add(cl.getCommandSpec(), ComparisonConfig.class, ComparisonConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        ComparisonConfig config = RecordOptions.apply(spec, ComparisonConfig.class, ComparisonConfig.defaults());
        for (String m : config.methods()) AlignmentMethods.named(m);
        for (String m : methodConfigs.keySet()) {
            if (!config.methods().contains(m)) throw new UserError("--method-config " + m + ": not among --methods " + String.join(",", config.methods()));
            if (!Files.isRegularFile(methodConfigs.get(m))) throw new UserError("--method-config " + m + "=" + methodConfigs.get(m) + ": no such file");
        }
        DemoInputs inputs = DemoInputs.resolve(demo, policy, rewards, data, false);
        Path sft = inputs.sft();
        List<Path> rewardDirs = inputs.rewards(), comparisons = inputs.comparisons();
        SupportWorld world = SupportWorld.seeded(worldSeed);
        var train = SupportTickets.parse(world, tickets, "--support-tickets");
        var eval = SupportTickets.parse(world, evalTickets, "--eval-tickets");
        var device = engine.start();
        try (RewardModelFunction reward = RewardModelFunction.load(rewardDirs, device, Precision.BF16, 32, 0)) {
            var in = new AlignmentMethod.Inputs(sft, rewardDirs, reward, comparisons, train.prompts(), null, 0, config.seed(), device,
                    List.of(PretrainCommand.CommandLineText.current()), System.err);
            var gold = new SupportGoldReward(SupportScore.of(world, eval.tickets()));
            new MethodComparison(config, System.out).run(in, eval.prompts(), gold, methodConfigs, out);
        }
        return 0;
    }
}
