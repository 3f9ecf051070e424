package org.rlhf4j.control.ppo;

import org.rlhf4j.control.onpolicy.OnPolicyConfig;
import org.rlhf4j.control.policy.PolicyConfig;
import org.rlhf4j.core.rl.Schedule;

/**
 * PPO's hyperparameters with stable-baselines3's names (camel-cased) and defaults
 * ({@link #defaults()}); SB3's {@code PPO(...)} arguments in the same order.
 *
 * @param learningRate       Adam's learning rate over progress remaining (3e-4)
 * @param nSteps             steps per environment per rollout (2048)
 * @param batchSize          minibatch size (64)
 * @param nEpochs            passes over each rollout (10)
 * @param gamma              discount factor (0.99)
 * @param gaeLambda          GAE lambda (0.95)
 * @param clipRange          surrogate clip range over progress remaining (0.2)
 * @param clipRangeVf        value clip range around the rollout's values, or null for none (null);
 *                           SB3's convention: the prediction is clamped (see ValueLoss.Clipping.PREDICTION)
 * @param normalizeAdvantage normalise advantages per minibatch (true)
 * @param entCoef            entropy bonus weight (0.0)
 * @param vfCoef             value loss weight (0.5)
 * @param maxGradNorm        global gradient-norm clip (0.5)
 * @param targetKl           stop an update's epochs once a minibatch's approx_kl exceeds
 *                           1.5 x this, or null for never (null)
 * @param nEnvs              parallel environment copies (1)
 * @param seed               root seed of the run (0)
 * @param policy             the policy's shape (SB3 MlpPolicy defaults)
 */
