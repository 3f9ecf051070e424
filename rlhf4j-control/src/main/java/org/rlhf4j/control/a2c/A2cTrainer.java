package org.rlhf4j.control.a2c;

import org.rlhf4j.control.env.VectorEnvironment;
import org.rlhf4j.control.onpolicy.OnPolicyAlgorithm;
import org.rlhf4j.control.onpolicy.PolicyOptimizer;
import org.rlhf4j.control.onpolicy.RolloutBuffer.Minibatch;
import org.rlhf4j.control.policy.ActorCriticPolicy;

/**
 * Advantage actor-critic, the synchronous variant of A3C (Mnih et al. 2016,
 * https://arxiv.org/abs/1602.01783), as stable-baselines3's {@code A2C}: the on-policy loop of
 * {@link OnPolicyAlgorithm} with one gradient step per rollout on the whole n_steps x n_envs
 * batch, RMSprop by default.
 */
public final class A2cTrainer extends OnPolicyAlgorithm<A2cMetrics> {
    private final A2cConfig config;
    private final A2cLoss loss;
    private final PolicyOptimizer optimizer;
    private long nUpdates;

    public A2cTrainer(A2cConfig config, VectorEnvironment environment) {
        this(config, environment, null);
    }

    /** Continues training {@code policy} (null: a new one from the config and seed). */
    public A2cTrainer(A2cConfig config, VectorEnvironment environment, ActorCriticPolicy policy) {
        super(config, environment, policy);
        this.config = config;
        this.loss = new A2cLoss(config.entCoef(), config.vfCoef(), config.normalizeAdvantage());
        double initialLearningRate = config.learningRate().valueAt(1.0);
        this.optimizer = config.useRmsProp()
                ? PolicyOptimizer.rmsProp(policy(), initialLearningRate, A2cConfig.RMS_PROP_ALPHA, config.rmsPropEps())
                : PolicyOptimizer.adam(policy(), initialLearningRate, A2cConfig.ADAM_EPS);
    }

    /** A trainer on {@code config.nEnvs()} copies of the registered environment {@code environmentId}. */
    public static A2cTrainer create(A2cConfig config, String environmentId) {
        return new A2cTrainer(config, VectorEnvironment.make(environmentId, config.nEnvs()));
    }

    /** Phase 3, update: one step on the whole rollout. */
    @Override
    protected A2cMetrics update(double progressRemaining) {
        double learningRate = config.learningRate().valueAt(progressRemaining);
        Minibatch batch = buffer().all();
        A2cLoss.Result result = loss.compute(batch, evaluate(batch));
        gradientStep(result.gradients(), optimizer, learningRate);
        nUpdates++;
        A2cLoss.Terms terms = result.terms();
        return new A2cMetrics(learningRate, terms.entropyLoss(), terms.policyLoss(), terms.valueLoss(), explainedVariance(), nUpdates,
                policy().meanStd(), terms.loss());
    }
}
