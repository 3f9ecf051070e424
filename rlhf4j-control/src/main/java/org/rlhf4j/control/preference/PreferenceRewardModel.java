package org.rlhf4j.control.preference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.nn.Adam;
import org.rlhf4j.control.nn.Mlp;
import org.rlhf4j.control.onpolicy.TrainingReward;
import org.rlhf4j.control.onpolicy.Transitions;
import org.rlhf4j.control.policy.PolicyFile;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.io.SafetensorsWriter;
import org.rlhf4j.core.preference.BradleyTerry;
import org.rlhf4j.core.run.Shuffle;

/**
 * A reward learned from comparisons of clips: an ensemble of MLPs {@code r_m(s, a)}, each fitted
 * with the Bradley-Terry loss on its own bootstrap of the labels, so that a clip's return
 * {@code R_m = sum_t r_m(s_t, a_t)} explains which clip the teacher preferred:
 * <pre>
 *   P_m(A better) = sigmoid(R_m(A) - R_m(B))
 *   loss          = -[y log P_m + (1 - y) log(1 - P_m)]     y = the teacher's preference for A (1, 1/2, 0)
 * </pre>
 * <b>Inputs</b> are the observation, the action (one-hot for a discrete space) and an "absorbing"
 * flag; the absorbing state (all zeros, flag 1) stands for the steps after a termination, so its
 * reward is learned like any other (see {@link Segment}).
 *
 * <p><b>The reward the policy trains on</b> ({@link #rewards}) is the members' mean, normalised
 * by {@link #normalise}: {@code (r - offset) / scale}. The offset is the absorbing state's reward
 * once labelled clips have run into terminations, so that ending the episode is worth exactly 0 as
 * in the environment and only the learned difference from "being alive" matters; centring on the
 * mean instead, as is usual, would make a mostly-negative reward that teaches a pole balancer to
 * fall. Without terminations the offset is the mean over recent steps. The scale is the root mean
 * square of {@code r - offset} over recent steps, so a typical step is worth about 1.
 *
 * <p>Not thread-safe.
 */
public final class PreferenceRewardModel implements TrainingReward {
    private final int observationSize;
    private final int actionSize;
    private final int actionCount;
    private final int inputSize;
    private final Space actionSpace;
    private final Mlp[] members;
    private final Adam[] optimizers;
    private final PreferenceConfig config;
    private double offset;
    private double scale = 1;
    private float[] rows = new float[0];
    private float[] gradient = new float[0];

    /** What one round of reward-model training achieved, averaged over the members. */
    public record TrainingStats(double loss, double accuracy, int steps) {}

    public PreferenceRewardModel(int observationSize, Space actionSpace, PreferenceConfig config, SplittableRandom init) {
        if (observationSize < 1) throw new IllegalArgumentException("observationSize must be >= 1, got " + observationSize);
        this.config = config;
        this.observationSize = observationSize;
        this.actionSpace = actionSpace;
        if (actionSpace instanceof Space.Discrete d) {
            this.actionSize = 1;
            this.actionCount = d.n();
        } else {
            this.actionSize = actionSpace.flatSize();
            this.actionCount = 0;
        }
        this.inputSize = observationSize + (actionCount > 0 ? actionCount : actionSize) + 1;
        int[] hidden = config.hiddenSizes();
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputSize;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        this.members = new Mlp[config.ensembleSize()];
        this.optimizers = new Adam[members.length];
        for (int m = 0; m < members.length; m++) {
            members[m] = new Mlp(Mlp.Backend.AUTO, Mlp.Activation.RELU, sizes);
            members[m].initOrthogonal(init, Math.sqrt(2), 1.0);
            optimizers[m] = Adam.of(config.learningRate(), 0.9, 0.999, 1e-8, members[m]);
        }
    }

    /** Features per step: observation, action (one-hot where discrete), absorbing flag. */
    public int inputSize() {
        return inputSize;
    }

    public int ensembleSize() {
        return members.length;
    }

    /** Features of one step: observation, action (one-hot where discrete), absorbing flag 0. */
    void encode(float[] observation, int observationOffset, float[] action, int actionOffset, float[] destination, int row) {
        int at = row * inputSize;
        System.arraycopy(observation, observationOffset, destination, at, observationSize);
        int a = at + observationSize;
        if (actionCount > 0) {
            Arrays.fill(destination, a, a + actionCount, 0f);
            int index = (int) action[actionOffset];
            if (index < 0 || index >= actionCount) throw new IllegalArgumentException("discrete action " + index + " outside 0.." + (actionCount - 1));
            destination[a + index] = 1f;
            a += actionCount;
        } else {
            System.arraycopy(action, actionOffset, destination, a, actionSize);
            a += actionSize;
        }
        destination[a] = 0f;
    }

    /** The absorbing state's features: zeros and flag 1. */
    private void encodeAbsorbing(float[] destination, int row) {
        int at = row * inputSize;
        Arrays.fill(destination, at, at + inputSize - 1, 0f);
        destination[at + inputSize - 1] = 1f;
    }

