package org.rlhf4j.control.onpolicy;

import org.rlhf4j.control.policy.PolicyConfig;
import org.rlhf4j.core.rl.Schedule;

/**
 * The hyperparameters every on-policy algorithm has (stable-baselines3's
 * {@code OnPolicyAlgorithm} arguments), implemented by each algorithm's config record
 * ({@code PpoConfig}, {@code A2cConfig}), which validates them and holds their defaults.
 */
public interface OnPolicyConfig {
    /** SB3 {@code learning_rate}, a schedule over progress remaining. */
    Schedule learningRate();

    /** SB3 {@code n_steps}: steps per environment per rollout. */
    int nSteps();

    /** SB3 {@code gamma}: discount factor. */
    double gamma();

    /** SB3 {@code gae_lambda}: GAE's bias-variance trade-off (1 = Monte Carlo advantages). */
    double gaeLambda();

    /** SB3 {@code ent_coef}: weight of the entropy bonus. */
    double entCoef();

    /** SB3 {@code vf_coef}: weight of the value loss. */
    double vfCoef();

    /** SB3 {@code max_grad_norm}: global gradient-norm clip. */
    double maxGradNorm();

    /** SB3 {@code normalize_advantage}. */
    boolean normalizeAdvantage();

    /** Parallel environment copies (SB3's {@code n_envs} of {@code make_vec_env}). */
    int nEnvs();

    /** Root seed of the run; split into named streams ({@code org.rlhf4j.core.run.SeedStreams}). */
    long seed();

    /** The policy's shape (SB3 {@code policy_kwargs}, typed). */
    PolicyConfig policy();
}
