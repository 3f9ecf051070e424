package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlhf4j.align.bon.BestOfNConfig;
import org.rlhf4j.align.bon.BestOfNSampling;
import org.rlhf4j.align.bon.RejectionSamplingTraining;
import org.rlhf4j.align.reward.RewardModelFunction;
import org.rlhf4j.align.sft.SftConfig;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.eval.policy.PromptFile;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.world.SupportWorld;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf4j best-of-n}: a thin adapter to {@link BestOfNSampling} and, with {@code --train},
 * {@link RejectionSamplingTraining}. {@link BestOfNConfig}'s fields are options derived from the record.
 */
@Command(name = "best-of-n", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sample n replies per prompt from a policy and keep the one the reward model scores highest (TRL's BestOfNSampler); "
                + "with --train, fine-tune the policy on the kept replies (rejection-sampling fine-tuning, as Llama 2 did).")
final class BestOfNCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--policy", required = true, paramLabel = "DIR", description = "Checkpoint to sample from (an SFT model).") Path policy;
    @Option(names = "--reward", required = true, paramLabel = "DIR", arity = "1..*", description = "Reward model(s) from `rlhf4j reward train`; several make an ensemble.") List<Path> rewards;
    @Option(names = "--uncertainty-penalty", paramLabel = "K", defaultValue = "0", description = "Score = ensemble mean - K x std (default: ${DEFAULT-VALUE}).") double uncertaintyPenalty;
    @Option(names = "--support-tickets", paramLabel = "SPLIT:FIRST:COUNT", description = "Prompts: support-world tickets (default: rl:0:1000 unless --prompts).") String tickets;
    @Option(names = "--prompts", paramLabel = "FILE", description = "Prompts from a file instead: one JSON per line with a \"prompt\" field (text or messages).") Path promptFile;
    @Option(names = "--world-seed", paramLabel = "S", defaultValue = "1234", description = "The support world's seed (default: ${DEFAULT-VALUE}, the demo's).") long worldSeed;
    @Option(names = "--train", description = "Then fine-tune --policy on the kept replies (rejection-sampling fine-tuning).") boolean train;
    @Option(names = "--sft-learning-rate", paramLabel = "LR", description = "Learning rate of the fine-tuning (default: RejectionSamplingTraining.defaultSft()'s, 1e-4).") Double sftLearningRate;
    @Option(names = "--sft-epochs", paramLabel = "N", description = "Passes over the kept replies (default: 1).") Integer sftEpochs;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder: best-of-n.jsonl (the kept replies as demonstrations), and sft/ with --train.") Path out;
    @Option(names = "--resume", description = "With --train: continue the run in --out.") boolean resume;
    @Mixin EngineOptions engine;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BestOfNCommand());
        RecordOptions.add(cl.getCommandSpec(), BestOfNConfig.class, BestOfNConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        BestOfNConfig config = RecordOptions.apply(spec, BestOfNConfig.class, BestOfNConfig.defaults());
        if (tickets != null && promptFile != null) throw new UserError("give --support-tickets or --prompts, not both");
        if (resume && !train) throw new UserError("--resume continues a --train run");
        List<Prompt> prompts = promptFile != null ? PromptFile.read(promptFile)
                : SupportTickets.parse(SupportWorld.seeded(worldSeed), tickets == null ? "rl:0:1000" : tickets, "--support-tickets").prompts();
        Path policyDir = EvalCommand.modelDir(policy, "--policy");
        List<Path> rewardDirs = rewards.stream().map(r -> EvalCommand.modelDir(r, "--reward")).toList();
        var device = engine.start();
        try (RewardModelFunction reward = RewardModelFunction.load(rewardDirs, device, Precision.BF16, 32, uncertaintyPenalty)) {
            if (train) {
                SftConfig sft = RejectionSamplingTraining.defaultSft();
                if (sftEpochs != null) sft = sft.withEpochs(sftEpochs);
                if (sftLearningRate != null) sft = sft.withTraining(sft.training().withLearningRate(sftLearningRate));
                var training = new RejectionSamplingTraining(config, sft, device, List.of(PretrainCommand.CommandLineText.current()), System.err);
                RejectionSamplingTraining.Result r = resume ? training.resume(policyDir, reward, prompts, out) : training.run(policyDir, reward, prompts, out);
                if (r.picks() != null) System.out.println(r.picks().describe());
                System.out.printf(Locale.ROOT, "fine-tuned on the kept replies: held-out loss %.4f -> %.4f, %d steps%n", r.sft().heldOutLossBefore(), r.sft().bestHeldOutLoss(),
                        r.sft().summary().steps());
                System.out.println("model: " + r.model().toAbsolutePath());
                return 0;
            }
            var picking = new RejectionSamplingTraining(config, RejectionSamplingTraining.defaultSft(), device, List.of(PretrainCommand.CommandLineText.current()), System.err);
            BestOfNSampling.Result r = picking.pick(policyDir, reward, prompts, out);
            System.out.println(r.describe());
            System.out.println("kept replies: " + out.resolve(RejectionSamplingTraining.PICKS_FILE).toAbsolutePath());
            return 0;
        }
    }
}
