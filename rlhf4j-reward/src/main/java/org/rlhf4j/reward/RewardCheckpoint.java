package org.rlhf4j.reward;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.run.AtomicDirectory;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.checkpoint.Checkpoint;

/**
 * A reward model folder: the language-model checkpoint files (backbone and {@code score.weight}
 * in one {@code model.safetensors}, config.json naming {@code LlamaForSequenceClassification}
 * with {@code num_labels} = heads, tokenizer.json, run.json) plus {@code reward.json}: format
 * version, chat template, heads and normalisation.
 */
public final class RewardCheckpoint {
    public static final String FILE = "reward.json";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RewardCheckpoint() {}

    /** What {@code reward.json} holds. */
    public record Info(@JsonProperty("format_version") int formatVersion, String template, int heads, boolean ordinal,
                       @JsonProperty("normalisation_mean") double normalisationMean,
                       @JsonProperty("normalisation_std") double normalisationStd,
                       @JsonProperty("normalisation_reference_size") long normalisationReferenceSize) {}

    public static Path save(Path dir, RewardModel model, Path tokenizerJson, Provenance provenance) throws IOException {
        return save(dir, model, tokenizerJson, provenance, tmp -> {});
    }

    public static Path save(Path dir, RewardModel model, Path tokenizerJson, Provenance provenance, AtomicDirectory.Filler extra) throws IOException {
        Normalisation n = model.normalisation();
        Info info = new Info(FORMAT_VERSION, model.template().name(), model.heads(), model.ordinal(), n.mean(), n.std(), n.referenceSize());
        return Checkpoint.save(dir, model.backbone(), new Checkpoint.Head(model.head(), "LlamaForSequenceClassification", model.heads()),
                tokenizerJson, provenance, tmp -> {
                    extra.fill(tmp);
                    JSON.writeValue(tmp.resolve(FILE).toFile(), info);
                });
    }

    /** True when {@code dir} holds a reward model (has reward.json). */
    public static boolean isRewardModel(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** A loaded reward model with its folder's tokenizer and provenance. */
    public record Loaded(RewardModel model, Path directory, Path tokenizer, Provenance provenance) {}

    public static Loaded load(Path dir, ComputeDevice device) {
        Path infoFile = dir.resolve(FILE);
        if (!Files.isRegularFile(infoFile)) {
            throw new UserError(dir + ": not a reward model (no " + FILE + "); train one with `rlhf4j reward train`");
        }
        Info info;
        try {
            info = JSON.readValue(infoFile.toFile(), Info.class);
        } catch (IOException e) {
            throw new UserError(infoFile + ": " + firstLine(e.getMessage()), e);
        }
        if (info.formatVersion() != FORMAT_VERSION) throw new UserError(infoFile + ": format_version " + info.formatVersion() + " is not supported (expected " + FORMAT_VERSION + ")");
        ChatTemplate template;
        Normalisation normalisation;
        try {
            template = ChatTemplate.named(info.template());
            normalisation = new Normalisation(info.normalisationMean(), info.normalisationStd(), info.normalisationReferenceSize());
        } catch (IllegalArgumentException e) {
            throw new UserError(infoFile + ": " + e.getMessage(), e);
        }
        Checkpoint.Loaded lm = Checkpoint.load(dir, device, Set.of(RewardModel.SCORE, RewardModel.THRESHOLDS));
        ParameterSet head = new ParameterSet(device);
        Path weights = dir.resolve(Checkpoint.WEIGHTS);
        try (SafetensorsReader r = SafetensorsReader.open(weights)) {
            readHead(r, head, RewardModel.SCORE, new long[] {info.heads(), lm.model().config().hiddenSize()}, weights);
            if (info.ordinal()) readHead(r, head, RewardModel.THRESHOLDS, new long[] {info.heads(), RewardModel.STARS - 1}, weights);
        } catch (IOException | RuntimeException e) {
            head.close();
            lm.model().close();
            if (e instanceof UserError u) throw u;
            throw new UserError(weights + ": " + firstLine(e.getMessage()), e);
        }
        return new Loaded(RewardModel.of(lm.model(), head, template, normalisation), dir, lm.tokenizer(), lm.provenance());
    }

    private static void readHead(SafetensorsReader r, ParameterSet head, String name, long[] shape, Path file) throws IOException {
        if (!r.contains(name)) throw new UserError(file + ": missing " + name + ", which " + FILE + " says the reward head has");
        if (!java.util.Arrays.equals(r.info(name).shape(), shape)) {
            throw new UserError(file + ": " + name + " has shape " + java.util.Arrays.toString(r.info(name).shape()) + " but " + FILE + " implies " + java.util.Arrays.toString(shape));
        }
        if (name.equals(RewardModel.SCORE)) head.normal(name, new java.util.SplittableRandom(0), 0, shape);   // a matrix: weight decay applies
        else head.constant(name, 0f, shape);
        head.assign(name, r.floats(name), shape);
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
