package org.rlhf4j.align.dpo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.rlhf4j.align.offline.OfflineSettings;
import org.rlhf4j.core.tensor.Precision;

/**
 * DPO and its variants, with TRL's {@code DPOConfig} names (snake case in JSON). Defaults
 * ({@link #defaults()}, the only place they live) are sized for the embedded 2.4 M-parameter
 * model; TRL's are noted where they differ.
 *
 * @param beta                      the implicit reward's scale, how far from the reference the policy may go (TRL: 0.1)
 * @param lossType                  sigmoid (DPO), ipo, simpo (TRL: sigmoid; TRL has simpo in CPOTrainer)
 * @param labelSmoothing            the chance a label is wrong, for conservative DPO, in [0, 0.5) (TRL: 0)
 * @param rpoAlpha                  weight of the chosen replies' token NLL (RPO; 0 = off; TRL: None, off; here 1: on the support
 *                                  world it cut the KL from 7.7 to 2.0 nats and kept greedy gold, BENCHMARKS.md "DPO")
 * @param simpoGamma                SimPO's target margin (TRL's CPOConfig: 0.5)
 * @param learningRate              AdamW's learning rate, constant (TRL: 1e-6 with linear decay, for 7 B models; on the embedded
 *                                  model 2e-4 doubled the KL of 5e-5 and lost gold, BENCHMARKS.md "DPO")
 * @param perDeviceTrainBatchSize   pairs per micro-batch (TRL: 8)
 * @param gradientAccumulationSteps micro-batches per optimizer step (TRL: 1)
 * @param numTrainEpochs            passes over the training pairs (TRL: 3)
 * @param maxSteps                  optimizer steps; 0 = as many as the epochs take (TRL: -1)
 * @param maxLength                 prompt + reply tokens (TRL: 1024; the embedded model's context is 256)
 * @param maxPromptLength           prompt tokens, BOS and the end kept (TRL: 512)
 * @param precomputeRefLogProbs     compute the reference's log-probs once and cache them with the run (TRL: false, the
 *                                  reference runs beside the policy every step; here true: it saves a third of each step)
 * @param maxGradNorm               clip the global gradient norm (0 = off; TRL: 1.0)
 * @param evalSteps                 steps between held-out evaluations (0 = start and end only)
 * @param saveSteps                 steps between checkpoints (0 = final model only; TRL: 500)
 * @param evalFraction              share of the pairs held out when no evaluation files are given
 * @param template                  chat template (support, hh, chat)
 * @param precision                 training precision (fp32, bf16)
 * @param seed                      fixes the run: held-out split and data order (TRL: 42)
 */
public record DpoConfig(
        @JsonProperty("beta") double beta,
        @JsonProperty("loss_type") String lossType,
        @JsonProperty("label_smoothing") double labelSmoothing,
        @JsonProperty("rpo_alpha") double rpoAlpha,
        @JsonProperty("simpo_gamma") double simpoGamma,
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
    public static final List<String> LOSS_TYPES = List.of("sigmoid", "ipo", "simpo");

    public DpoConfig {
        if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
        if (lossType == null || !LOSS_TYPES.contains(lossType)) throw new IllegalArgumentException("loss_type must be one of " + LOSS_TYPES + ", got " + lossType);
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) throw new IllegalArgumentException("label_smoothing must be in [0, 0.5), got " + labelSmoothing);
        if (lossType.equals("ipo") && labelSmoothing != 0) throw new IllegalArgumentException("label_smoothing applies to the sigmoid and simpo losses, not ipo");
        if (!(rpoAlpha >= 0) || Double.isInfinite(rpoAlpha)) throw new IllegalArgumentException("rpo_alpha must be >= 0 and finite (0 = off), got " + rpoAlpha);
        if (!Double.isFinite(simpoGamma)) throw new IllegalArgumentException("simpo_gamma must be finite, got " + simpoGamma);
        if (!(evalFraction >= 0 && evalFraction < 0.5)) throw new IllegalArgumentException("eval_fraction must be in [0, 0.5), got " + evalFraction);
        OfflineSettings.check(learningRate, perDeviceTrainBatchSize, gradientAccumulationSteps, numTrainEpochs, maxLength, maxPromptLength, maxGradNorm, evalSteps, saveSteps,
                template, precision);
    }

    /** The embedded model's recipe (see BENCHMARKS.md, "DPO", for how it was chosen). */
    public static DpoConfig defaults() {
        return new DpoConfig(0.1, "sigmoid", 0.0, 1.0, 0.5, 5e-5, 16, 1, 1, 0, 256, 128, true, 1.0, 50, 100, 0.05, "support", Precision.BF16, 42L);
    }

    public DpoConfig withMaxSteps(int n) {
        return new DpoConfig(beta, lossType, labelSmoothing, rpoAlpha, simpoGamma, learningRate, perDeviceTrainBatchSize, gradientAccumulationSteps, numTrainEpochs, n,
                maxLength, maxPromptLength, precomputeRefLogProbs, maxGradNorm, evalSteps, saveSteps, evalFraction, template, precision, seed);
    }

    public DpoConfig withRpoAlpha(double alpha) {
        return new DpoConfig(beta, lossType, labelSmoothing, alpha, simpoGamma, learningRate, perDeviceTrainBatchSize, gradientAccumulationSteps, numTrainEpochs, maxSteps,
                maxLength, maxPromptLength, precomputeRefLogProbs, maxGradNorm, evalSteps, saveSteps, evalFraction, template, precision, seed);
    }

    public DpoConfig withLossType(String type, double newBeta) {
        return new DpoConfig(newBeta, type, labelSmoothing, rpoAlpha, simpoGamma, learningRate, perDeviceTrainBatchSize, gradientAccumulationSteps, numTrainEpochs, maxSteps,
                maxLength, maxPromptLength, precomputeRefLogProbs, maxGradNorm, evalSteps, saveSteps, evalFraction, template, precision, seed);
    }

    /** Whether the loss compares against a reference model (every loss type but simpo). */
    public boolean usesReference() {
        return !lossType.equals("simpo");
    }
}
