package org.rlhf4j.control.ppo;

import org.rlhf4j.control.env.VectorEnvironment;
import org.rlhf4j.control.onpolicy.OnPolicyAlgorithm;
import org.rlhf4j.control.onpolicy.PolicyOptimizer;
import org.rlhf4j.control.onpolicy.RolloutBuffer.Minibatch;
import org.rlhf4j.control.policy.ActorCriticPolicy;
import org.rlhf4j.core.run.Shuffle;

/**
 * Proximal Policy Optimization (Schulman et al. 2017, https://arxiv.org/abs/1707.06347) as
 * stable-baselines3's {@code PPO}: the on-policy loop of {@link OnPolicyAlgorithm} with this
 * update phase:
 * <pre>
 *   lr, clip = schedules(progress_remaining)
 *   for epoch in 1..n_epochs:
 *       for minibatch in shuffled(rollout, batch_size):     (the last one may be smaller)
 *           loss = PpoLoss(minibatch, policy)
 *           if target_kl and approx_kl > 1.5 target_kl: stop all epochs (before stepping)
 *           Adam step on loss, gradients clipped to max_grad_norm
 * </pre>
 * Usage:
 * <pre>{@code
 * PpoTrainer ppo = PpoTrainer.create(PpoConfig.zooCartPole().withSeed(1), "CartPole-v1");
 * ppo.addListener(update -> System.out.println(update.toMap()));
 * ppo.learn(100_000);
 * PolicyFile.save(ppo.policy(), Path.of("cartpole.safetensors"), Map.of());
 * }</pre>
 */
public final class PpoTrainer extends OnPolicyAlgorithm<PpoMetrics> {
    private final PpoConfig config;
    private final PpoLoss loss;
    private final PolicyOptimizer optimizer;
    private long nUpdates;

    public PpoTrainer(PpoConfig config, VectorEnvironment environment) {
        this(config, environment, null);
    }

    /** Continues training {@code policy} (null: a new one from the config and seed). */
    public PpoTrainer(PpoConfig config, VectorEnvironment environment, ActorCriticPolicy policy) {
        super(config, environment, policy);
        this.config = config;
        this.loss = new PpoLoss(config.entCoef(), config.vfCoef(), config.normalizeAdvantage());
        this.optimizer = PolicyOptimizer.adam(policy(), config.learningRate().valueAt(1.0), PpoConfig.ADAM_EPS);
    }

    /** A trainer on {@code config.nEnvs()} copies of the registered environment {@code environmentId}. */
    public static PpoTrainer create(PpoConfig config, String environmentId) {
        return new PpoTrainer(config, VectorEnvironment.make(environmentId, config.nEnvs()));
    }

    /** Phase 3, update: epochs of minibatch steps on the rollout. */
    @Override
    protected PpoMetrics update(double progressRemaining) {
        double learningRate = config.learningRate().valueAt(progressRemaining);
        double clipRange = config.clipRange().valueAt(progressRemaining);
        double clipRangeVf = config.clipRangeVf() == null ? Double.NaN : config.clipRangeVf().valueAt(progressRemaining);
        Tally tally = new Tally();
        int epochsRun = 0;
        boolean continueTraining = true;
        while (continueTraining && epochsRun < config.nEpochs()) {
            continueTraining = epoch(learningRate, clipRange, clipRangeVf, tally);
            epochsRun++;
            nUpdates++;
        }
        return new PpoMetrics(learningRate, clipRange, clipRangeVf, tally.entropyLoss / tally.minibatches,
                tally.policyGradientLoss / tally.minibatches, tally.valueLoss / tally.minibatches, tally.epochKl / tally.epochMinibatches,
                tally.clipFraction / tally.minibatches, tally.lastLoss, explainedVariance(), nUpdates, policy().meanStd(), epochsRun);
    }

    /** One pass over the rollout in shuffled minibatches; false when the KL bound stopped it. */
    private boolean epoch(double learningRate, double clipRange, double clipRangeVf, Tally tally) {
        int[] order = Shuffle.permutation(buffer().size(), dataOrderRandom());
        tally.startEpoch();
        for (int start = 0; start < order.length; start += config.batchSize()) {
            Minibatch batch = buffer().gather(order, start, Math.min(start + config.batchSize(), order.length));
            PpoLoss.Result result = loss.compute(batch, evaluate(batch), clipRange, clipRangeVf);
            tally.add(result.terms());
            if (config.targetKl() != null && result.terms().approxKl() > 1.5 * config.targetKl()) return false;
            gradientStep(result.gradients(), optimizer, learningRate);
        }
        return true;
    }

    /** Running sums for the update's metrics, SB3's per-update lists. */
    private static final class Tally {
        double policyGradientLoss, valueLoss, entropyLoss, clipFraction, lastLoss = Double.NaN, epochKl;
        int minibatches, epochMinibatches;

        void startEpoch() {
            epochKl = 0;
            epochMinibatches = 0;
        }

        void add(PpoLoss.Terms terms) {
            policyGradientLoss += terms.policyGradientLoss();
            valueLoss += terms.valueLoss();
            entropyLoss += terms.entropyLoss();
            clipFraction += terms.clipFraction();
            lastLoss = terms.loss();
            epochKl += terms.approxKl();
            minibatches++;
            epochMinibatches++;
        }
    }
}
