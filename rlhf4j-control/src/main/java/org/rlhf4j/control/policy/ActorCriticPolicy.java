package org.rlhf4j.control.policy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.nn.Mlp;

/**
 * stable-baselines3's {@code ActorCriticPolicy} with {@code MlpPolicy} defaults, on plain-Java
 * {@link Mlp}s: a policy network {@code obs -> pi layers (tanh) -> distribution parameters} and a
 * separate value network {@code obs -> vf layers (tanh) -> 1}, plus, for a {@code Box} action
 * space, a state-independent {@code logStd (d)}.
 *
 * <p>Initialisation (SB3 {@code ortho_init}, after Andrychowicz et al. 2021, "What Matters in
 * On-Policy RL"): orthogonal weights with gain sqrt(2) on hidden layers, 0.01 on the policy output
 * (so the first policy is near uniform, or a near-zero mean) and 1 on the value output; biases 0;
 * {@code logStd = logStdInit}.
 *
 * <p>Use: {@link #act} during rollouts (sample, log-probability, value); {@link #evaluateActions}
 * then {@link #backward} in training (the pair must not be interleaved with other calls);
 * {@link #predict} for evaluation and deployment. Actions sent to a {@code Box} environment are
 * clipped to its bounds ({@link #clipActions}), while log-probabilities use the unclipped sample,
 * as SB3 does. Observations are flat {@code (n, observationSize)} float arrays.
 *
 * <p>Not thread-safe: the networks keep their last activations.
 */
public final class ActorCriticPolicy {
    /** SB3's orthogonal-initialisation gains. */
    public static final double HIDDEN_GAIN = Math.sqrt(2);
    public static final double POLICY_OUTPUT_GAIN = 0.01;
    public static final double VALUE_OUTPUT_GAIN = 1.0;

    private final int observationSize;
    private final Space actionSpace;
    private final ActionDistribution distribution;
    private final PolicyConfig config;
    private final Mlp actor;
    private final Mlp critic;
    private final float[] logStd;
    private final float[] logStdGradient;

    /** State between {@link #evaluateActions} and {@link #backward}. */
    private float[] evaluatedActions;
    private float[] actorOutput;
    private int evaluatedBatch = -1;
    private float[] dParams = new float[0];
    private float[] sampleLogProb = new float[0];

    /** A freshly initialised policy; {@code initRandom} is the run's model-initialisation stream. */
    public ActorCriticPolicy(int observationSize, Space actionSpace, PolicyConfig config, SplittableRandom initRandom) {
        if (observationSize < 1) throw new IllegalArgumentException("observationSize must be >= 1, got " + observationSize);
        if (actionSpace == null) throw new IllegalArgumentException("actionSpace must not be null");
        if (config == null) throw new IllegalArgumentException("config must not be null; use PolicyConfig.defaults()");
        this.observationSize = observationSize;
        this.actionSpace = actionSpace;
        this.config = config;
        this.distribution = actionSpace instanceof Space.Discrete discrete
                ? new Categorical(discrete.n())
                : new DiagonalGaussian(actionSpace.flatSize());
        this.actor = new Mlp(sizes(observationSize, config.piLayers(), distribution.parameterSize()));
        this.critic = new Mlp(sizes(observationSize, config.vfLayers(), 1));
        int d = distribution instanceof DiagonalGaussian ? distribution.parameterSize() : 0;
        this.logStd = new float[d];
        this.logStdGradient = new float[d];
        Arrays.fill(logStd, (float) config.logStdInit());
        if (config.orthoInit()) {
            actor.initOrthogonal(initRandom, HIDDEN_GAIN, POLICY_OUTPUT_GAIN);
            critic.initOrthogonal(initRandom, HIDDEN_GAIN, VALUE_OUTPUT_GAIN);
        } else {
            initLikeTorchLinear(actor, initRandom);
            initLikeTorchLinear(critic, initRandom);
        }
    }

    private static int[] sizes(int in, List<Integer> hidden, int out) {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = in;
        for (int i = 0; i < hidden.size(); i++) sizes[i + 1] = hidden.get(i);
        sizes[sizes.length - 1] = out;
        return sizes;
    }

