package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlhf4j.align.ppo.PpoConfig;
import org.rlhf4j.align.ppo.PpoTraining;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.reward.RewardModelFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.SupportWorld;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf4j ppo}: a thin adapter to {@link PpoTraining}. Every field of {@link PpoConfig} is
 * an option of its own ({@code --learning-rate}, {@code --init-kl-coef}, ...), derived from the
 * record by {@link RecordOptions}, so defaults live only in {@code PpoConfig.defaults()}.
 */
@Command(name = "ppo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "PPO for a language model against a reward model (TRL's classic PPOTrainer): value head, frozen reference, KL penalty, "
                + "GAE, clipped policy and value losses; evaluations with the gold score in the support world, checkpoints, --resume, a report.")
final class PpoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--policy", paramLabel = "DIR", description = "Checkpoint to optimise (an SFT model, or a PPO run's model/).") Path policy;
    @Option(names = "--reference", paramLabel = "DIR", description = "Frozen reference for the KL penalty (default: the --policy checkpoint).") Path reference;
    @Option(names = "--reward", paramLabel = "DIR", arity = "1..*", description = "Reward model(s) from `rlhf4j reward train`; several make an ensemble.") List<Path> rewards;
    @Option(names = "--optimise-gold", description = "Optimise the support world's gold satisfaction itself instead of a reward model: the oracle's upper bound on what PPO can reach.") boolean optimiseGold;
    @Option(names = "--uncertainty-penalty", paramLabel = "K", defaultValue = "0", description = "Score = ensemble mean - K x std (default: ${DEFAULT-VALUE}).") double uncertaintyPenalty;
    @Option(names = "--support-tickets", paramLabel = "SPLIT:FIRST:COUNT", defaultValue = "rl:0:2000",
            description = "Training prompts: support-world tickets (default: ${DEFAULT-VALUE}).") String tickets;
    @Option(names = "--eval-tickets", paramLabel = "SPLIT:FIRST:COUNT", defaultValue = "evaluation:0:160",
            description = "Held-out prompts, scored with the gold satisfaction too (default: ${DEFAULT-VALUE}; none = no evaluations).") String evalTickets;
    @Option(names = "--world-seed", paramLabel = "S", defaultValue = "1234", description = "The support world's seed (default: ${DEFAULT-VALUE}, the demo's).") long worldSeed;
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
        if (!optimiseGold && (rewards == null || rewards.isEmpty())) throw new org.rlhf4j.core.UserError("--reward is required: a reward model folder from `rlhf4j reward train` (or --optimise-gold)");
        if (optimiseGold && rewards != null && !rewards.isEmpty()) throw new org.rlhf4j.core.UserError("--optimise-gold and --reward exclude each other");
        SupportWorld world = SupportWorld.seeded(worldSeed);
        var train = SupportTickets.parse(world, tickets, "--support-tickets");
        var eval = evalTickets.equals("none") ? null : SupportTickets.parse(world, evalTickets, "--eval-tickets");
        var device = engine.start();
        SupportGoldReward gold = new SupportGoldReward(SupportScore.of(world, eval == null ? train.tickets() : concat(train.tickets(), eval.tickets())));
        try (RewardModelFunction model = optimiseGold ? null : RewardModelFunction.load(rewards, device, Precision.BF16, 32, uncertaintyPenalty)) {
            RewardFunction reward = optimiseGold ? gold : model;
            var inputs = new PpoTraining.Inputs(reward, train.prompts(), eval == null ? List.of() : eval.prompts(), eval == null ? null : gold);
            var training = new PpoTraining(config, device, List.of(PretrainCommand.CommandLineText.current()), System.err);
            PpoTraining.Result r = resume ? training.resume(inputs, out) : training.run(policy, reference, inputs, out);
            if (!r.evaluations().isEmpty()) {
                var a = r.first();
                var b = r.last();
                System.out.printf(Locale.ROOT, "PPO: %d steps in %.0f s; on %d held-out prompts: reward score %.3f -> %.3f, gold %.3f -> %.3f (%+.3f), KL %.2f nats per reply%n",
                        r.steps(), r.seconds(), eval.prompts().size(), a.score(), b.score(), a.gold(), b.gold(), b.gold() - a.gold(), b.kl());
                if (!Double.isNaN(a.greedyGold()) && !Double.isNaN(b.greedyGold())) System.out.printf(Locale.ROOT, "  greedy gold %.3f -> %.3f%n", a.greedyGold(), b.greedyGold());
            }
            System.out.println("model: " + r.model().toAbsolutePath());
            System.out.println("report: " + r.report().toAbsolutePath());
        }
        return 0;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        java.util.ArrayList<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
