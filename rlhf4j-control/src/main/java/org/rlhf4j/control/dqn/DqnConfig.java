package org.rlhf4j.control.dqn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.rlhf4j.control.nn.Mlp;

/**
 * DQN hyperparameters with stable-baselines3's names (camelCase), defaults and meanings
 * ({@code stable_baselines3.dqn.DQN}); {@link #defaults()} is the only place a default lives.
 *
 * @param learningRate          Adam step size (constant; SB3 also accepts a schedule)
 * @param bufferSize            replay capacity in transitions over all copies; each copy keeps
 *                              {@code max(bufferSize / nEnvs, 1)} (SB3 {@code buffer_size})
 * @param learningStarts        environment steps of uniformly random actions before learning
 * @param batchSize             transitions per gradient step
 * @param tau                   target update coefficient: 1 copies, below 1 is Polyak averaging
 * @param gamma                 discount factor
 * @param trainFreq             vector-environment steps between training phases (SB3's
 *                              {@code train_freq} in its "step" unit; the "episode" unit is not
 *                              supported)
 * @param gradientSteps         gradient steps per training phase; -1 means as many as
 *                              environment steps collected in the phase
 * @param targetUpdateInterval  environment steps between target-network updates, counted as SB3
 *                              does: every {@code max(targetUpdateInterval / nEnvs, 1)} vector steps
 * @param explorationFraction   fraction of training over which epsilon falls linearly
 * @param explorationInitialEps epsilon at the start
 * @param explorationFinalEps   epsilon after {@code explorationFraction} of training
 * @param maxGradNorm           global gradient-norm clip before each Adam step
 * @param netArch               hidden-layer widths of the Q-network (SB3 {@code net_arch})
 * @param activation            hidden-layer nonlinearity (SB3 {@code activation_fn}, ReLU for DQN)
 * @param doubleQ               rlhf4j extra: double DQN targets (van Hasselt et al. 2016)
 * @param nEnvs                 parallel environment copies
 * @param logInterval           episodes between metric reports (SB3 {@code learn(log_interval=4)})
 * @param seed                  root seed, split into named streams (see {@link DqnTrainer})
 */