    /** PyTorch's default {@code nn.Linear} init: weights and biases ~ U(-1/sqrt(in), 1/sqrt(in)). */
    private static void initLikeTorchLinear(Mlp net, SplittableRandom random) {
        int[] sizes = net.sizes();
        for (int l = 0; l < net.layerCount(); l++) {
            int in = sizes[l], out = sizes[l + 1];
            double bound = 1 / Math.sqrt(in);
            float[] w = new float[in * out], b = new float[out];
            for (int i = 0; i < w.length; i++) w[i] = (float) random.nextDouble(-bound, bound);
            for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-bound, bound);
            net.setWeight(l, w);
            net.setBias(l, b);
        }
    }

    public int observationSize() {
        return observationSize;
    }

    public Space actionSpace() {
        return actionSpace;
    }

    public ActionDistribution distribution() {
        return distribution;
    }

    public PolicyConfig config() {
        return config;
    }

    /** Floats per stored action: 1 for a discrete space (the index), d for a Box. */
    public int actionSize() {
        return distribution.actionSize();
    }

    /** The policy network (live). */
    public Mlp actor() {
        return actor;
    }

    /** The value network (live). */
    public Mlp critic() {
        return critic;
    }

    /** The Gaussian's log standard deviation (d), live; empty for a discrete action space. */
    public float[] logStd() {
        return logStd;
    }

    /** Every trainable array: actor, critic, logStd (empty when discrete); live, for an optimiser. */
    public float[][] parameters() {
        return new float[][] {actor.parameters(), critic.parameters(), logStd};
    }

    /** The gradients, laid out as {@link #parameters()}; live. */
    public float[][] gradients() {
        return new float[][] {actor.gradients(), critic.gradients(), logStdGradient};
    }

    public void zeroGrad() {
        actor.zeroGrad();
        critic.zeroGrad();
        Arrays.fill(logStdGradient, 0f);
    }

    /** mean(exp(logStd)), SB3's {@code train/std}; NaN for a discrete action space. */
    public double meanStd() {
        if (logStd.length == 0) return Double.NaN;
        double sum = 0;
        for (float s : logStd) sum += Math.exp(s);
        return sum / logStd.length;
    }

    /**
     * SB3's {@code policy.forward(obs)} during rollouts: samples actions (n, actionSize) from
     * {@code random}, with their log-probabilities (n) and the values (n) of the observations (n, obs).
     */
    public void act(float[] observations, int n, SplittableRandom random, float[] actions, float[] logProbs,
                    float[] values) {
        evaluatedBatch = -1;
        distribution.sample(actor.forward(observations, n), logStd, n, random, actions, logProbs);
        System.arraycopy(critic.forward(observations, n), 0, values, 0, n);
    }

    /** V(s) (n) of the n observations starting at float {@code offset} of {@code observations}, into {@code values[valuesOffset..]}. */
    public void predictValues(float[] observations, int offset, int n, float[] values, int valuesOffset) {
        evaluatedBatch = -1;
        System.arraycopy(critic.forward(observations, offset, n), 0, values, valuesOffset, n);
    }

    /**
     * SB3's {@code predict}: actions (n, actionSize) for the environment, the mode when
     * {@code deterministic} (argmax, or the mean) and a sample from {@code random} otherwise
     * ({@code random} may be null when deterministic), clipped to a Box's bounds.
     */
    public void predict(float[] observations, int n, boolean deterministic, SplittableRandom random, float[] actions) {
        evaluatedBatch = -1;
        float[] params = actor.forward(observations, n);
        if (deterministic) {
            distribution.mode(params, n, actions);
        } else {
            if (sampleLogProb.length < n) sampleLogProb = new float[n];
            distribution.sample(params, logStd, n, random, actions, sampleLogProb);
        }
        clipActions(actions, n, actions);
    }

    /** {@code clipped = clip(actions, low, high)} per component for a Box (SB3 {@code np.clip}); a copy for Discrete. */
    public void clipActions(float[] actions, int n, float[] clipped) {
        int d = distribution.actionSize();
        if (actionSpace instanceof Space.Box box) {
            for (int i = 0; i < n * d; i++) {
                int k = i % d;
                clipped[i] = Math.max(box.low(k), Math.min(box.high(k), actions[i]));
            }
        } else if (clipped != actions) {
            System.arraycopy(actions, 0, clipped, 0, n * d);
        }
    }

    /** What {@link #evaluateActions} returns: (batch) values, log-probabilities of the actions, entropies. */
    public record ActionEvaluation(float[] values, float[] logProb, float[] entropy) {}

    /**
     * SB3's {@code evaluate_actions}: values, log pi(a|s) and entropies for a training batch of
     * observations (batch, obs) and stored actions (batch, actionSize). Keeps what
     * {@link #backward} needs; the arrays returned are new.
     */
    public ActionEvaluation evaluateActions(float[] observations, float[] actions, int batch) {
        float[] logProb = new float[batch], entropy = new float[batch], values = new float[batch];
        actorOutput = actor.forward(observations, batch);
        distribution.logProbAndEntropy(actorOutput, logStd, actions, batch, logProb, entropy);
        System.arraycopy(critic.forward(observations, batch), 0, values, 0, batch);
        evaluatedActions = actions;
        evaluatedBatch = batch;
        return new ActionEvaluation(values, logProb, entropy);
    }

    /**
     * Adds to {@link #gradients()} the gradient of a loss whose derivatives with respect to the
     * last {@link #evaluateActions} outputs are dLogProb, dEntropy and dValues (batch each).
     */
    public void backward(float[] dLogProb, float[] dEntropy, float[] dValues, int batch) {
        if (batch != evaluatedBatch) {
            throw new IllegalStateException("backward(batch " + batch + ") must directly follow evaluateActions with the same batch"
                    + (evaluatedBatch < 0 ? "; another call came in between" : ", which had " + evaluatedBatch));
        }
        int width = distribution.parameterSize();
        if (dParams.length < batch * width) dParams = new float[batch * width];
        // actorOutput is the actor's internal output buffer, still this batch's: only the critic ran since
        distribution.backward(actorOutput, logStd, evaluatedActions, batch, dLogProb, dEntropy, dParams, logStdGradient);
        actor.backward(dParams, batch);
        critic.backward(dValues, batch);
        evaluatedBatch = -1;
    }
}
