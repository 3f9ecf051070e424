package org.rlhf4j.control.dqn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.rlhf4j.control.nn.Mlp;
import org.rlhf4j.core.io.DType;
import org.rlhf4j.core.io.SafetensorsException;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.io.SafetensorsWriter;
import org.rlhf4j.core.io.TensorInfo;

/**
 * The action-value function Q(s, .): an {@link Mlp} from an observation {@code (obs)} to one value
 * per discrete action {@code (A)}, stable-baselines3's {@code QNetwork} (hidden ReLU layers
 * {@code net_arch}, linear output).
 *
 * <p><b>Initialisation.</b> As {@code torch.nn.Linear}'s default, which SB3's DQN keeps (it does
 * not apply the orthogonal init of its actor-critic policies): weight and bias of a layer with
 * {@code fan_in} inputs uniform in {@code [-1/sqrt(fan_in), 1/sqrt(fan_in)]}.
 *
 * <p><b>File format</b> (version {@value #FORMAT_VERSION}): safetensors, F32 tensors named as SB3's
 * {@code DQNPolicy} state dict, {@code q_net.q_net.{2l}.weight} {@code (out, in)} and
 * {@code q_net.q_net.{2l}.bias} {@code (out)} (the Linear modules sit at even indices of the
 * {@code nn.Sequential}, ReLUs between), and metadata {@code format}, {@code format_version},
 * {@code observation_size}, {@code action_count}, {@code net_arch}, {@code activation_fn}, plus
 * whatever the caller adds (config, steps). {@link #load} refuses other formats and newer versions.
 */
public final class QNetwork {
    public static final String FORMAT = "rlhf4j.dqn.q_network";
    public static final int FORMAT_VERSION = 1;

    private final Mlp mlp;
    private final int observationSize;
    private final int actionCount;
    private final List<Integer> netArch;

    private QNetwork(Mlp mlp, List<Integer> netArch) {
        this.mlp = mlp;
        this.observationSize = mlp.inputSize();
        this.actionCount = mlp.outputSize();
        this.netArch = List.copyOf(netArch);
    }

    /** A network with all parameters zero. */
    public static QNetwork zeros(int observationSize, List<Integer> netArch, int actionCount, Mlp.Activation activation) {
        if (observationSize < 1 || actionCount < 1) {
            throw new IllegalArgumentException("observationSize and actionCount must be >= 1, got " + observationSize + " and " + actionCount);
        }
        int[] sizes = new int[netArch.size() + 2];
        sizes[0] = observationSize;
        for (int i = 0; i < netArch.size(); i++) sizes[i + 1] = netArch.get(i);
        sizes[sizes.length - 1] = actionCount;
        return new QNetwork(new Mlp(Mlp.Backend.AUTO, activation, sizes), netArch);
    }

    /** A network initialised as PyTorch's {@code nn.Linear} default, drawn from {@code random}. */
    public static QNetwork initialised(int observationSize, List<Integer> netArch, int actionCount, Mlp.Activation activation,
                                       SplittableRandom random) {
        QNetwork q = zeros(observationSize, netArch, actionCount, activation);
        int[] sizes = q.mlp.sizes();
        for (int l = 0; l < q.mlp.layerCount(); l++) {
            int in = sizes[l], out = sizes[l + 1];
            double bound = 1 / Math.sqrt(in);
            float[] weight = new float[out * in];  // (out, in)
            for (int i = 0; i < weight.length; i++) weight[i] = (float) random.nextDouble(-bound, bound);
            float[] bias = new float[out];
            for (int i = 0; i < out; i++) bias[i] = (float) random.nextDouble(-bound, bound);
            q.mlp.setWeight(l, weight);
            q.mlp.setBias(l, bias);
        }
        return q;
    }

    /** A network of the same shape with a copy of this one's parameters (a target network). */
    public QNetwork copy() {
        QNetwork q = zeros(observationSize, netArch, actionCount, mlp.activation());
        System.arraycopy(mlp.parameters(), 0, q.mlp.parameters(), 0, mlp.parameterCount());
        return q;
    }

    /**
     * {@code this = (1 - tau) this + tau source}, parameter by parameter (SB3 {@code polyak_update});
     * tau 1 copies.
     */
    public void polyakUpdate(QNetwork source, double tau) {
        float[] target = mlp.parameters(), from = source.mlp.parameters();
        if (target.length != from.length || !Arrays.equals(mlp.sizes(), source.mlp.sizes())) {
            throw new IllegalArgumentException("networks differ in shape: " + Arrays.toString(mlp.sizes()) + " and "
                    + Arrays.toString(source.mlp.sizes()));
        }
        if (tau == 1.0) {
            System.arraycopy(from, 0, target, 0, target.length);
            return;
        }
        float keep = (float) (1 - tau), take = (float) tau;
        for (int i = 0; i < target.length; i++) target[i] = target[i] * keep + from[i] * take;
    }

    /**
     * Q-values (batch, A) of observations (batch, obs) starting at {@code offset}, in a buffer that
     * the next call overwrites. Keeps the activations for a backward pass through {@link #mlp()}.
     */
    public float[] qValues(float[] observations, int offset, int batch) {
        return mlp.forward(observations, offset, batch);
    }

    /** The greedy action argmax_a Q(s, a) of the observation at {@code observations[offset ..]}. */
    public int greedyAction(float[] observations, int offset) {
        return DqnLoss.argmax(mlp.forward(observations, offset, 1), 0, actionCount);
    }

