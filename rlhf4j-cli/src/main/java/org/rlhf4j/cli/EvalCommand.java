package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlhf4j.align.reward.RewardModelFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.eval.policy.PolicyEvaluation;
import org.rlhf4j.eval.policy.PolicyEvaluationConfig;
import org.rlhf4j.eval.policy.PolicyEvaluationReport;
import org.rlhf4j.eval.policy.PromptFile;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate policies.", subcommands = {EvalCommand.Policy.class})
final class EvalCommand {

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Sample a policy's replies to held-out prompts and report the reward-model score, the gold score (support world), KL to a reference, "
                    + "win rates against the reference, length, EOS rate, distinct-n and best-of-n against gold; writes evaluation.json and report.html.")
    static final class Policy implements Callable<Integer> {
        private static final PolicyEvaluationConfig DEFAULTS = PolicyEvaluationConfig.defaults();

        @Option(names = "--policy", required = true, paramLabel = "DIR", description = "Checkpoint to evaluate (or a run folder holding model/).") Path policy;
        @Option(names = "--reference", paramLabel = "DIR", description = "Reference checkpoint (e.g. the SFT model PPO started from): KL and win rates.") Path reference;
        @Option(names = "--reward", required = true, paramLabel = "DIR", arity = "1..*", description = "Reward model(s) from `reward train`; several: an ensemble.") List<Path> rewards;
        @Option(names = "--uncertainty-penalty", paramLabel = "K", defaultValue = "0", description = "Ensemble score = mean - K * std (default: ${DEFAULT-VALUE}).") double penalty;
        @Option(names = "--support-tickets", paramLabel = "SPLIT:FIRST:COUNT",
                description = "Prompts from the support world's tickets, with the gold score (default: evaluation:0:<prompts>).") String tickets;
        @Option(names = "--prompts", paramLabel = "FILE", description = "Prompts from a file instead: one JSON per line with a \"prompt\" field (text or messages); no gold score.") Path promptFile;
        @Option(names = "--max-prompts", paramLabel = "N", description = "Prompts evaluated at most (default: ${DEFAULT-VALUE}).") int maxPrompts = DEFAULTS.prompts();
        @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature, > 0 (default: ${DEFAULT-VALUE}).") double temperature = DEFAULTS.temperature();
        @Option(names = "--greedy", paramLabel = "true|false", arity = "1", description = "Also evaluate greedy replies (default: ${DEFAULT-VALUE}).") boolean greedy = DEFAULTS.greedy();
        @Option(names = "--max-new-tokens", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.") int maxNewTokens = DEFAULTS.maxNewTokens();
        @Option(names = "--best-of-n", paramLabel = "LIST", description = "Best-of-n sizes, ascending, or none (default: ${DEFAULT-VALUE}).")
        String bestOfN = DEFAULTS.bestOfN().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        @Option(names = "--best-of-n-prompts", paramLabel = "N", description = "Prompts the best-of-n curve uses (default: ${DEFAULT-VALUE}).") int bestOfNPrompts = DEFAULTS.bestOfNPrompts();
        @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: <policy>/../eval-policy).") Path out;
        @Option(names = "--seed", paramLabel = "S", description = "Sampling seed (default: ${DEFAULT-VALUE}).") long seed = DEFAULTS.seed();
        @Option(names = "--world-seed", paramLabel = "S", defaultValue = "1234", description = "World seed for --support-tickets (default: ${DEFAULT-VALUE}).") long worldSeed;
        @Option(names = "--reward-precision", paramLabel = "fp32|bf16", defaultValue = "bf16", converter = EngineOptions.PrecisionConverter.class,
                description = "Reward-model precision (default: ${DEFAULT-VALUE}).") Precision rewardPrecision;
        @Mixin EngineOptions engine;

        @Override
        public Integer call() throws IOException {
            if (tickets != null && promptFile != null) throw new UserError("give --support-tickets or --prompts, not both");
            PolicyEvaluationConfig config = config();
            List<Prompt> prompts;
            SupportGoldReward gold = null;
            if (promptFile != null) {
                prompts = PromptFile.read(promptFile);
            } else {
                SupportScore score = supportTickets(tickets == null ? "evaluation:0:" + maxPrompts : tickets, worldSeed);
                gold = new SupportGoldReward(score);
                prompts = SupportScore.prompts(score.tickets());
            }
            Path policyDir = modelDir(policy, "--policy");
            Path referenceDir = reference == null ? null : modelDir(reference, "--reference");
            List<Path> rewardDirs = new ArrayList<>();
            for (Path r : rewards) rewardDirs.add(modelDir(r, "--reward"));
            ComputeDevice device = engine.start();
            Path dir = out != null ? out : policyDir.toAbsolutePath().getParent().resolve("eval-policy");
            PolicyEvaluation.Result result;
            try (Loaded p = Loaded.of(policyDir, device); Loaded ref = referenceDir == null ? null : Loaded.of(referenceDir, device);
                 RewardModelFunction reward = RewardModelFunction.load(rewardDirs, device, rewardPrecision, 32, penalty)) {
                result = new PolicyEvaluation(config).evaluate(p.model(), ref == null ? null : ref.model(), reward, gold, prompts);
            }
            Path report = PolicyEvaluationReport.write(result, dir, "Policy evaluation: " + policyDir);
            System.out.print(PolicyEvaluationReport.text(result));
            System.out.printf(Locale.ROOT, "%d prompts in %.0f s; report %s%n", result.prompts(), result.seconds(), report.toAbsolutePath());
            return 0;
        }

        private PolicyEvaluationConfig config() {
            try {
                PolicyEvaluationConfig c = DEFAULTS.withPrompts(maxPrompts).withTemperature(temperature).withGreedy(greedy).withMaxNewTokens(maxNewTokens).withSeed(seed);
                return c.withBestOfN(sizes(bestOfN), bestOfNPrompts);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }

        static List<Integer> sizes(String csv) {
            if (csv.trim().equalsIgnoreCase("none")) return List.of();
            List<Integer> out = new ArrayList<>();
            for (String s : csv.split(",")) {
                try {
                    out.add(Integer.parseInt(s.trim()));
                } catch (NumberFormatException e) {
                    throw new UserError("--best-of-n " + csv + ": \"" + s.trim() + "\" is not a whole number (e.g. 1,2,4,8,16, or none)");
                }
            }
            return out;
        }
    }

    /** A checkpoint and its tokenizer, closed together. */
    private record Loaded(PolicyEvaluation.Model model) implements AutoCloseable {
        static Loaded of(Path dir, ComputeDevice device) {
            Checkpoint.Loaded c = org.rlhf4j.align.policy.PolicyCheckpoint.languageModel(dir, device);
            if (c.tokenizer() == null) {
                c.model().close();
                throw new UserError(dir + ": no tokenizer.json in the checkpoint folder");
            }
            return new Loaded(new PolicyEvaluation.Model(c.model(), Tokenizer.load(c.tokenizer())));
        }

        @Override
        public void close() {
            model.tokenizer().close();
            model.model().close();
        }
    }

    /** {@code SPLIT:FIRST:COUNT} of the support world, e.g. evaluation:0:500. */
    static SupportScore supportTickets(String spec, long worldSeed) {
        String[] p = spec.split(":");
        try {
            if (p.length != 3) throw new IllegalArgumentException("expected SPLIT:FIRST:COUNT");
            Split split;
            try {
                split = Split.valueOf(p[0].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown split \"" + p[0].trim() + "\" (known: pretraining, sft, rl, evaluation)");
            }
            long first = Long.parseLong(p[1].trim());
            int count = Integer.parseInt(p[2].trim());
            if (first < 0 || count < 1) throw new IllegalArgumentException("FIRST must be >= 0 and COUNT >= 1");
            return SupportScore.of(SupportWorld.seeded(worldSeed), split, first, count);
        } catch (NumberFormatException e) {
            throw new UserError("--support-tickets " + spec + ": FIRST and COUNT must be whole numbers (e.g. evaluation:0:500)");
        } catch (IllegalArgumentException e) {
            throw new UserError("--support-tickets " + spec + ": " + e.getMessage() + " (e.g. evaluation:0:500)");
        }
    }

    /** A checkpoint folder, or a run folder holding model/; a one-line error naming {@code flag} otherwise. */
    static Path modelDir(Path dir, String flag) {
        if (Files.isRegularFile(dir.resolve("model").resolve(Checkpoint.CONFIG))) return dir.resolve("model");
        if (!Files.isDirectory(dir)) throw new UserError(flag + " " + dir + ": no such folder");
        if (!Files.isRegularFile(dir.resolve(Checkpoint.CONFIG))) throw new UserError(flag + " " + dir + ": not a checkpoint folder (no " + Checkpoint.CONFIG + ", and no model/ inside)");
        return dir;
    }
}