    /** A clip's rows, real steps then absorbing ones. */
    void encode(Segment s, float[] destination, int firstRow) {
        for (int t = 0; t < s.length(); t++) {
            if (t < s.realSteps()) encode(s.observations(), t * observationSize, s.actions(), t * actionSize, destination, firstRow + t);
            else encodeAbsorbing(destination, firstRow + t);
        }
    }

    private float[] rows(int count) {
        if (rows.length < count * inputSize) rows = new float[count * inputSize];
        return rows;
    }

    /** Each member's return of the clip (raw, before normalisation). */
    public double[] memberReturns(Segment s) {
        float[] x = rows(s.length());
        encode(s, x, 0);
        double[] returns = new double[members.length];
        for (int m = 0; m < members.length; m++) {
            float[] y = members[m].forward(x, s.length());
            double sum = 0;
            for (int t = 0; t < s.length(); t++) sum += y[t];
            returns[m] = sum;
        }
        return returns;
    }

    /** Each member's P(a better than b) = sigmoid(R_m(a) - R_m(b)). */
    private double[] memberProbabilities(Segment a, Segment b) {
        double[] ra = memberReturns(a), rb = memberReturns(b), p = new double[members.length];
        for (int m = 0; m < members.length; m++) p[m] = BradleyTerry.probability(ra[m], rb[m]);
        return p;
    }

    /** The ensemble's probability that {@code a} is better than {@code b}: the members' mean of sigmoid(R_m(a) - R_m(b)). */
    public double preference(Segment a, Segment b) {
        return Arrays.stream(memberProbabilities(a, b)).average().orElseThrow();
    }

    /** How much the members disagree about the pair: the standard deviation of their P(a better). */
    public double disagreement(Segment a, Segment b) {
        double[] p = memberProbabilities(a, b);
        double mean = Arrays.stream(p).average().orElseThrow(), var = 0;
        for (double v : p) var += (v - mean) * (v - mean);
        return Math.sqrt(var / p.length);
    }

    /**
     * Fits every member for {@code epochs} passes over its bootstrap of {@code data}, in minibatches
     * of {@code batchSize} comparisons, with Adam and decoupled weight decay.
     */
    public TrainingStats train(PreferenceDataset data, int epochs, SplittableRandom order) {
        if (data.size() == 0) return new TrainingStats(Double.NaN, Double.NaN, 0);
        double lossSum = 0, correctSum = 0;
        long seen = 0;
        int steps = 0;
        List<Comparison> all = data.comparisons();
        int batchSize = config.batchSize(), length = all.get(0).a().length();
        for (int m = 0; m < members.length; m++) {
            int[] indices = data.resample(m);
            if (indices.length == 0) continue;
            for (int epoch = 0; epoch < epochs; epoch++) {
                Shuffle.inPlace(indices, order);
                for (int from = 0; from < indices.length; from += batchSize) {
                    int count = Math.min(batchSize, indices.length - from);
                    double[] lossAndCorrect = step(m, all, indices, from, count, length);
                    lossSum += lossAndCorrect[0];
                    correctSum += lossAndCorrect[1];
                    seen += count;
                    steps++;
                }
            }
        }
        return new TrainingStats(lossSum / seen, correctSum / seen, steps);
    }

    /** One gradient step of member m on comparisons indices[from, from + count); returns summed loss and correct count. */
    private double[] step(int m, List<Comparison> all, int[] indices, int from, int count, int length) {
        int rowCount = 2 * count * length;
        float[] x = rows(rowCount);
        for (int i = 0; i < count; i++) {
            Comparison c = all.get(indices[from + i]);
            encode(c.a(), x, (2 * i) * length);
            encode(c.b(), x, (2 * i + 1) * length);
        }
        Mlp net = members[m];
        float[] y = net.forward(x, rowCount);
        if (gradient.length < rowCount) gradient = new float[rowCount];
        double lossSum = 0, correct = 0;
        for (int i = 0; i < count; i++) {
            Comparison c = all.get(indices[from + i]);
            double ra = 0, rb = 0;
            for (int t = 0; t < length; t++) {
                ra += y[(2 * i) * length + t];
                rb += y[(2 * i + 1) * length + t];
            }
            double target = c.preferenceForA();
            lossSum += loss(ra, rb, target);
            double p = BradleyTerry.probability(ra, rb);
            if (target == 0.5 ? Math.abs(p - 0.5) < 0.25 : (p > 0.5) == (target > 0.5)) correct++;
            float g = (float) ((p - target) / count);  // dL/dR_a; dL/dR_b = -g
            Arrays.fill(gradient, (2 * i) * length, (2 * i + 1) * length, g);
            Arrays.fill(gradient, (2 * i + 1) * length, (2 * i + 2) * length, -g);
        }
        net.zeroGrad();
        net.backward(gradient, rowCount);
        optimizers[m].step();
        if (config.weightDecay() > 0) {
            float keep = (float) (1 - config.learningRate() * config.weightDecay());
            float[] p = net.parameters();
            for (int k = 0; k < p.length; k++) p[k] *= keep;
        }
        return new double[] {lossSum, correct};
    }

