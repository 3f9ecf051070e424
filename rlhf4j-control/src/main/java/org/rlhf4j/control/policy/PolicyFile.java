package org.rlhf4j.control.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.nn.Mlp;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.io.DType;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.io.SafetensorsWriter;
import org.rlhf4j.core.io.TensorInfo;

/**
 * Saves and loads an {@link ActorCriticPolicy} as one safetensors file, format version
 * {@value #FORMAT_VERSION}.
 *
 * <p>Tensors are F32 under the names of stable-baselines3's {@code policy.state_dict()}, with
 * weights in PyTorch's {@code (out, in)} layout, so an SB3 {@code MlpPolicy} exported with
 * {@code safetensors.torch.save_file} (plus this metadata) loads here:
 * <pre>
 *   mlp_extractor.policy_net.{0,2,..}.weight/bias   hidden layers of the policy network
 *   action_net.weight/bias                          its output layer (logits or means)
 *   mlp_extractor.value_net.{0,2,..}.weight/bias    hidden layers of the value network
 *   value_net.weight/bias                           its output layer
 *   log_std                                         (d), Box action spaces only
 * </pre>
 * The {@code __metadata__} holds {@code format}, {@code format_version}, {@code observation_size},
 * the action space ({@code action_space} "discrete" with {@code actions}, or "box" with
 * {@code action_low}/{@code action_high} as comma-separated floats), the {@link PolicyConfig}
 * ({@code pi_layers}, {@code vf_layers}, {@code log_std_init}, {@code ortho_init}) and any
 * caller entries (for instance the training config). A file with a newer version is refused.
 */
public final class PolicyFile {
    public static final String FORMAT = "rlhf4j-control-policy";
    public static final int FORMAT_VERSION = 1;

    private PolicyFile() {}

