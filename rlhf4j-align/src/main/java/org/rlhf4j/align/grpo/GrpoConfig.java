package org.rlhf4j.align.grpo;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.rl.GroupPolicyLoss;
import org.rlhf4j.core.tensor.Precision;

/**
 * GRPO with TRL's {@code GRPOConfig} names and meanings where they exist (JSON names in snake
 * case). A step samples {@code num_generations} replies for each of
 * {@code per_device_train_batch_size x steps_per_generation / num_generations} prompts (TRL's
 * generation batch) and passes over them {@code num_iterations} times; each pass makes
 * {@code steps_per_generation / gradient_accumulation_steps} optimizer updates, each accumulating
 * {@code gradient_accumulation_steps} micro-batches of {@code per_device_train_batch_size}
 * replies. With {@code steps_per_generation = gradient_accumulation_steps} and one iteration (TRL's
 * defaults) a step is one update and the ratio is exactly 1.
 * Defaults ({@link #defaults()}, the only place they live) are sized for the embedded 2.4
 * M-parameter model on CPU and were chosen by measurement (BENCHMARKS.md, "GRPO and RLOO");
 * TRL's own defaults, for 1 B+ models on GPUs, are noted where they differ.
 *
 * @param learningRate               AdamW's learning rate (TRL: 1e-6)
 * @param numGenerations             replies per prompt, G (TRL: 8)
 * @param perDeviceTrainBatchSize    replies per micro-batch (TRL: 8)
 * @param gradientAccumulationSteps  micro-batches per update (TRL: 1)
 * @param stepsPerGeneration         micro-batches per generation batch; 0 = gradient_accumulation_steps (TRL: None, the same)
 * @param numIterations              updates on each batch of replies, TRL's mu (TRL: 1; then the ratio is exactly 1)
 * @param beta                       weight of the k3 KL to the reference in the loss (TRL: 0.0 in recent versions, 0.04 earlier; here 0.04 keeps the policy near where the reward model was trained)
 * @param epsilon                    lower clip of the ratio, 1 - epsilon (TRL: 0.2)
 * @param epsilonHigh                upper clip, 1 + epsilon_high (DAPO's clip-higher); 0 = same as epsilon (TRL: None = epsilon)
 * @param lossType                   grpo (per-sequence mean), bnpo (per-token over the batch), dr_grpo (over a constant
 *                                   max_completion_length) (TRL: its default has changed across versions; grpo measured best here)
 * @param scaleRewards               divide the group-centred rewards by the group's std; false is Dr. GRPO (TRL: true)
 * @param temperature                sampling temperature; log-probs are taken under the same distribution (TRL: 1.0)
 * @param maxPromptLength            prompts are cut to their last tokens beyond this, BOS kept (TRL: 512)
 * @param maxCompletionLength        tokens per reply at most (TRL: 256)
 * @param maxGradNorm                clip the global gradient norm (TRL: 1.0)
 * @param maxSteps                   steps of a managed run (TRL: -1, from the epochs)
 * @param evalSteps                  steps between evaluations on held-out prompts (0 = start and end only)
 * @param saveSteps                  steps between checkpoints (0 = final only; TRL: 500)
 * @param maxNonFiniteInARow         the run stops after this many non-finite updates in a row
 * @param precision                  training precision (the forward pass recomputing old log-probs uses the same)
 * @param template                   chat template the prompts are rendered with (support, hh, chat)
 * @param seed                       fixes the run: sampling, micro-batch order, prompt order (TRL: 42)
 */