    /**
     * The cross-entropy of the Bradley-Terry probability against the teacher's preference y for
     * the first clip: {@code y * softplus(-(ra - rb)) + (1 - y) * softplus(ra - rb)}.
     */
    public static double loss(double ra, double rb, double y) {
        return y * BradleyTerry.pairLoss(ra, rb, 0) + (1 - y) * BradleyTerry.pairLoss(rb, ra, 0);
    }

    /** The members' mean raw reward of {@code count} encoded rows, into {@code out}. */
    private void meanRewards(float[] x, int count, float[] out) {
        Arrays.fill(out, 0, count, 0f);
        for (Mlp member : members) {
            float[] y = member.forward(x, count);
            for (int i = 0; i < count; i++) out[i] += y[i];
        }
        for (int i = 0; i < count; i++) out[i] /= members.length;
    }

    /** The members' mean raw reward of the absorbing state. */
    public double absorbingReward() {
        float[] x = rows(1);
        encodeAbsorbing(x, 0);
        float[] out = new float[1];
        meanRewards(x, 1, out);
        return out[0];
    }

    /**
     * Sets the offset and scale from steps of recent behaviour ({@code (rows, observationSize)}
     * observations and their actions); see the class comment.
     */
    public void normalise(float[] observations, float[] actions, boolean absorbingOffset) {
        int count = observations.length / observationSize;
        if (count == 0) return;
        float[] x = rows(count);
        for (int i = 0; i < count; i++) encode(observations, i * observationSize, actions, i * actionSize, x, i);
        float[] r = new float[count];
        meanRewards(x, count, r);
        double mean = 0;
        for (float v : r) mean += v;
        mean /= count;
        double newOffset = absorbingOffset ? absorbingReward() : mean;
        double squares = 0;
        for (float v : r) squares += (v - newOffset) * (v - newOffset);
        this.offset = newOffset;
        this.scale = Math.max(Math.sqrt(squares / count), 1e-6);
    }

    public double offset() {
        return offset;
    }

    public double scale() {
        return scale;
    }

    /** The normalised learned reward of every copy's step. */
    @Override
    public void rewards(Transitions step, float[] out) {
        int n = step.numEnvs();
        float[] x = rows(n);
        for (int i = 0; i < n; i++) encode(step.observations(), i * observationSize, step.actions(), i * actionSize, x, i);
        meanRewards(x, n, out);
        for (int i = 0; i < n; i++) out[i] = (float) ((out[i] - offset) / scale);
    }

    public static final String FORMAT = "rlhf4j-control-preference-reward";

    /**
     * Writes the members ({@code members.<m>.net.<0, 2, ...>} and {@code members.<m>.out}, PyTorch's
     * layout) and the normalisation to a safetensors file, with {@code extraMetadata} in its header.
     */
    public Path save(Path file, Map<String, String> extraMetadata) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        Map<String, String> metadata = new LinkedHashMap<>(extraMetadata);
        metadata.put("format", FORMAT);
        metadata.put("format_version", "1");
        metadata.put("observation_size", Integer.toString(observationSize));
        PolicyFile.putActionSpace(metadata, actionSpace);
        metadata.put("inputs", "observation, action (" + (actionCount > 0 ? "one-hot" : "raw") + "), absorbing flag");
        metadata.put("hidden_sizes", PolicyFile.joinInts(Arrays.stream(config.hiddenSizes()).boxed().toList()));
        metadata.put("ensemble_size", Integer.toString(members.length));
        metadata.put("offset", Double.toString(offset));
        metadata.put("scale", Double.toString(scale));
        metadata.forEach(writer::putMetadata);
        for (int m = 0; m < members.length; m++) PolicyFile.addNetwork(writer, members[m], "members." + m + ".net", "members." + m + ".out");
        return writer.write(file);
    }

    /** Reads a model {@link #save} wrote. */
    public static PreferenceRewardModel load(Path file) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            Map<String, String> meta = reader.metadata();
            if (!FORMAT.equals(meta.get("format"))) {
                throw new UserError(file + ": not an rlhf4j preference reward model (metadata format is " + meta.get("format") + ", expected " + FORMAT + ")");
            }
            int ensemble = PolicyFile.intEntry(file, meta, "ensemble_size");
            int[] hidden = PolicyFile.ints(file, meta, "hidden_sizes").stream().mapToInt(Integer::intValue).toArray();
            PreferenceConfig config;
            try {
                config = PreferenceConfig.defaults().withQuerySelection(PreferenceConfig.QuerySelection.RANDOM).withEnsembleSize(ensemble)
                        .withHiddenSizes(hidden);
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": " + e.getMessage());
            }
            PreferenceRewardModel model = new PreferenceRewardModel(PolicyFile.intEntry(file, meta, "observation_size"),
                    PolicyFile.actionSpace(file, meta), config, new SplittableRandom(0));
            for (int m = 0; m < ensemble; m++) PolicyFile.readNetwork(reader, model.members[m], "members." + m + ".net", "members." + m + ".out");
            model.offset = PolicyFile.doubleEntry(file, meta, "offset");
            model.scale = PolicyFile.doubleEntry(file, meta, "scale");
            return model;
        }
    }
}
