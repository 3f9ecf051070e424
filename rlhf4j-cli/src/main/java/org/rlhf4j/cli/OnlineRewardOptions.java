package org.rlhf4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.align.online.OnlineTraining;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.reward.RewardModelFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.SupportWorld;
import picocli.CommandLine.Option;

/** The reward and prompt options the online commands share ({@code ppo}, {@code grpo}, {@code rloo}): what is optimised, on which tickets, judged on which. */
final class OnlineRewardOptions {
    @Option(names = "--reward", paramLabel = "DIR", arity = "1..*", description = "Reward model(s) from `rlhf4j reward train`; several make an ensemble.") List<Path> rewards;
    @Option(names = "--optimise-gold", description = "Optimise the support world's gold satisfaction itself instead of a reward model: the oracle's upper bound.") boolean optimiseGold;
    @Option(names = "--uncertainty-penalty", paramLabel = "K", defaultValue = "0", description = "Score = ensemble mean - K x std (default: ${DEFAULT-VALUE}).") double uncertaintyPenalty;
    @Option(names = "--support-tickets", paramLabel = "SPLIT:FIRST:COUNT", defaultValue = "rl:0:2000",
            description = "Training prompts: support-world tickets (default: ${DEFAULT-VALUE}).") String tickets;
    @Option(names = "--eval-tickets", paramLabel = "SPLIT:FIRST:COUNT", defaultValue = "evaluation:0:160",
            description = "Held-out prompts, scored with the gold satisfaction too (default: ${DEFAULT-VALUE}; none = no evaluations).") String evalTickets;
    @Option(names = "--world-seed", paramLabel = "S", defaultValue = "1234", description = "The support world's seed (default: ${DEFAULT-VALUE}, the demo's).") long worldSeed;

    /** The reward, the training and held-out prompts and the gold; close it to free the reward models. */
    record Loaded(RewardModelFunction model, OnlineTraining.Inputs inputs, int evaluationPrompts) implements AutoCloseable {
        @Override
        public void close() {
            if (model != null) model.close();
        }
    }

    /** Refuses a missing or doubled reward, as a one-line error. */
    void check() {
        if (!optimiseGold && (rewards == null || rewards.isEmpty())) throw new UserError("--reward is required: a reward model folder from `rlhf4j reward train` (or --optimise-gold)");
        if (optimiseGold && rewards != null && !rewards.isEmpty()) throw new UserError("--optimise-gold and --reward exclude each other");
    }

    /** Parses the tickets, then loads the reward models on {@code device}. */
    Loaded load(ComputeDevice device) {
        check();
        SupportWorld world = SupportWorld.seeded(worldSeed);
        var train = SupportTickets.parse(world, tickets, "--support-tickets");
        var eval = evalTickets.equals("none") ? null : SupportTickets.parse(world, evalTickets, "--eval-tickets");
        List<org.rlhf4j.feedback.world.Ticket> all = new ArrayList<>(train.tickets());
        if (eval != null) all.addAll(eval.tickets());
        SupportGoldReward gold = new SupportGoldReward(SupportScore.of(world, all));
        RewardModelFunction model = optimiseGold ? null : RewardModelFunction.load(rewards, device, Precision.BF16, 32, uncertaintyPenalty);
        RewardFunction reward = optimiseGold ? gold : model;
        var inputs = new OnlineTraining.Inputs(reward, train.prompts(), eval == null ? List.of() : eval.prompts(), eval == null ? null : gold);
        return new Loaded(model, inputs, eval == null ? 0 : eval.prompts().size());
    }

    /** The run's one-paragraph summary on stdout: steps, time, reward and gold from the first to the last evaluation, KL; then where the model and report are. */
    static void printResult(String method, int steps, double seconds, List<org.rlhf4j.align.online.OnlineEvaluation.Result> evaluations, int evaluationPrompts,
                            Path model, Path report) {
        if (!evaluations.isEmpty()) {
            var a = evaluations.get(0);
            var b = evaluations.get(evaluations.size() - 1);
            System.out.printf(java.util.Locale.ROOT, "%s: %d steps in %.0f s; on %d held-out prompts: reward score %.3f -> %.3f, gold %.3f -> %.3f (%+.3f), KL %.2f nats per reply%n",
                    method, steps, seconds, evaluationPrompts, a.score(), b.score(), a.gold(), b.gold(), b.gold() - a.gold(), b.kl());
            if (!Double.isNaN(a.greedyGold()) && !Double.isNaN(b.greedyGold())) System.out.printf(java.util.Locale.ROOT, "  greedy gold %.3f -> %.3f%n", a.greedyGold(), b.greedyGold());
        }
        System.out.println("model: " + model.toAbsolutePath());
        System.out.println("report: " + report.toAbsolutePath());
    }
}