    /** Greedy actions of {@code batch} observations (batch, obs) into {@code actions[0 .. batch)}. */
    public void greedyActions(float[] observations, int batch, int[] actions) {
        float[] q = mlp.forward(observations, 0, batch);
        for (int i = 0; i < batch; i++) actions[i] = DqnLoss.argmax(q, i * actionCount, actionCount);
    }

    /** The underlying network (parameters, gradients, backward pass). */
    public Mlp mlp() {
        return mlp;
    }

    public int observationSize() {
        return observationSize;
    }

    public int actionCount() {
        return actionCount;
    }

    public List<Integer> netArch() {
        return netArch;
    }

    /** Writes the network and {@code extraMetadata} (e.g. config, timesteps) to {@code file}. */
    public Path save(Path file, Map<String, String> extraMetadata) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        int[] sizes = mlp.sizes();
        for (int l = 0; l < mlp.layerCount(); l++) {
            writer.addFloats(weightName(l), DType.F32, new long[] {sizes[l + 1], sizes[l]}, mlp.weight(l));
            writer.addFloats(biasName(l), DType.F32, new long[] {sizes[l + 1]}, mlp.bias(l));
        }
        Map<String, String> metadata = new LinkedHashMap<>(extraMetadata);
        metadata.put("format", FORMAT);
        metadata.put("format_version", Integer.toString(FORMAT_VERSION));
        metadata.put("observation_size", Integer.toString(observationSize));
        metadata.put("action_count", Integer.toString(actionCount));
        metadata.put("net_arch", joined(netArch));
        metadata.put("activation_fn", mlp.activation().name().toLowerCase(Locale.ROOT));
        metadata.forEach(writer::putMetadata);
        return writer.write(file);
    }

    /** A network saved by {@link #save}, with the metadata it was saved with. */
    public record Loaded(QNetwork network, Map<String, String> metadata) {}

    /**
     * Reads a network saved by {@link #save} of this or an earlier format version.
     *
     * @throws SafetensorsException naming the file and field when it is not such a file
     */
    public static Loaded load(Path file) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            Map<String, String> metadata = reader.metadata();
            String format = metadata.get("format");
            if (!FORMAT.equals(format)) {
                throw new SafetensorsException(file, "metadata 'format' is " + (format == null ? "missing" : "'" + format + "'")
                        + "; expected '" + FORMAT + "' (a Q-network saved by rlhf4j DQN)");
            }
            int version = intField(file, metadata, "format_version");
            if (version < 1 || version > FORMAT_VERSION) {
                throw new SafetensorsException(file, "format_version " + version + " is not supported; this rlhf4j reads 1.."
                        + FORMAT_VERSION + " (upgrade rlhf4j to read newer files)");
            }
            int observationSize = intField(file, metadata, "observation_size");
            int actionCount = intField(file, metadata, "action_count");
            List<Integer> netArch = parseNetArch(file, metadata.getOrDefault("net_arch", ""));
            Mlp.Activation activation = parseActivation(file, metadata.get("activation_fn"));
            QNetwork q = zeros(observationSize, netArch, actionCount, activation);
            int[] sizes = q.mlp.sizes();
            for (int l = 0; l < q.mlp.layerCount(); l++) {
                q.mlp.setWeight(l, tensor(reader, file, weightName(l), sizes[l + 1], sizes[l]));
                q.mlp.setBias(l, tensor(reader, file, biasName(l), sizes[l + 1]));
            }
            return new Loaded(q, metadata);
        }
    }

    static String weightName(int layer) {
        return "q_net.q_net." + 2 * layer + ".weight";
    }

    static String biasName(int layer) {
        return "q_net.q_net." + 2 * layer + ".bias";
    }

    private static float[] tensor(SafetensorsReader reader, Path file, String name, long... shape) throws IOException {
        if (!reader.contains(name)) {
            throw new SafetensorsException(file, "tensor '" + name + "' is missing; expected shape " + Arrays.toString(shape));
        }
        TensorInfo info = reader.info(name);
        if (!Arrays.equals(info.shape(), shape)) {
            throw new SafetensorsException(file, "tensor '" + name + "' has shape " + Arrays.toString(info.shape()) + "; expected "
                    + Arrays.toString(shape) + " from the metadata");
        }
        return reader.floats(name);
    }

    private static int intField(Path file, Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        try {
            return Integer.parseInt(Objects.requireNonNull(value));
        } catch (NullPointerException | NumberFormatException e) {
            throw new SafetensorsException(file, "metadata '" + key + "' is " + (value == null ? "missing" : "'" + value + "'")
                    + "; expected an integer");
        }
    }

    private static List<Integer> parseNetArch(Path file, String text) {
        List<Integer> widths = new ArrayList<>();
        if (text.isBlank()) return widths;
        for (String part : text.split(",")) {
            try {
                widths.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new SafetensorsException(file, "metadata 'net_arch' is '" + text + "'; expected comma-separated widths such as 64,64");
            }
        }
        return widths;
    }

    private static Mlp.Activation parseActivation(Path file, String text) {
        for (Mlp.Activation a : Mlp.Activation.values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(text)) return a;
        }
        throw new SafetensorsException(file, "metadata 'activation_fn' is " + (text == null ? "missing" : "'" + text + "'")
                + "; expected relu or tanh");
    }

    private static String joined(List<Integer> widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < widths.size(); i++) b.append(i == 0 ? "" : ",").append(widths.get(i));
        return b.toString();
    }
}
