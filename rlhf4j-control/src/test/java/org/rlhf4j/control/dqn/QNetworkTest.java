package org.rlhf4j.control.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.control.nn.Mlp;
import org.rlhf4j.core.io.DType;
import org.rlhf4j.core.io.SafetensorsException;
import org.rlhf4j.core.io.SafetensorsWriter;
import org.rlhf4j.core.run.Provenance;

class QNetworkTest {
    @TempDir
    Path dir;

    /**
     * q_network_v1.safetensors was written by format version 1 (kept as is; never regenerate it):
     * obs 3, net_arch [2], 2 actions, ReLU; W1 (out, in) = [[0.5, -1, 0.25], [1.5, 0, -0.75]],
     * b1 = (0.125, -0.5), W2 = [[1, -2], [0.5, 3]], b2 = (-1, 2).
     * <pre>
     *   s = (0, -8, 0): z1 = (8.125, -0.5) -> h = (8.125, 0) -> Q = (7.125, 6.0625): greedy 0
     *   s = (2, 0, 0):  z1 = (1.125, 2.5)  -> h = (1.125, 2.5) -> Q = (-4.875, 10.0625): greedy 1
     * </pre>
     */
    @Test
    void loadsAVersion1File() throws IOException, URISyntaxException {
        Path golden = Path.of(QNetworkTest.class.getResource("q_network_v1.safetensors").toURI());
        QNetwork.Loaded loaded = QNetwork.load(golden);
        QNetwork q = loaded.network();
        assertThat(q.observationSize()).isEqualTo(3);
        assertThat(q.actionCount()).isEqualTo(2);
        assertThat(q.netArch()).containsExactly(2);
        assertThat(q.mlp().activation()).isEqualTo(Mlp.Activation.RELU);
        assertThat(q.mlp().weight(0)).containsExactly(0.5f, -1f, 0.25f, 1.5f, 0f, -0.75f);
        assertThat(q.mlp().bias(1)).containsExactly(-1f, 2f);
        assertThat(loaded.metadata()).containsEntry("num_timesteps", "1234").containsEntry("format_version", "1");
        float[] values = q.qValues(new float[] {0, -8, 0, 2, 0, 0}, 0, 2);
        assertThat(new float[] {values[0], values[1], values[2], values[3]}).containsExactly(7.125f, 6.0625f, -4.875f, 10.0625f);
        assertThat(q.greedyAction(new float[] {0, -8, 0}, 0)).isZero();
        assertThat(q.greedyAction(new float[] {2, 0, 0}, 0)).isOne();
    }

    @Test
    void saveThenLoadGivesTheSameNetwork() throws IOException {
        QNetwork q = QNetwork.initialised(4, List.of(16, 8), 3, Mlp.Activation.RELU, new SplittableRandom(5));
        Path file = q.save(dir.resolve("q.safetensors"), Map.of("note", "test"));
        QNetwork.Loaded loaded = QNetwork.load(file);
        assertThat(loaded.network().mlp().parameters()).containsExactly(q.mlp().parameters());
        assertThat(loaded.network().netArch()).containsExactly(16, 8);
        assertThat(loaded.metadata()).containsEntry("note", "test").containsEntry("format", QNetwork.FORMAT);
    }

    /** torch.nn.Linear's default init: weight and bias uniform in +-1/sqrt(fan_in). */
    @Test
    void initialisationIsPyTorchsLinearDefault() {
        QNetwork q = QNetwork.initialised(4, List.of(64, 64), 2, Mlp.Activation.RELU, new SplittableRandom(0));
        int[] fanIn = {4, 64, 64};
        for (int l = 0; l < 3; l++) {
            float bound = (float) (1 / Math.sqrt(fanIn[l]));
            float[] w = q.mlp().weight(l);
            double max = 0;
            for (float v : w) max = Math.max(max, Math.abs(v));
            for (float v : q.mlp().bias(l)) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
            assertThat(max).isLessThanOrEqualTo(bound);
            assertThat(max).isGreaterThan(0.9 * bound);   // spans the range, not a narrower one
        }
    }

    @Test
    void refusesOtherFormatsAndNewerVersions() throws IOException {
        Path other = new SafetensorsWriter().addFloats("w", DType.F32, new long[] {1}, new float[] {1})
                .putMetadata("format", "something.else").write(dir.resolve("other.safetensors"));
        assertThatThrownBy(() -> QNetwork.load(other)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("other.safetensors").hasMessageContaining("'format' is 'something.else'");

        Path newer = new SafetensorsWriter().addFloats("w", DType.F32, new long[] {1}, new float[] {1})
                .putMetadata("format", QNetwork.FORMAT).putMetadata("format_version", "2").write(dir.resolve("newer.safetensors"));
        assertThatThrownBy(() -> QNetwork.load(newer)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("format_version 2 is not supported");
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        QNetwork q = QNetwork.initialised(2, List.of(3), 2, Mlp.Activation.RELU, new SplittableRandom(1));
        Path file = q.save(dir.resolve("q.safetensors"), Map.of());
        // rewrite without the last bias
        SafetensorsWriter writer = new SafetensorsWriter();
        writer.addFloats(QNetwork.weightName(0), DType.F32, new long[] {3, 2}, q.mlp().weight(0));
        writer.addFloats(QNetwork.biasName(0), DType.F32, new long[] {3}, q.mlp().bias(0));
        writer.addFloats(QNetwork.weightName(1), DType.F32, new long[] {2, 3}, q.mlp().weight(1));
        QNetwork.load(file).metadata().forEach(writer::putMetadata);
        Path broken = writer.write(dir.resolve("broken.safetensors"));
        assertThatThrownBy(() -> QNetwork.load(broken)).hasMessageContaining("tensor 'q_net.q_net.2.bias' is missing");
    }

    @Test
    void trainerSavesNetworkAndProvenance() throws IOException {
        DqnConfig config = DqnConfig.defaults().toBuilder().netArch(List.of(8)).learningStarts(10).seed(3).build();
        DqnTrainer trainer = DqnTrainer.create(config, "CartPole-v1");
        trainer.learn(40);
        Path file = trainer.save(dir.resolve("run"));
        QNetwork.Loaded loaded = QNetwork.load(file);
        assertThat(loaded.network().mlp().parameters()).containsExactly(trainer.qNetwork().mlp().parameters());
        assertThat(loaded.metadata()).containsEntry("environment", "CartPole-v1").containsEntry("num_timesteps", "40");
        assertThat(loaded.metadata().get("config")).contains("\"learning_starts\":10");
        Provenance provenance = Provenance.read(dir.resolve("run").resolve(Provenance.FILE_NAME));
        assertThat(provenance.kind()).isEqualTo("dqn");
        assertThat(provenance.seed()).isEqualTo(3);
        assertThat(provenance.seedStreams()).containsKeys("model_init", "sampling", "replay", "environment");
        assertThat(Files.exists(dir.resolve("run").resolve("q_network.safetensors"))).isTrue();
    }
}