public record DqnConfig(
        double learningRate,
        int bufferSize,
        int learningStarts,
        int batchSize,
        double tau,
        double gamma,
        int trainFreq,
        int gradientSteps,
        int targetUpdateInterval,
        double explorationFraction,
        double explorationInitialEps,
        double explorationFinalEps,
        double maxGradNorm,
        List<Integer> netArch,
        Mlp.Activation activation,
        boolean doubleQ,
        int nEnvs,
        int logInterval,
        long seed) {

    public DqnConfig {
        requireFinite("learningRate", learningRate, 0, false, Double.POSITIVE_INFINITY, "(0, inf)");
        requireAtLeast("bufferSize", bufferSize, 1);
        requireAtLeast("learningStarts", learningStarts, 0);
        requireAtLeast("batchSize", batchSize, 1);
        requireFinite("tau", tau, 0, false, 1, "(0, 1]");
        requireFinite("gamma", gamma, 0, true, 1, "[0, 1]");
        requireAtLeast("trainFreq", trainFreq, 1);
        if (gradientSteps < -1) {
            throw new IllegalArgumentException("gradientSteps must be >= 0, or -1 for as many as environment steps collected; got "
                    + gradientSteps);
        }
        requireAtLeast("targetUpdateInterval", targetUpdateInterval, 1);
        requireFinite("explorationFraction", explorationFraction, 0, false, 1, "(0, 1]");
        requireFinite("explorationInitialEps", explorationInitialEps, 0, true, 1, "[0, 1]");
        requireFinite("explorationFinalEps", explorationFinalEps, 0, true, 1, "[0, 1]");
        requireFinite("maxGradNorm", maxGradNorm, 0, false, Double.POSITIVE_INFINITY, "(0, inf)");
        Objects.requireNonNull(netArch, "netArch");
        for (int i = 0; i < netArch.size(); i++) {
            Integer width = netArch.get(i);
            if (width == null || width < 1) {
                throw new IllegalArgumentException("netArch[" + i + "] must be a layer width >= 1, got " + width + " in " + netArch);
            }
        }
        netArch = List.copyOf(netArch);
        Objects.requireNonNull(activation, "activation");
        requireAtLeast("nEnvs", nEnvs, 1);
        requireAtLeast("logInterval", logInterval, 1);
    }

    /** stable-baselines3's DQN defaults, seed 0. */
    public static DqnConfig defaults() {
        return new DqnConfig(1e-4, 1_000_000, 100, 32, 1.0, 0.99, 4, 1, 10_000, 0.1, 1.0, 0.05, 10,
                List.of(64, 64), Mlp.Activation.RELU, false, 1, 4, 0L);
    }

    /**
     * rl-baselines3-zoo's tuned CartPole-v1 settings ({@code hyperparams/dqn.yml}, to be trained for
     * {@code n_timesteps: 5e4}); the rest as {@link #defaults()}.
     */
    public static DqnConfig zooCartPole(long seed) {
        return defaults().toBuilder()
                .learningRate(2.3e-3).batchSize(64).bufferSize(100_000).learningStarts(1000).gamma(0.99)
                .targetUpdateInterval(10).trainFreq(256).gradientSteps(128)
                .explorationFraction(0.16).explorationFinalEps(0.04).netArch(List.of(256, 256))
                .seed(seed).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** SB3's names (snake_case) and values, for run.json and logs; ordered as the record. */
    public Map<String, Object> toSb3Map() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("learning_rate", learningRate);
        m.put("buffer_size", bufferSize);
        m.put("learning_starts", learningStarts);
        m.put("batch_size", batchSize);
        m.put("tau", tau);
        m.put("gamma", gamma);
        m.put("train_freq", trainFreq);
        m.put("gradient_steps", gradientSteps);
        m.put("target_update_interval", targetUpdateInterval);
        m.put("exploration_fraction", explorationFraction);
        m.put("exploration_initial_eps", explorationInitialEps);
        m.put("exploration_final_eps", explorationFinalEps);
        m.put("max_grad_norm", maxGradNorm);
        m.put("net_arch", netArch);
        m.put("activation_fn", activation.name().toLowerCase(Locale.ROOT));
        m.put("double_q", doubleQ);
        m.put("n_envs", nEnvs);
        m.put("log_interval", logInterval);
        m.put("seed", seed);
        return m;
    }

    private static void requireAtLeast(String field, long value, long min) {
        if (value < min) throw new IllegalArgumentException(field + " must be >= " + min + ", got " + value);
    }

    private static void requireFinite(String field, double value, double low, boolean lowInclusive, double high, String range) {
        boolean aboveLow = lowInclusive ? value >= low : value > low;
        if (Double.isNaN(value) || !aboveLow || value > high || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be in " + range + ", got " + value);
        }
    }

    /** Changes some fields of a config; {@link #build()} validates. */
    public static final class Builder {
        private double learningRate;
        private int bufferSize;
        private int learningStarts;
        private int batchSize;
        private double tau;
        private double gamma;
        private int trainFreq;
        private int gradientSteps;
        private int targetUpdateInterval;
        private double explorationFraction;
        private double explorationInitialEps;
        private double explorationFinalEps;
        private double maxGradNorm;
        private List<Integer> netArch;
        private Mlp.Activation activation;
        private boolean doubleQ;
        private int nEnvs;
        private int logInterval;
        private long seed;

        private Builder(DqnConfig c) {
            learningRate = c.learningRate;
            bufferSize = c.bufferSize;
            learningStarts = c.learningStarts;
            batchSize = c.batchSize;
            tau = c.tau;
            gamma = c.gamma;
            trainFreq = c.trainFreq;
            gradientSteps = c.gradientSteps;
            targetUpdateInterval = c.targetUpdateInterval;
            explorationFraction = c.explorationFraction;
            explorationInitialEps = c.explorationInitialEps;
            explorationFinalEps = c.explorationFinalEps;
            maxGradNorm = c.maxGradNorm;
            netArch = c.netArch;
            activation = c.activation;
            doubleQ = c.doubleQ;
            nEnvs = c.nEnvs;
            logInterval = c.logInterval;
            seed = c.seed;
        }

        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder bufferSize(int v) { bufferSize = v; return this; }
        public Builder learningStarts(int v) { learningStarts = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder tau(double v) { tau = v; return this; }
        public Builder gamma(double v) { gamma = v; return this; }
        public Builder trainFreq(int v) { trainFreq = v; return this; }
        public Builder gradientSteps(int v) { gradientSteps = v; return this; }
        public Builder targetUpdateInterval(int v) { targetUpdateInterval = v; return this; }
        public Builder explorationFraction(double v) { explorationFraction = v; return this; }
        public Builder explorationInitialEps(double v) { explorationInitialEps = v; return this; }
        public Builder explorationFinalEps(double v) { explorationFinalEps = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder netArch(List<Integer> v) { netArch = v; return this; }
        public Builder activation(Mlp.Activation v) { activation = v; return this; }
        public Builder doubleQ(boolean v) { doubleQ = v; return this; }
        public Builder nEnvs(int v) { nEnvs = v; return this; }
        public Builder logInterval(int v) { logInterval = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public DqnConfig build() {
            return new DqnConfig(learningRate, bufferSize, learningStarts, batchSize, tau, gamma, trainFreq, gradientSteps,
                    targetUpdateInterval, explorationFraction, explorationInitialEps, explorationFinalEps, maxGradNorm, netArch,
                    activation, doubleQ, nEnvs, logInterval, seed);
        }
    }
}