public record PpoConfig(
        Schedule learningRate,
        int nSteps,
        int batchSize,
        int nEpochs,
        double gamma,
        double gaeLambda,
        Schedule clipRange,
        Schedule clipRangeVf,
        boolean normalizeAdvantage,
        double entCoef,
        double vfCoef,
        double maxGradNorm,
        Double targetKl,
        int nEnvs,
        long seed,
        PolicyConfig policy) implements OnPolicyConfig {

    /** SB3 policies' Adam epsilon (PyTorch's default is 1e-8). */
    public static final double ADAM_EPS = 1e-5;

    public PpoConfig {
        if (learningRate == null) throw new IllegalArgumentException("learningRate must not be null; use Schedule.constant(3e-4)");
        requireNonNegativeSchedule("learningRate", learningRate);
        if (!(learningRate.valueAt(1.0) > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0 at the start of training, got " + learningRate.valueAt(1.0));
        }
        if (nSteps < 1) throw new IllegalArgumentException("nSteps must be >= 1, got " + nSteps);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (normalizeAdvantage && batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be > 1 when normalizeAdvantage is true (a standard deviation needs two values), got "
                    + batchSize);
        }
        if (nEpochs < 1) throw new IllegalArgumentException("nEpochs must be >= 1, got " + nEpochs);
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        if (!(gaeLambda >= 0 && gaeLambda <= 1)) throw new IllegalArgumentException("gaeLambda must be in [0, 1], got " + gaeLambda);
        if (clipRange == null) throw new IllegalArgumentException("clipRange must not be null; use Schedule.constant(0.2)");
        requireClipSchedule("clipRange", clipRange, 1.0);
        if (clipRangeVf != null) requireClipSchedule("clipRangeVf", clipRangeVf, Double.POSITIVE_INFINITY);
        if (!Double.isFinite(entCoef)) throw new IllegalArgumentException("entCoef must be finite, got " + entCoef);
        if (!(vfCoef >= 0) || Double.isInfinite(vfCoef)) throw new IllegalArgumentException("vfCoef must be finite and >= 0, got " + vfCoef);
        if (!(maxGradNorm > 0)) throw new IllegalArgumentException("maxGradNorm must be > 0, got " + maxGradNorm);
        if (targetKl != null && !(targetKl > 0)) throw new IllegalArgumentException("targetKl must be > 0 or null (no early stop), got " + targetKl);
        if (nEnvs < 1) throw new IllegalArgumentException("nEnvs must be >= 1, got " + nEnvs);
        if ((long) nSteps * nEnvs < 2) {
            throw new IllegalArgumentException("nSteps * nEnvs must be > 1 (SB3 needs two samples for advantage normalisation), got "
                    + nSteps + " * " + nEnvs);
        }
        if (policy == null) throw new IllegalArgumentException("policy must not be null; use PolicyConfig.defaults()");
    }

    private static void requireNonNegativeSchedule(String field, Schedule schedule) {
        for (double progress : new double[] {1.0, 0.5, 0.0}) {
            if (!(schedule.valueAt(progress) >= 0)) {
                throw new IllegalArgumentException(field + " must be >= 0 throughout training, got " + schedule.valueAt(progress)
                        + " at progress remaining " + progress);
            }
        }
    }

    /** Values in [0, max) at the start, middle and end (a linear schedule is checked at its ends). */
    private static void requireClipSchedule(String field, Schedule schedule, double max) {
        for (double progress : new double[] {1.0, 0.5, 0.0}) {
            double value = schedule.valueAt(progress);
            if (!(value >= 0 && value < max)) {
                throw new IllegalArgumentException(field + " must be in [0, " + max + ") throughout training, got " + value
                        + " at progress remaining " + progress);
            }
        }
        if (!(schedule.valueAt(1.0) > 0)) throw new IllegalArgumentException(field + " must be > 0 at the start of training");
    }

    /** stable-baselines3's PPO defaults, one environment, seed 0. */
    public static PpoConfig defaults() {
        return new PpoConfig(Schedule.constant(3e-4), 2048, 64, 10, 0.99, 0.95, Schedule.constant(0.2), null, true, 0.0, 0.5, 0.5,
                null, 1, 0L, PolicyConfig.defaults());
    }

    /**
     * rl-baselines3-zoo's tuned CartPole-v1 settings ({@code hyperparams/ppo.yml}): 8 envs,
     * n_steps 32, batch 256, gae_lambda 0.8, gamma 0.98, n_epochs 20, ent_coef 0, learning rate
     * linear from 1e-3 to 0, clip range linear from 0.2 to 0; 1e5 timesteps.
     */
    public static PpoConfig zooCartPole() {
        return defaults().withNEnvs(8).withNSteps(32).withBatchSize(256).withGaeLambda(0.8).withGamma(0.98).withNEpochs(20)
                .withEntCoef(0.0).withLearningRate(Schedule.linear(1e-3, 0)).withClipRange(Schedule.linear(0.2, 0));
    }

    public PpoConfig withLearningRate(Schedule v) {
        return new PpoConfig(v, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage, entCoef, vfCoef,
                maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withNSteps(int v) {
        return new PpoConfig(learningRate, v, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage, entCoef,
                vfCoef, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withBatchSize(int v) {
        return new PpoConfig(learningRate, nSteps, v, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage, entCoef,
                vfCoef, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withNEpochs(int v) {
        return new PpoConfig(learningRate, nSteps, batchSize, v, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage, entCoef,
                vfCoef, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withGamma(double v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, v, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage, entCoef,
                vfCoef, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withGaeLambda(double v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, v, clipRange, clipRangeVf, normalizeAdvantage, entCoef,
                vfCoef, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withClipRange(Schedule v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, v, clipRangeVf, normalizeAdvantage, entCoef,
                vfCoef, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withClipRangeVf(Schedule v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, v, normalizeAdvantage, entCoef,
                vfCoef, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withNormalizeAdvantage(boolean v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, v, entCoef, vfCoef,
                maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withEntCoef(double v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage, v,
                vfCoef, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withVfCoef(double v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage,
                entCoef, v, maxGradNorm, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withMaxGradNorm(double v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage,
                entCoef, vfCoef, v, targetKl, nEnvs, seed, policy);
    }

    public PpoConfig withTargetKl(Double v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage,
                entCoef, vfCoef, maxGradNorm, v, nEnvs, seed, policy);
    }

    public PpoConfig withNEnvs(int v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage,
                entCoef, vfCoef, maxGradNorm, targetKl, v, seed, policy);
    }

    public PpoConfig withSeed(long v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage,
                entCoef, vfCoef, maxGradNorm, targetKl, nEnvs, v, policy);
    }

    public PpoConfig withPolicy(PolicyConfig v) {
        return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf, normalizeAdvantage,
                entCoef, vfCoef, maxGradNorm, targetKl, nEnvs, seed, v);
    }
}