public record GrpoConfig(
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("num_generations") int numGenerations,
        @JsonProperty("per_device_train_batch_size") int perDeviceTrainBatchSize,
        @JsonProperty("gradient_accumulation_steps") int gradientAccumulationSteps,
        @JsonProperty("steps_per_generation") int stepsPerGeneration,
        @JsonProperty("num_iterations") int numIterations,
        @JsonProperty("beta") double beta,
        @JsonProperty("epsilon") double epsilon,
        @JsonProperty("epsilon_high") double epsilonHigh,
        @JsonProperty("loss_type") GroupPolicyLoss.LossType lossType,
        @JsonProperty("scale_rewards") boolean scaleRewards,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("max_prompt_length") int maxPromptLength,
        @JsonProperty("max_completion_length") int maxCompletionLength,
        @JsonProperty("max_grad_norm") double maxGradNorm,
        @JsonProperty("max_steps") int maxSteps,
        @JsonProperty("eval_steps") int evalSteps,
        @JsonProperty("save_steps") int saveSteps,
        @JsonProperty("max_non_finite_in_a_row") int maxNonFiniteInARow,
        @JsonProperty("precision") Precision precision,
        @JsonProperty("template") String template,
        @JsonProperty("seed") long seed) {

    public GrpoConfig {
        positive("learning_rate", learningRate);
        atLeast("num_generations", numGenerations, 2);
        atLeast("per_device_train_batch_size", perDeviceTrainBatchSize, 1);
        atLeast("gradient_accumulation_steps", gradientAccumulationSteps, 1);
        atLeast("steps_per_generation", stepsPerGeneration, 0);
        int spg = stepsPerGeneration > 0 ? stepsPerGeneration : gradientAccumulationSteps;
        if (spg % gradientAccumulationSteps != 0) {
            throw new IllegalArgumentException("steps_per_generation (" + spg + ") must be a multiple of gradient_accumulation_steps (" + gradientAccumulationSteps + ")");
        }
        if (perDeviceTrainBatchSize * spg % numGenerations != 0) {
            throw new IllegalArgumentException("per_device_train_batch_size x steps_per_generation (" + perDeviceTrainBatchSize + " x " + spg
                    + ") must be a multiple of num_generations (" + numGenerations + ")");
        }
        atLeast("num_iterations", numIterations, 1);
        nonNegative("beta", beta);
        if (!(epsilon >= 0 && epsilon < 1)) throw new IllegalArgumentException("epsilon must be in [0, 1), got " + epsilon);
        nonNegative("epsilon_high", epsilonHigh);
        if (lossType == null) throw new IllegalArgumentException("loss_type must be one of grpo, bnpo, dr_grpo");
        positive("temperature", temperature);
        atLeast("max_prompt_length", maxPromptLength, 2);
        atLeast("max_completion_length", maxCompletionLength, 1);
        nonNegative("max_grad_norm", maxGradNorm);
        atLeast("max_steps", maxSteps, 1);
        atLeast("eval_steps", evalSteps, 0);
        atLeast("save_steps", saveSteps, 0);
        atLeast("max_non_finite_in_a_row", maxNonFiniteInARow, 1);
        if (precision == null) throw new IllegalArgumentException("precision must be fp32 or bf16");
        if (template == null || !org.rlhf4j.lm.chat.ChatTemplate.NAMES.contains(template)) {
            throw new IllegalArgumentException("template must be one of " + org.rlhf4j.lm.chat.ChatTemplate.NAMES + ", got " + template);
        }
    }

    /** The embedded model's recipe (see BENCHMARKS.md, "GRPO and RLOO on the support world"). */
    public static GrpoConfig defaults() {
        return new GrpoConfig(3e-5, 8, 16, 1, 4, 1, 0.04, 0.2, 0, GroupPolicyLoss.LossType.GRPO, true,
                1.0, 160, 96, 1.0, 30, 15, 15, 5, Precision.BF16, "support", 0L);
    }

    /** Micro-batches per generation batch. */
    public int microBatchesPerStep() {
        return stepsPerGeneration > 0 ? stepsPerGeneration : gradientAccumulationSteps;
    }

    /** Optimizer updates per pass over a generation batch. */
    public int updatesPerIteration() {
        return microBatchesPerStep() / gradientAccumulationSteps;
    }

    /** Replies per step. */
    public int generationBatch() {
        return perDeviceTrainBatchSize * microBatchesPerStep();
    }

    /** Distinct prompts per step. */
    public int promptsPerStep() {
        return generationBatch() / numGenerations;
    }

    /** The upper clip: epsilon_high, or epsilon when it is 0. */
    public double upperClip() {
        return epsilonHigh > 0 ? epsilonHigh : epsilon;
    }

    /** TRL's GRPO trains with the Trainer's AdamW defaults and no weight decay. */
    public AdamWConfig optimizer() {
        return new AdamWConfig(learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    public GrpoConfig withSeed(long s) {
        return new GrpoConfig(learningRate, numGenerations, perDeviceTrainBatchSize, gradientAccumulationSteps, stepsPerGeneration, numIterations, beta, epsilon, epsilonHigh, lossType,
                scaleRewards, temperature, maxPromptLength, maxCompletionLength, maxGradNorm, maxSteps, evalSteps, saveSteps, maxNonFiniteInARow, precision, template, s);
    }

    public GrpoConfig withMaxSteps(int n) {
        return new GrpoConfig(learningRate, numGenerations, perDeviceTrainBatchSize, gradientAccumulationSteps, stepsPerGeneration, numIterations, beta, epsilon, epsilonHigh, lossType,
                scaleRewards, temperature, maxPromptLength, maxCompletionLength, maxGradNorm, n, evalSteps, saveSteps, maxNonFiniteInARow, precision, template, seed);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
    }

    private static void atLeast(String name, long v, long min) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
    }
}
