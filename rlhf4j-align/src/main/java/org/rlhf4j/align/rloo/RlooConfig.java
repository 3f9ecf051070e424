package org.rlhf4j.align.rloo;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.Precision;

/**
 * RLOO with TRL's {@code RLOOConfig} names and meanings where they exist (its PPO-shaped
 * trainer: KL in the reward, a sequence-level ratio). A step samples {@code rloo_k} replies for
 * each of {@code per_device_train_batch_size x gradient_accumulation_steps x num_mini_batches /
 * rloo_k} prompts (TRL's local batch), then runs {@code num_ppo_epochs} passes of
 * {@code num_mini_batches} updates, each accumulating {@code gradient_accumulation_steps}
 * micro-batches. Defaults ({@link #defaults()}) are sized for the embedded 2.4 M-parameter model
 * on CPU and were chosen by measurement (BENCHMARKS.md, "GRPO and RLOO"); TRL's are noted.
 *
 * @param learningRate              AdamW's learning rate (TRL: 3e-6)
 * @param rlooK                     replies per prompt, k (TRL: 2)
 * @param perDeviceTrainBatchSize   replies per micro-batch (TRL: 8, the Trainer's)
 * @param gradientAccumulationSteps micro-batches per update (TRL: 1)
 * @param numMiniBatches            updates per epoch (TRL: 1)
 * @param numPpoEpochs              passes over each batch of replies (TRL: 4; 1 is plain REINFORCE with the ratio exactly 1)
 * @param cliprange                 clip of the sequence-level ratio (TRL: 0.2)
 * @param klCoef                    the reward is score - kl_coef x sum_t (log pi - log pi_ref) (TRL: 0.05)
 * @param normalizeAdvantage        normalise advantages over the batch (TRL: false)
 * @param temperature               sampling temperature; log-probs are taken under the same distribution (TRL: 0.7; here 1, the
 *                                  temperature the evaluations sample at)
 * @param maxPromptLength           prompts are cut to their last tokens beyond this, BOS kept
 * @param responseLength            tokens per reply at most (TRL: 53)
 * @param maxGradNorm               clip the global gradient norm (TRL: 1.0)
 * @param maxSteps                  steps of a managed run
 * @param evalSteps                 steps between evaluations (0 = start and end only)
 * @param saveSteps                 steps between checkpoints (0 = final only)
 * @param maxNonFiniteInARow        the run stops after this many non-finite updates in a row
 * @param precision                 training precision
 * @param template                  chat template (support, hh, chat)
 * @param seed                      fixes the run
 */
public record RlooConfig(
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("rloo_k") int rlooK,
        @JsonProperty("per_device_train_batch_size") int perDeviceTrainBatchSize,
        @JsonProperty("gradient_accumulation_steps") int gradientAccumulationSteps,
        @JsonProperty("num_mini_batches") int numMiniBatches,
        @JsonProperty("num_ppo_epochs") int numPpoEpochs,
        @JsonProperty("cliprange") double cliprange,
        @JsonProperty("kl_coef") double klCoef,
        @JsonProperty("normalize_advantage") boolean normalizeAdvantage,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("max_prompt_length") int maxPromptLength,
        @JsonProperty("response_length") int responseLength,
        @JsonProperty("max_grad_norm") double maxGradNorm,
        @JsonProperty("max_steps") int maxSteps,
        @JsonProperty("eval_steps") int evalSteps,
        @JsonProperty("save_steps") int saveSteps,
        @JsonProperty("max_non_finite_in_a_row") int maxNonFiniteInARow,
        @JsonProperty("precision") Precision precision,
        @JsonProperty("template") String template,
        @JsonProperty("seed") long seed) {

    public RlooConfig {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learning_rate must be > 0 and finite, got " + learningRate);
        atLeast("rloo_k", rlooK, 2);
        atLeast("per_device_train_batch_size", perDeviceTrainBatchSize, 1);
        atLeast("gradient_accumulation_steps", gradientAccumulationSteps, 1);
        atLeast("num_mini_batches", numMiniBatches, 1);
        if (perDeviceTrainBatchSize * gradientAccumulationSteps * numMiniBatches % rlooK != 0) {
            throw new IllegalArgumentException("per_device_train_batch_size x gradient_accumulation_steps x num_mini_batches (" + perDeviceTrainBatchSize * gradientAccumulationSteps * numMiniBatches
                    + ") must be a multiple of rloo_k (" + rlooK + ")");
        }
        atLeast("num_ppo_epochs", numPpoEpochs, 1);
        if (!(cliprange >= 0 && cliprange < 1)) throw new IllegalArgumentException("cliprange must be in [0, 1), got " + cliprange);
        if (!(klCoef >= 0) || Double.isInfinite(klCoef)) throw new IllegalArgumentException("kl_coef must be >= 0 and finite, got " + klCoef);
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        atLeast("max_prompt_length", maxPromptLength, 2);
        atLeast("response_length", responseLength, 1);
        if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) throw new IllegalArgumentException("max_grad_norm must be >= 0 and finite, got " + maxGradNorm);
        atLeast("max_steps", maxSteps, 1);
        atLeast("eval_steps", evalSteps, 0);
        atLeast("save_steps", saveSteps, 0);
        atLeast("max_non_finite_in_a_row", maxNonFiniteInARow, 1);
        if (precision == null) throw new IllegalArgumentException("precision must be fp32 or bf16");
        if (template == null || !org.rlhf4j.lm.chat.ChatTemplate.NAMES.contains(template)) {
            throw new IllegalArgumentException("template must be one of " + org.rlhf4j.lm.chat.ChatTemplate.NAMES + ", got " + template);
        }
    }

    /** The embedded model's recipe (BENCHMARKS.md, "GRPO and RLOO on the support world"). */
    public static RlooConfig defaults() {
        return new RlooConfig(3e-5, 4, 16, 1, 4, 1, 0.2, 0.05, false, 1.0, 160, 96, 1.0, 30, 15, 15, 5, Precision.BF16, "support", 0L);
    }

    /** Replies per step. */
    public int batchSize() {
        return perDeviceTrainBatchSize * gradientAccumulationSteps * numMiniBatches;
    }

    public int promptsPerStep() {
        return batchSize() / rlooK;
    }

    public AdamWConfig optimizer() {
        return new AdamWConfig(learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    private static void atLeast(String name, long v, long min) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
    }
}
