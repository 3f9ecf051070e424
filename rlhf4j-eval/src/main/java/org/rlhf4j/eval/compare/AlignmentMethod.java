package org.rlhf4j.eval.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.feedback.Prompt;

/**
 * A way to turn an SFT policy and feedback into a better policy. Each trains into its own run
 * directory with its own configuration record's defaults (or a file of overrides) and hands back
 * what to evaluate. {@link AlignmentMethods} names them.
 */
public interface AlignmentMethod {
    /** The name on the command line and in the table ({@code ppo}, {@code dpo}, {@code best-of-n}, ...). */
    String name();

    /** One line on what the method optimises. */
    String description();

    /** Trains into {@code out}; a method that trains nothing (SFT itself, best-of-n) returns the SFT policy. */
    Trained train(Inputs in, Path out) throws IOException;

    /**
     * What every method may use; each uses what it needs.
     *
     * @param sft          the SFT policy every method starts from (and the KL reference)
     * @param rewardModels the reward model(s) trained on {@code comparisons}
     * @param reward       those reward models as one normalised function
     * @param comparisons  the feedback files the reward model was trained on (offline methods train on them directly)
     * @param prompts      training prompts for online methods (no gold used)
     * @param configFile   a JSON file of the method's configuration (null: its defaults)
     * @param steps        steps of the online methods (PPO, GRPO, RLOO); 0: the method's own default. Offline methods (DPO, KTO) run their own epochs
     * @param seed         the run's seed
     */
    record Inputs(Path sft, List<Path> rewardModels, RewardFunction reward, List<Path> comparisons, List<Prompt> prompts, Path configFile, int steps, long seed,
                  ComputeDevice device, List<String> commandLine, PrintStream log) {
        public Inputs withConfigFile(Path file) {
            return new Inputs(sft, rewardModels, reward, comparisons, prompts, file, steps, seed, device, commandLine, log);
        }
    }

    /**
     * A trained policy.
     *
     * @param model    the checkpoint to evaluate
     * @param bestOfN  0: evaluate the model's own samples; n >= 1: evaluate the reward model's pick of n samples (KL is then the bound ln n - (n-1)/n)
     * @param runDir   where the method's run lives (report, metrics), null if it wrote none
     */
    record Trained(Path model, int bestOfN, Path runDir) {
        public static Trained policy(Path model, Path runDir) {
            return new Trained(model, 0, runDir);
        }
    }
}
