package org.rlhf4j.lm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.model.TinyModels;

class CheckpointTest {
    @TempDir
    Path tmp;

    private static float[] logits(LlamaModel m) {
        int[] ids = {1, 5, 9, 13, 2, 40};
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            return TensorData.toFloats(m.forward(m.fuse(), TensorData.ids(ids, 1, 6), TensorData.ids(new int[] {0, 1, 2, 3, 4, 5}, 1, 6), null, null, false).logits());
        }
    }

    @Test
    void saveThenLoadGivesIdenticalLogits() throws IOException {
        for (boolean tied : new boolean[] {true, false}) {
            Path dir = tmp.resolve("ckpt-" + tied);
            try (LlamaModel m = TinyModels.model(tied, 31)) {
                float[] before = logits(m);
                Checkpoint.save(dir, m, null, null);
                assertThat(dir.resolve("model.safetensors")).isRegularFile();
                assertThat(Files.readString(dir.resolve("config.json"))).contains("\"num_key_value_heads\" : 2", "\"model_type\" : \"llama\"");
                try (LlamaModel loaded = Checkpoint.load(dir, ComputeDevice.CPU).model()) {
                    assertThat(logits(loaded)).containsExactly(before);
                    assertThat(loaded.parameters().names()).isEqualTo(m.parameters().names());
                }
            }
        }
    }

    @Test
    void savingOverAnExistingCheckpointReplacesItWhole() throws IOException {
        Path dir = tmp.resolve("ckpt");
        try (LlamaModel a = TinyModels.model(true, 1); LlamaModel b = TinyModels.model(true, 2)) {
            Checkpoint.save(dir, a, null, null);
            Checkpoint.save(dir, b, null, null);
            try (LlamaModel loaded = Checkpoint.load(dir, ComputeDevice.CPU).model()) {
                assertThat(logits(loaded)).containsExactly(logits(b));
            }
            try (Stream<Path> siblings = Files.list(tmp)) {
                assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("ckpt");
            }
        }
    }

    static Stream<Arguments> brokenCheckpoints() {
        return Stream.of(
                Arguments.of("no config.json", (Consumer<Path>) d -> delete(d.resolve("config.json")), "config.json: not found"),
                Arguments.of("config not JSON", (Consumer<Path>) d -> write(d.resolve("config.json"), "{ hidden_size: "), "config.json: not valid JSON"),
                Arguments.of("config missing a field", (Consumer<Path>) d -> edit(d.resolve("config.json"), "\"vocab_size\"", "\"vocab_sizes\""), "missing field vocab_size"),
                Arguments.of("config wrong type", (Consumer<Path>) d -> edit(d.resolve("config.json"), "\"hidden_size\" : 32", "\"hidden_size\" : \"32\""), "field hidden_size must be an integer"),
                Arguments.of("config inconsistent", (Consumer<Path>) d -> edit(d.resolve("config.json"), "\"num_key_value_heads\" : 2", "\"num_key_value_heads\" : 3"), "must be a multiple of num_key_value_heads"),
                Arguments.of("shapes disagree", (Consumer<Path>) d -> edit(d.resolve("config.json"), "\"intermediate_size\" : 64", "\"intermediate_size\" : 65"), "model.layers.0.mlp.gate_proj.weight has shape [64, 32] but config.json implies [65, 32]"),
                Arguments.of("missing layer", (Consumer<Path>) d -> edit(d.resolve("config.json"), "\"num_hidden_layers\" : 2", "\"num_hidden_layers\" : 3"), "missing model.layers.2.self_attn.q_proj.weight"),
                Arguments.of("extra layer", (Consumer<Path>) d -> edit(d.resolve("config.json"), "\"num_hidden_layers\" : 2", "\"num_hidden_layers\" : 1"), "unexpected tensor model.layers.1"),
                Arguments.of("no weights", (Consumer<Path>) d -> delete(d.resolve("model.safetensors")), "model.safetensors: not found"),
                Arguments.of("truncated weights", (Consumer<Path>) d -> truncate(d.resolve("model.safetensors"), 100), "model.safetensors"),
                Arguments.of("empty weights", (Consumer<Path>) d -> truncate(d.resolve("model.safetensors"), 0), "model.safetensors"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCheckpoints")
    void brokenCheckpointsGiveAClearError(String what, Consumer<Path> damage, String expected) throws IOException {
        Path dir = tmp.resolve("ckpt");
        try (LlamaModel m = TinyModels.model(true, 3)) {
            Checkpoint.save(dir, m, null, null);
        }
        damage.accept(dir);
        assertThatThrownBy(() -> Checkpoint.load(dir, ComputeDevice.CPU)).isInstanceOf(UserError.class).hasMessageContaining(expected);
    }

    @Test
    void missingFolderIsAUserError() {
        assertThatThrownBy(() -> Checkpoint.load(tmp.resolve("nope"), ComputeDevice.CPU)).isInstanceOf(UserError.class).hasMessageContaining("not a checkpoint folder");
    }

    private static void delete(Path p) {
        try { Files.delete(p); } catch (IOException e) { throw new RuntimeException(e); }
    }

    private static void write(Path p, String s) {
        try { Files.writeString(p, s); } catch (IOException e) { throw new RuntimeException(e); }
    }

    private static void edit(Path p, String from, String to) {
        try {
            String s = Files.readString(p);
            if (!s.contains(from)) throw new IllegalStateException("test setup: " + from + " not in " + s);
            Files.writeString(p, s.replace(from, to));
        } catch (IOException e) { throw new RuntimeException(e); }
    }

    private static void truncate(Path p, long size) {
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        } catch (IOException e) { throw new RuntimeException(e); }
    }
}
