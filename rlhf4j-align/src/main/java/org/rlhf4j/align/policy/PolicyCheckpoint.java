package org.rlhf4j.align.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.run.AtomicDirectory;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.lm.checkpoint.Checkpoint;

/**
 * A policy on disk: an ordinary causal-LM checkpoint ({@code LlamaForCausalLM}, loadable by any
 * tool and by {@code rlhf4j generate}) whose {@code model.safetensors} also holds the value head
 * under TRL's names ({@code v_head.summary.weight}, {@code v_head.summary.bias}), so a PPO run's
 * critic is never thrown away (TRL issue #3293) and a resumed or continued run keeps it.
 */
public final class PolicyCheckpoint {
    private PolicyCheckpoint() {}

    public static Path save(Path dir, PolicyModel policy, Path tokenizerJson, Provenance provenance, AtomicDirectory.Filler extra) throws IOException {
        Checkpoint.Head head = policy.valueHead() == null ? null : new Checkpoint.Head(policy.valueHead().parameters(), "LlamaForCausalLM", 0);
        return Checkpoint.save(dir, policy.model(), head, tokenizerJson, provenance, extra);
    }

    /**
     * The language model of a policy checkpoint alone, for sampling and evaluation: an SFT model,
     * or a PPO model whose value head (saved beside it under TRL's names) is left unread.
     */
    public static Checkpoint.Loaded languageModel(Path dir, ComputeDevice device) {
        return Checkpoint.load(dir, device, Set.of(ValueHead.WEIGHT, ValueHead.BIAS));
    }

    /** A loaded policy; {@code hadValueHead} says whether the head came from the file or was initialised now. */
    public record Loaded(PolicyModel policy, Path tokenizer, Provenance provenance, boolean hadValueHead) {}

    /**
     * Loads {@code dir}; with {@code withValueHead} the value head is read from the file when it
     * has one, else initialised from {@code init} (an SFT checkpoint has none yet).
     */
    public static Loaded load(Path dir, ComputeDevice device, boolean withValueHead, SplittableRandom init) {
        Checkpoint.Loaded lm = Checkpoint.load(dir, device, Set.of(ValueHead.WEIGHT, ValueHead.BIAS));
        if (!withValueHead) return new Loaded(new PolicyModel(lm.model(), null), lm.tokenizer(), lm.provenance(), false);
        Path weights = dir.resolve(Checkpoint.WEIGHTS);
        int d = lm.model().config().hiddenSize();
        try (SafetensorsReader r = SafetensorsReader.open(weights)) {
            if (!r.contains(ValueHead.WEIGHT)) {
                return new Loaded(new PolicyModel(lm.model(), ValueHead.initialise(d, device, init)), lm.tokenizer(), lm.provenance(), false);
            }
            if (!r.contains(ValueHead.BIAS)) throw new UserError(weights + ": has " + ValueHead.WEIGHT + " but not " + ValueHead.BIAS);
            long[] shape = r.info(ValueHead.WEIGHT).shape();
            if (shape.length != 2 || shape[0] != 1 || shape[1] != d) {
                throw new UserError(weights + ": " + ValueHead.WEIGHT + " has shape " + java.util.Arrays.toString(shape) + " but the model's hidden size implies [1, " + d + "]");
            }
            return new Loaded(new PolicyModel(lm.model(), ValueHead.of(r.floats(ValueHead.WEIGHT), r.floats(ValueHead.BIAS), device)), lm.tokenizer(), lm.provenance(), true);
        } catch (IOException | RuntimeException e) {
            lm.model().close();
            if (e instanceof UserError u) throw u;
            throw new UserError(weights + ": " + e.getMessage(), e);
        }
    }
}
