package org.rlhf4j.lm.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.io.DType;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.io.SafetensorsWriter;
import org.rlhf4j.core.io.TensorInfo;
import org.rlhf4j.core.run.AtomicDirectory;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;

/** Saves and loads a language model checkpoint folder. */
public final class Checkpoint {
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";

    private Checkpoint() {}

    /** Parameters saved beside the backbone's, under their own names, and the architecture they make. */
    public record Head(org.rlhf4j.core.nn.ParameterSet parameters, String architecture, int labels) {}

    /** A loaded checkpoint; the caller owns (and closes) the model. */
    public record Loaded(LlamaModel model, Path directory, Path tokenizer, Provenance provenance) {}

    /**
     * Writes {@code model} (fp32), its config, the tokenizer file and provenance to {@code dir}
     * atomically: a temporary sibling folder is filled, synced and renamed over {@code dir}.
     */
    public static Path save(Path dir, LlamaModel model, Path tokenizerJson, Provenance provenance) throws IOException {
        return save(dir, model, tokenizerJson, provenance, tmp -> {});
    }

    /** As {@link #save(Path, LlamaModel, Path, Provenance)}, with more files (e.g. trainer state) written into the same atomic folder. */
    public static Path save(Path dir, LlamaModel model, Path tokenizerJson, Provenance provenance, AtomicDirectory.Filler extra) throws IOException {
        return save(dir, model, null, tokenizerJson, provenance, extra);
    }

    /**
     * With a head's parameters (e.g. a reward model's {@code score.weight}) in the same
     * {@code model.safetensors}, as Hugging Face's {@code LlamaForSequenceClassification} stores
     * them; config.json then names that architecture, with {@code num_labels} = the head's rows.
     */
    public static Path save(Path dir, LlamaModel model, Head head, Path tokenizerJson, Provenance provenance, AtomicDirectory.Filler extra) throws IOException {
        return AtomicDirectory.write(dir, tmp -> {
            extra.fill(tmp);
            SafetensorsWriter w = new SafetensorsWriter().putMetadata("format", "pt");
            for (String name : model.parameters().names()) {
                w.addFloats(name, DType.F32, model.parameters().shape(name), model.parameters().values(name));
            }
            if (head != null) {
                for (String name : head.parameters().names()) w.addFloats(name, DType.F32, head.parameters().shape(name), head.parameters().values(name));
            }
            w.write(tmp.resolve(WEIGHTS));
            if (head == null) ConfigJson.write(model.config(), tmp.resolve(CONFIG));
            else ConfigJson.write(model.config(), tmp.resolve(CONFIG), head.architecture(), head.labels());
            if (tokenizerJson != null) Files.copy(tokenizerJson, tmp.resolve(TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
            if (provenance != null) provenance.write(tmp.resolve(Provenance.FILE_NAME));
        });
    }

    /** Loads a checkpoint folder, checking that weights and config agree name by name and shape by shape. */
    public static Loaded load(Path dir, ComputeDevice device) {
        return load(dir, device, java.util.Set.of());
    }

    /** As {@link #load(Path, ComputeDevice)}, accepting the tensors named in {@code headNames} (the caller reads them). */
    public static Loaded load(Path dir, ComputeDevice device, java.util.Set<String> headNames) {
        if (!Files.isDirectory(dir)) throw new UserError(dir + ": not a checkpoint folder (it does not exist or is not a directory)");
        LlamaConfig config = ConfigJson.read(dir.resolve(CONFIG));
        Path weights = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) throw new UserError(weights + ": not found (a checkpoint folder needs model.safetensors)");
        LlamaModel model = new LlamaModel(config, device, new SplittableRandom(0));
        try (SafetensorsReader r = SafetensorsReader.open(weights)) {
            check(model, r, weights, headNames);
            for (String name : model.parameters().names()) model.parameters().assign(name, r.floats(name), r.info(name).shape());
        } catch (IOException | RuntimeException e) {
            model.close();
            if (e instanceof UserError u) throw u;
            throw new UserError(weights + ": " + ConfigJson.firstLine(e.getMessage()), e);
        }
        Path tokenizer = dir.resolve(TOKENIZER);
        Path run = dir.resolve(Provenance.FILE_NAME);
        Provenance provenance = null;
        try {
            if (Files.isRegularFile(run)) provenance = Provenance.read(run);
        } catch (IOException e) {
            model.close();
            throw new UserError(run + ": " + ConfigJson.firstLine(e.getMessage()), e);
        }
        return new Loaded(model, dir, Files.isRegularFile(tokenizer) ? tokenizer : null, provenance);
    }

    /** Every parameter present with the right shape and a float dtype; nothing unexpected besides known extras. */
    private static void check(LlamaModel model, SafetensorsReader r, Path file, java.util.Set<String> headNames) {
        List<String> problems = new ArrayList<>();
        for (String name : model.parameters().names()) {
            if (!r.contains(name)) {
                problems.add("missing " + name);
                continue;
            }
            TensorInfo info = r.info(name);
            long[] expected = model.parameters().shape(name);
            if (!Arrays.equals(info.shape(), expected)) {
                problems.add(name + " has shape " + Arrays.toString(info.shape()) + " but config.json implies " + Arrays.toString(expected));
            } else if (!info.dtype().isFloatingPoint()) {
                problems.add(name + " has dtype " + info.dtype() + ", expected a float type");
            }
        }
        for (String name : r.names()) {
            boolean known = model.parameters().contains(name) || headNames.contains(name) || name.endsWith("rotary_emb.inv_freq")
                    || (name.equals("lm_head.weight") && model.config().tieWordEmbeddings());
            if (!known) problems.add("unexpected tensor " + name);
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 5);
            throw new UserError(file + " does not match config.json: " + String.join("; ", problems.subList(0, shown))
                    + (problems.size() > shown ? " (and " + (problems.size() - shown) + " more)" : ""));
        }
    }
}
