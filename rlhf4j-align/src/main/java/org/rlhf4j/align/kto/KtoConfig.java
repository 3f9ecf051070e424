package org.rlhf4j.align.kto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.rlhf4j.align.offline.OfflineSettings;
import org.rlhf4j.core.tensor.Precision;

/**
 * KTO with TRL's {@code KTOConfig} names (snake case in JSON); {@link #defaults()} is the only
 * place defaults live, TRL's noted where they differ. The shared fields mean what they mean in
 * {@link org.rlhf4j.align.dpo.DpoConfig}.
 *
 * @param beta              the implicit reward's scale (TRL: 0.1)
 * @param desirableWeight   lambda_D, weight of desirable replies' losses (TRL: 1.0; the paper keeps
 *                          lambda_D n_D / (lambda_U n_U) in [1, 4/3])
 * @param undesirableWeight lambda_U (TRL: 1.0)
 */
public record KtoConfig(
        @JsonProperty("beta") double beta,
        @JsonProperty("desirable_weight") double desirableWeight,
        @JsonProperty("undesirable_weight") double undesirableWeight,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("per_device_train_batch_size") int perDeviceTrainBatchSize,
        @JsonProperty("gradient_accumulation_steps") int gradientAccumulationSteps,
        @JsonProperty("num_train_epochs") int numTrainEpochs,
        @JsonProperty("max_steps") int maxSteps,
        @JsonProperty("max_length") int maxLength,
        @JsonProperty("max_prompt_length") int maxPromptLength,
        @JsonProperty("precompute_ref_log_probs") boolean precomputeRefLogProbs,
        @JsonProperty("max_grad_norm") double maxGradNorm,
        @JsonProperty("eval_steps") int evalSteps,
        @JsonProperty("save_steps") int saveSteps,
        @JsonProperty("eval_fraction") double evalFraction,
        @JsonProperty("template") String template,
        @JsonProperty("precision") Precision precision,
        @JsonProperty("seed") long seed) implements OfflineSettings {
    public KtoConfig {
        if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
        if (!(desirableWeight > 0) || Double.isInfinite(desirableWeight)) throw new IllegalArgumentException("desirable_weight must be > 0 and finite, got " + desirableWeight);
        if (!(undesirableWeight > 0) || Double.isInfinite(undesirableWeight)) throw new IllegalArgumentException("undesirable_weight must be > 0 and finite, got " + undesirableWeight);
        if (!(evalFraction >= 0 && evalFraction < 0.5)) throw new IllegalArgumentException("eval_fraction must be in [0, 0.5), got " + evalFraction);
        OfflineSettings.check(learningRate, perDeviceTrainBatchSize, gradientAccumulationSteps, numTrainEpochs, maxLength, maxPromptLength, maxGradNorm, evalSteps, saveSteps,
                template, precision);
    }

    /** The same training recipe as DPO's defaults, with TRL's KTO weights. */
    public static KtoConfig defaults() {
        return new KtoConfig(0.1, 1.0, 1.0, 5e-5, 16, 1, 1, 0, 256, 128, true, 1.0, 50, 100, 0.05, "support", Precision.BF16, 42L);
    }
}