    /** Writes {@code policy} to {@code file}, with {@code extraMetadata} (may be empty) in the header. */
    public static Path save(ActorCriticPolicy policy, Path file, Map<String, String> extraMetadata) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        Map<String, String> metadata = new LinkedHashMap<>(extraMetadata);
        metadata.put("format", FORMAT);
        metadata.put("format_version", Integer.toString(FORMAT_VERSION));
        metadata.put("observation_size", Integer.toString(policy.observationSize()));
        putActionSpace(metadata, policy.actionSpace());
        PolicyConfig config = policy.config();
        metadata.put("pi_layers", joinInts(config.piLayers()));
        metadata.put("vf_layers", joinInts(config.vfLayers()));
        metadata.put("log_std_init", Double.toString(config.logStdInit()));
        metadata.put("ortho_init", Boolean.toString(config.orthoInit()));
        metadata.forEach(writer::putMetadata);
        addNetwork(writer, policy.actor(), "mlp_extractor.policy_net", "action_net");
        addNetwork(writer, policy.critic(), "mlp_extractor.value_net", "value_net");
        if (policy.logStd().length > 0) {
            writer.addFloats("log_std", DType.F32, new long[] {policy.logStd().length}, policy.logStd().clone());
        }
        return writer.write(file);
    }

    /** Reads a policy written by {@link #save} (this or an earlier format version). */
    public static ActorCriticPolicy load(Path file) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            Map<String, String> metadata = reader.metadata();
            if (!FORMAT.equals(metadata.get("format"))) {
                throw new UserError(file + ": not an rlhf4j control policy (metadata format is " + metadata.get("format")
                        + ", expected " + FORMAT + ")");
            }
            int version = intEntry(file, metadata, "format_version");
            if (version > FORMAT_VERSION) {
                throw new UserError(file + ": policy format_version " + version + " was written by a newer rlhf4j; this one reads up to "
                        + FORMAT_VERSION);
            }
            PolicyConfig config = new PolicyConfig(ints(file, metadata, "pi_layers"), ints(file, metadata, "vf_layers"),
                    Double.parseDouble(entry(file, metadata, "log_std_init")), Boolean.parseBoolean(entry(file, metadata, "ortho_init")));
            ActorCriticPolicy policy = new ActorCriticPolicy(intEntry(file, metadata, "observation_size"), actionSpace(file, metadata),
                    config, new SplittableRandom(0));
            readNetwork(reader, policy.actor(), "mlp_extractor.policy_net", "action_net");
            readNetwork(reader, policy.critic(), "mlp_extractor.value_net", "value_net");
            if (policy.logStd().length > 0) {
                float[] logStd = read(reader, "log_std", policy.logStd().length);
                System.arraycopy(logStd, 0, policy.logStd(), 0, logStd.length);
            }
            return policy;
        }
    }

    /** The metadata of a saved policy (format entries and the caller's), without loading the weights. */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            return new LinkedHashMap<>(reader.metadata());
        }
    }

    /** SB3's nn.Sequential numbering: Linear at 0, Tanh at 1, Linear at 2, ... */
    private static List<String> layerNames(Mlp net, String hiddenPrefix, String outputName) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < net.layerCount() - 1; l++) names.add(hiddenPrefix + "." + 2 * l);
        names.add(outputName);
        return names;
    }

    /**
     * Adds {@code net}'s layers in PyTorch's layout: {@code hiddenPrefix.0}, {@code .2}, ... (an
     * {@code nn.Sequential} of Linear and activation) and {@code outputName} for the last layer.
     */
    public static void addNetwork(SafetensorsWriter writer, Mlp net, String hiddenPrefix, String outputName) {
        int[] sizes = net.sizes();
        List<String> names = layerNames(net, hiddenPrefix, outputName);
        for (int l = 0; l < names.size(); l++) {
            writer.addFloats(names.get(l) + ".weight", DType.F32, new long[] {sizes[l + 1], sizes[l]}, net.weight(l));
            writer.addFloats(names.get(l) + ".bias", DType.F32, new long[] {sizes[l + 1]}, net.bias(l));
        }
    }

    /** Reads into {@code net} the layers {@link #addNetwork} wrote under the same names; a missing or misshapen tensor is a UserError. */
    public static void readNetwork(SafetensorsReader reader, Mlp net, String hiddenPrefix, String outputName) throws IOException {
        int[] sizes = net.sizes();
        List<String> names = layerNames(net, hiddenPrefix, outputName);
        for (int l = 0; l < names.size(); l++) {
            net.setWeight(l, read(reader, names.get(l) + ".weight", sizes[l + 1] * sizes[l]));
            net.setBias(l, read(reader, names.get(l) + ".bias", sizes[l + 1]));
        }
    }

    private static float[] read(SafetensorsReader reader, String name, int expected) throws IOException {
        if (!reader.contains(name)) throw new UserError(reader.path() + ": tensor " + name + " is missing");
        TensorInfo info = reader.info(name);
        if (info.elementCount() != expected) {
            throw new UserError(reader.path() + ": tensor " + name + " has shape " + Arrays.toString(info.shape()) + " (" + info.elementCount()
                    + " values) but the policy in its metadata needs " + expected);
        }
        return reader.floats(name);
    }

    /** Writes {@code space} as metadata entries (action_space, then actions or action_low/action_high) that {@link #actionSpace} reads. */
    public static void putActionSpace(Map<String, String> metadata, Space space) {
        if (space instanceof Space.Box box) {
            metadata.put("action_space", "box");
            metadata.put("action_low", join(box.low()));
            metadata.put("action_high", join(box.high()));
        } else {
            metadata.put("action_space", "discrete");
            metadata.put("actions", Integer.toString(((Space.Discrete) space).n()));
        }
    }

    /** The action space {@link #putActionSpace} wrote; a missing or malformed entry is a UserError naming the file and entry. */
    public static Space actionSpace(Path file, Map<String, String> metadata) {
        String kind = entry(file, metadata, "action_space");
        return switch (kind) {
            case "discrete" -> new Space.Discrete(intEntry(file, metadata, "actions"));
            case "box" -> new Space.Box(floats(file, metadata, "action_low"), floats(file, metadata, "action_high"));
            default -> throw new UserError(file + ": metadata action_space is '" + kind + "', expected discrete or box");
        };
    }

    private static String entry(Path file, Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) throw new UserError(file + ": metadata entry " + key + " is missing");
        return value;
    }

    /** Metadata entry {@code key} as an integer; a missing or malformed entry is a UserError naming the file and entry. */
    public static int intEntry(Path file, Map<String, String> metadata, String key) {
        return parsedEntry(file, metadata, key, Integer::parseInt, "an integer");
    }

    /** Metadata entry {@code key} as a double; a missing or malformed entry is a UserError naming the file and entry. */
    public static double doubleEntry(Path file, Map<String, String> metadata, String key) {
        return parsedEntry(file, metadata, key, Double::parseDouble, "a number");
    }

    private static <T> T parsedEntry(Path file, Map<String, String> metadata, String key, java.util.function.Function<String, T> parse, String what) {
        String value = entry(file, metadata, key);
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new UserError(file + ": metadata entry " + key + " must be " + what + ", got '" + value + "'", e);
        }
    }

    /** Metadata entry {@code key} as comma-separated integers (as {@link #joinInts} writes them). */
    public static List<Integer> ints(Path file, Map<String, String> metadata, String key) {
        String value = entry(file, metadata, key);
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : value.split(",")) {
                if (!part.isBlank()) out.add(Integer.parseInt(part.trim()));
            }
        } catch (NumberFormatException e) {
            throw new UserError(file + ": metadata entry " + key + " must be comma-separated integers, got '" + value + "'", e);
        }
        return out;
    }

    private static float[] floats(Path file, Map<String, String> metadata, String key) {
        String[] parts = entry(file, metadata, key).split(",");
        float[] out = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) out[i] = Float.parseFloat(parts[i].trim());
        } catch (NumberFormatException e) {
            throw new UserError(file + ": metadata entry " + key + " must be comma-separated floats", e);
        }
        return out;
    }

    private static String join(float[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) out.append(i == 0 ? "" : ",").append(values[i]);
        return out.toString();
    }

    /** Integers as one comma-separated metadata entry. */
    public static String joinInts(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
