package org.rlhf4j.align.ppo;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.rl.KlPenalty;
import org.rlhf4j.core.tensor.Precision;

/**
 * PPO for language models, with TRL's classic {@code PPOConfig} names and meanings where they
 * exist (JSON names in snake case, as TRL spells them). Defaults ({@link #defaults()}, the only
 * place they live) are sized for the embedded 2.4 M-parameter model on 2 CPU cores; TRL's own
 * defaults are noted where they differ.
 *
 * @param learningRate            AdamW's learning rate (TRL: 1.41e-5, for 100 M+ models; 1e-4 made the embedded model's KL
 *                                explode within 10 steps; 3e-5 with 32 prompts per step was the steadiest measured)
 * @param batchSize               prompts per PPO step (rollout batch; TRL: 128; 16 made every step's signal too noisy here)
 * @param miniBatchSize           rows per micro-batch of the update (TRL: 128)
 * @param gradientAccumulationSteps micro-batches per optimizer update (TRL: 1)
 * @param ppoEpochs               passes over each rollout batch (TRL: 4)
 * @param gamma                   discount over response tokens (TRL: 1)
 * @param lam                     GAE's lambda (TRL: 0.95; here 1, because the value head starts at zero: with 0.95 the score
 *                                on a reply's last token reaches its first of 60 tokens with weight 0.95^60 = 0.05)
 * @param cliprange               policy ratio clip (TRL: 0.2)
 * @param cliprangeValue          value clip around the rollout's values (TRL: 0.2)
 * @param vfCoef                  weight of the value loss, 0.5 * clipped MSE as TRL (TRL: 0.1)
 * @param entCoef                 weight of the entropy bonus (TRL classic has none: 0)
 * @param valueHeadOnly           the value loss trains the value head alone, on the trunk's features without their gradient, so the
 *                                language model learns from the policy loss only (TRL: false, the value loss also trains the shared
 *                                trunk; on the embedded model that let the KL run away to 38 nats in 40 steps of optimising gold)
 * @param adapKlCtrl              adapt beta towards {@code target} (TRL: true)
 * @param initKlCoef              beta at the start (TRL: 0.2; against the demo's reward model 0.2 gave gold +0.13 at KL 1.8
 *                                where 0.05 gave -0.05 at KL 3.9)
 * @param klPenalty               per-token KL estimator: kl, abs, mse, k3, full (TRL: kl)
 * @param target                  the adaptive controller's KL target, nats per reply (TRL: 6)
 * @param horizon                 the adaptive controller's horizon, in sequences (TRL: 10000)
 * @param earlyStopping           stop a step's epochs when approx-KL exceeds 1.5 * targetKl (TRL: false)
 * @param targetKl                see earlyStopping (TRL: 1)
 * @param maxGradNorm             clip the global gradient norm (0 = off; TRL: off)
 * @param whitenRewards           whiten per-token rewards before GAE (TRL: false)
 * @param scoreClip               clip scores to +- this after scaling (0 = off; TRL: off)
 * @param useScoreScaling         divide scores by their running std (TRL: false; here true, so a reward on any scale, a
 *                                1-5 gold score or a normalised reward model, gives the value head the same targets)
 * @param useScoreNorm            with scaling, also subtract the running mean (TRL: false; here true)
 * @param ratioThreshold          skip a micro-batch whose mean ratio exceeds this (TRL: 10)
 * @param missingEosPenalty       subtracted from the score of a reply that never reached EOS (0 = off; TRL's missing_eos_penalty)
 * @param temperature             sampling temperature; log-probs are taken under the same distribution
 * @param minNewTokens            response lengths are drawn per step from [min, max] (TRL's LengthSampler); equal = fixed
 * @param maxNewTokens            see minNewTokens
 * @param maxQueryLength          prompts are cut to their last tokens beyond this (BOS kept)
 * @param steps                   PPO steps of a managed run
 * @param evalEvery               steps between evaluations on held-out prompts (0 = start and end only)
 * @param checkpointEvery         steps between checkpoints (0 = final only)
 * @param maxNonFiniteInARow      the run stops after this many non-finite updates in a row
 * @param precision               training (and rollout-scoring) precision
 * @param template                chat template the prompts are rendered with (support, hh, chat)
 * @param seed                    fixes the run: sampling, minibatch order, prompt order, value-head init
 */
