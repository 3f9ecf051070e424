package org.rlhf4j.control.a2c;

import org.rlhf4j.control.onpolicy.OnPolicyConfig;
import org.rlhf4j.control.policy.PolicyConfig;
import org.rlhf4j.core.rl.Schedule;

/**
 * A2C's hyperparameters with stable-baselines3's names (camel-cased) and defaults
 * ({@link #defaults()}), in the order of SB3's {@code A2C(...)} arguments.
 *
 * @param learningRate       learning rate over progress remaining (7e-4)
 * @param nSteps             steps per environment per update (5)
 * @param gamma              discount factor (0.99)
 * @param gaeLambda          GAE lambda (1.0: plain n-step returns, as Mnih et al. 2016)
 * @param entCoef            entropy bonus weight (0.0)
 * @param vfCoef             value loss weight (0.5)
 * @param maxGradNorm        global gradient-norm clip (0.5)
 * @param rmsPropEps         RMSprop's epsilon (1e-5)
 * @param useRmsProp         RMSprop (alpha {@value #RMS_PROP_ALPHA}) if true, else Adam with eps 1e-5 (true)
 * @param normalizeAdvantage normalise the batch's advantages (false)
 * @param nEnvs              parallel environment copies (1)
 * @param seed               root seed of the run (0)
 * @param policy             the policy's shape (SB3 MlpPolicy defaults)
 */
public record A2cConfig(
        Schedule learningRate,
        int nSteps,
        double gamma,
        double gaeLambda,
        double entCoef,
        double vfCoef,
        double maxGradNorm,
        double rmsPropEps,
        boolean useRmsProp,
        boolean normalizeAdvantage,
        int nEnvs,
        long seed,
        PolicyConfig policy) implements OnPolicyConfig {

    /** SB3 fixes RMSprop's smoothing constant at 0.99 (PyTorch's default). */
    public static final double RMS_PROP_ALPHA = 0.99;
    /** The Adam epsilon SB3's policies use when RMSprop is off. */
    public static final double ADAM_EPS = 1e-5;

    public A2cConfig {
        if (learningRate == null) throw new IllegalArgumentException("learningRate must not be null; use Schedule.constant(7e-4)");
        for (double progress : new double[] {1.0, 0.5, 0.0}) {
            if (!(learningRate.valueAt(progress) >= 0)) {
                throw new IllegalArgumentException("learningRate must be >= 0 throughout training, got " + learningRate.valueAt(progress)
                        + " at progress remaining " + progress);
            }
        }
        if (!(learningRate.valueAt(1.0) > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0 at the start of training, got " + learningRate.valueAt(1.0));
        }
        if (nSteps < 1) throw new IllegalArgumentException("nSteps must be >= 1, got " + nSteps);
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        if (!(gaeLambda >= 0 && gaeLambda <= 1)) throw new IllegalArgumentException("gaeLambda must be in [0, 1], got " + gaeLambda);
        if (!Double.isFinite(entCoef)) throw new IllegalArgumentException("entCoef must be finite, got " + entCoef);
        if (!(vfCoef >= 0) || Double.isInfinite(vfCoef)) throw new IllegalArgumentException("vfCoef must be finite and >= 0, got " + vfCoef);
        if (!(maxGradNorm > 0)) throw new IllegalArgumentException("maxGradNorm must be > 0, got " + maxGradNorm);
        if (!(rmsPropEps > 0)) throw new IllegalArgumentException("rmsPropEps must be > 0, got " + rmsPropEps);
        if (nEnvs < 1) throw new IllegalArgumentException("nEnvs must be >= 1, got " + nEnvs);
        if (normalizeAdvantage && (long) nSteps * nEnvs < 2) {
            throw new IllegalArgumentException("nSteps * nEnvs must be > 1 when normalizeAdvantage is true, got " + nSteps + " * " + nEnvs);
        }
        if (policy == null) throw new IllegalArgumentException("policy must not be null; use PolicyConfig.defaults()");
    }

    /** stable-baselines3's A2C defaults, one environment, seed 0. */
    public static A2cConfig defaults() {
        return new A2cConfig(Schedule.constant(7e-4), 5, 0.99, 1.0, 0.0, 0.5, 0.5, 1e-5, true, false, 1, 0L, PolicyConfig.defaults());
    }

    /** rl-baselines3-zoo's CartPole-v1 settings ({@code hyperparams/a2c.yml}): 8 envs, ent_coef 0, else defaults; 5e5 timesteps. */
    public static A2cConfig zooCartPole() {
        return defaults().withNEnvs(8).withEntCoef(0.0);
    }

    public A2cConfig withLearningRate(Schedule v) {
        return new A2cConfig(v, nSteps, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp, normalizeAdvantage, nEnvs,
                seed, policy);
    }

    public A2cConfig withNSteps(int v) {
        return new A2cConfig(learningRate, v, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp, normalizeAdvantage,
                nEnvs, seed, policy);
    }

    public A2cConfig withGamma(double v) {
        return new A2cConfig(learningRate, nSteps, v, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp, normalizeAdvantage,
                nEnvs, seed, policy);
    }

    public A2cConfig withGaeLambda(double v) {
        return new A2cConfig(learningRate, nSteps, gamma, v, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp, normalizeAdvantage,
                nEnvs, seed, policy);
    }

    public A2cConfig withEntCoef(double v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, v, vfCoef, maxGradNorm, rmsPropEps, useRmsProp, normalizeAdvantage,
                nEnvs, seed, policy);
    }

    public A2cConfig withVfCoef(double v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, v, maxGradNorm, rmsPropEps, useRmsProp, normalizeAdvantage,
                nEnvs, seed, policy);
    }

    public A2cConfig withMaxGradNorm(double v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, vfCoef, v, rmsPropEps, useRmsProp, normalizeAdvantage,
                nEnvs, seed, policy);
    }

    public A2cConfig withRmsPropEps(double v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, v, useRmsProp, normalizeAdvantage,
                nEnvs, seed, policy);
    }

    public A2cConfig withUseRmsProp(boolean v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps, v, normalizeAdvantage,
                nEnvs, seed, policy);
    }

    public A2cConfig withNormalizeAdvantage(boolean v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp, v, nEnvs,
                seed, policy);
    }

    public A2cConfig withNEnvs(int v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp,
                normalizeAdvantage, v, seed, policy);
    }

    public A2cConfig withSeed(long v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp,
                normalizeAdvantage, nEnvs, v, policy);
    }

    public A2cConfig withPolicy(PolicyConfig v) {
        return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp,
                normalizeAdvantage, nEnvs, seed, v);
    }
}