public record PpoConfig(
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("mini_batch_size") int miniBatchSize,
        @JsonProperty("gradient_accumulation_steps") int gradientAccumulationSteps,
        @JsonProperty("ppo_epochs") int ppoEpochs,
        @JsonProperty("gamma") double gamma,
        @JsonProperty("lam") double lam,
        @JsonProperty("cliprange") double cliprange,
        @JsonProperty("cliprange_value") double cliprangeValue,
        @JsonProperty("vf_coef") double vfCoef,
        @JsonProperty("ent_coef") double entCoef,
        @JsonProperty("value_head_only") boolean valueHeadOnly,
        @JsonProperty("adap_kl_ctrl") boolean adapKlCtrl,
        @JsonProperty("init_kl_coef") double initKlCoef,
        @JsonProperty("kl_penalty") KlPenalty.Estimator klPenalty,
        @JsonProperty("target") double target,
        @JsonProperty("horizon") double horizon,
        @JsonProperty("early_stopping") boolean earlyStopping,
        @JsonProperty("target_kl") double targetKl,
        @JsonProperty("max_grad_norm") double maxGradNorm,
        @JsonProperty("whiten_rewards") boolean whitenRewards,
        @JsonProperty("score_clip") double scoreClip,
        @JsonProperty("use_score_scaling") boolean useScoreScaling,
        @JsonProperty("use_score_norm") boolean useScoreNorm,
        @JsonProperty("ratio_threshold") double ratioThreshold,
        @JsonProperty("missing_eos_penalty") double missingEosPenalty,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("min_new_tokens") int minNewTokens,
        @JsonProperty("max_new_tokens") int maxNewTokens,
        @JsonProperty("max_query_length") int maxQueryLength,
        @JsonProperty("steps") int steps,
        @JsonProperty("eval_every") int evalEvery,
        @JsonProperty("checkpoint_every") int checkpointEvery,
        @JsonProperty("max_non_finite_in_a_row") int maxNonFiniteInARow,
        @JsonProperty("precision") Precision precision,
        @JsonProperty("template") String template,
        @JsonProperty("seed") long seed) {

    public PpoConfig {
        positive("learning_rate", learningRate);
        atLeast("batch_size", batchSize, 1);
        atLeast("mini_batch_size", miniBatchSize, 1);
        atLeast("gradient_accumulation_steps", gradientAccumulationSteps, 1);
        atLeast("ppo_epochs", ppoEpochs, 1);
        if (batchSize % (miniBatchSize * gradientAccumulationSteps) != 0) {
            throw new IllegalArgumentException("batch_size (" + batchSize + ") must be a multiple of mini_batch_size x gradient_accumulation_steps ("
                    + miniBatchSize + " x " + gradientAccumulationSteps + ")");
        }
        unit("gamma", gamma);
        unit("lam", lam);
        if (!(cliprange >= 0 && cliprange < 1)) throw new IllegalArgumentException("cliprange must be in [0, 1), got " + cliprange);
        nonNegative("cliprange_value", cliprangeValue);
        nonNegative("vf_coef", vfCoef);
        nonNegative("ent_coef", entCoef);
        nonNegative("init_kl_coef", initKlCoef);
        if (klPenalty == null) throw new IllegalArgumentException("kl_penalty must be one of kl, abs, mse, k3, full");
        if (adapKlCtrl) {
            positive("target", target);
            positive("horizon", horizon);
        }
        positive("target_kl", targetKl);
        nonNegative("max_grad_norm", maxGradNorm);
        nonNegative("score_clip", scoreClip);
        if (!(ratioThreshold > 1) || Double.isNaN(ratioThreshold)) throw new IllegalArgumentException("ratio_threshold must be > 1, got " + ratioThreshold);
        nonNegative("missing_eos_penalty", missingEosPenalty);
        positive("temperature", temperature);
        atLeast("min_new_tokens", minNewTokens, 1);
        if (maxNewTokens < minNewTokens) throw new IllegalArgumentException("max_new_tokens (" + maxNewTokens + ") must be >= min_new_tokens (" + minNewTokens + ")");
        atLeast("max_query_length", maxQueryLength, 2);
        atLeast("steps", steps, 1);
        atLeast("eval_every", evalEvery, 0);
        atLeast("checkpoint_every", checkpointEvery, 0);
        atLeast("max_non_finite_in_a_row", maxNonFiniteInARow, 1);
        if (precision == null) throw new IllegalArgumentException("precision must be fp32 or bf16");
        if (template == null || !org.rlhf4j.lm.chat.ChatTemplate.NAMES.contains(template)) {
            throw new IllegalArgumentException("template must be one of " + org.rlhf4j.lm.chat.ChatTemplate.NAMES + ", got " + template);
        }
    }

    /** The embedded model's recipe (see BENCHMARKS.md, "PPO on the support world", for how it was chosen). */
    public static PpoConfig defaults() {
        return new PpoConfig(3e-5, 32, 8, 1, 4, 1.0, 1.0, 0.2, 0.2, 0.1, 0.0, true,
                true, 0.2, KlPenalty.Estimator.KL, 6.0, 10000, false, 1.0, 1.0,
                false, 0, true, true, 10.0, 1.0,
                1.0, 96, 96, 160, 100, 25, 50, 5, Precision.BF16, "support", 0L);
    }

    /** The optimizer settings: TRL's PPO uses Adam with its defaults and no weight decay. */
    public AdamWConfig optimizer() {
        return new AdamWConfig(learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    public PpoConfig withSeed(long s) {
        return new PpoConfig(learningRate, batchSize, miniBatchSize, gradientAccumulationSteps, ppoEpochs, gamma, lam, cliprange, cliprangeValue, vfCoef, entCoef, valueHeadOnly,
                adapKlCtrl, initKlCoef, klPenalty, target, horizon, earlyStopping, targetKl, maxGradNorm, whitenRewards, scoreClip, useScoreScaling,
                useScoreNorm, ratioThreshold, missingEosPenalty, temperature, minNewTokens, maxNewTokens, maxQueryLength, steps, evalEvery,
                checkpointEvery, maxNonFiniteInARow, precision, template, s);
    }

    public PpoConfig withSteps(int n) {
        return new PpoConfig(learningRate, batchSize, miniBatchSize, gradientAccumulationSteps, ppoEpochs, gamma, lam, cliprange, cliprangeValue, vfCoef, entCoef, valueHeadOnly,
                adapKlCtrl, initKlCoef, klPenalty, target, horizon, earlyStopping, targetKl, maxGradNorm, whitenRewards, scoreClip, useScoreScaling,
                useScoreNorm, ratioThreshold, missingEosPenalty, temperature, minNewTokens, maxNewTokens, maxQueryLength, n, evalEvery,
                checkpointEvery, maxNonFiniteInARow, precision, template, seed);
    }

    public int updateRows() {
        return miniBatchSize * gradientAccumulationSteps;
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
    }

    private static void unit(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }

    private static void atLeast(String name, long v, long min) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
    }
}
