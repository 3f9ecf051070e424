package org.rlhf4j.control.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.io.DType;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.io.SafetensorsWriter;

class PolicyFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsACategoricalAndAGaussianPolicy() throws Exception {
        ActorCriticPolicy cartPole = new ActorCriticPolicy(4, new Space.Discrete(2), PolicyConfig.defaults(), new SplittableRandom(1));
        ActorCriticPolicy pendulum = new ActorCriticPolicy(3, Space.Box.symmetric(2f), PolicyConfig.defaults()
                .withPiLayers(List.of(32)).withLogStdInit(-0.7), new SplittableRandom(2));
        for (ActorCriticPolicy policy : new ActorCriticPolicy[] {cartPole, pendulum}) {
            Path file = PolicyFile.save(policy, dir.resolve("p" + policy.observationSize() + ".safetensors"), Map.of("algorithm", "ppo"));
            ActorCriticPolicy loaded = PolicyFile.load(file);
            assertThat(loaded.config()).isEqualTo(policy.config());
            assertThat(loaded.actionSpace()).isEqualTo(policy.actionSpace());
            assertThat(loaded.observationSize()).isEqualTo(policy.observationSize());
            for (int a = 0; a < 3; a++) assertThat(loaded.parameters()[a]).containsExactly(policy.parameters()[a]);
            assertThat(PolicyFile.metadata(file)).containsEntry("format", PolicyFile.FORMAT).containsEntry("format_version", "1")
                    .containsEntry("algorithm", "ppo");
        }
    }

    @Test
    void usesStableBaselines3StateDictNames() throws Exception {
        ActorCriticPolicy policy = new ActorCriticPolicy(3, Space.Box.symmetric(2f), PolicyConfig.defaults(), new SplittableRandom(3));
        Path file = PolicyFile.save(policy, dir.resolve("sb3.safetensors"), Map.of());
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.names()).containsExactly(
                    "mlp_extractor.policy_net.0.weight", "mlp_extractor.policy_net.0.bias",
                    "mlp_extractor.policy_net.2.weight", "mlp_extractor.policy_net.2.bias",
                    "action_net.weight", "action_net.bias",
                    "mlp_extractor.value_net.0.weight", "mlp_extractor.value_net.0.bias",
                    "mlp_extractor.value_net.2.weight", "mlp_extractor.value_net.2.bias",
                    "value_net.weight", "value_net.bias", "log_std");
            assertThat(reader.info("mlp_extractor.policy_net.0.weight").shape()).containsExactly(64, 3);  // torch (out, in)
            assertThat(reader.floats("mlp_extractor.policy_net.0.weight")).containsExactly(policy.actor().weight(0));
        }
    }

    /** Golden: a file written by format version 1 (src/test/resources, made by PolicyFileFixture) still loads, to the same numbers. */
    @Test
    void loadsAVersionOneFile() throws Exception {
        Path file = Path.of(getClass().getResource("/policy/pendulum-policy-v1.safetensors").toURI());
        ActorCriticPolicy policy = PolicyFile.load(file);
        assertThat(policy.config()).isEqualTo(new PolicyConfig(List.of(8), List.of(8), -0.5, true));
        assertThat(policy.actionSpace()).isEqualTo(Space.Box.symmetric(2f));
        assertThat(policy.logStd()).containsExactly(-0.25f);
        float[] mean = new float[1], value = new float[1];
        policy.predict(PolicyFileFixture.OBSERVATION, 1, true, null, mean);
        policy.predictValues(PolicyFileFixture.OBSERVATION, 0, 1, value, 0);
        assertThat(mean[0]).isCloseTo(-0.151516527f, within(1e-6f));
        assertThat(value[0]).isCloseTo(-0.716098309f, within(1e-6f));
        for (int a = 0; a < 3; a++) assertThat(policy.parameters()[a]).containsExactly(PolicyFileFixture.policy().parameters()[a]);
    }

    @Test
    void refusesANewerVersionAndOtherFiles() throws Exception {
        Path newer = new SafetensorsWriter().putMetadata("format", PolicyFile.FORMAT).putMetadata("format_version", "2")
                .addFloats("x", DType.F32, new long[] {1}, new float[1]).write(dir.resolve("newer.safetensors"));
        assertThatThrownBy(() -> PolicyFile.load(newer)).isInstanceOf(UserError.class)
                .hasMessageContaining("format_version 2").hasMessageContaining("newer");
        Path other = new SafetensorsWriter().addFloats("x", DType.F32, new long[] {1}, new float[1]).write(dir.resolve("other.safetensors"));
        assertThatThrownBy(() -> PolicyFile.load(other)).isInstanceOf(UserError.class).hasMessageContaining("not an rlhf4j control policy");
    }

    @Test
    void refusesTensorsThatDoNotFitTheMetadata() throws Exception {
        ActorCriticPolicy policy = new ActorCriticPolicy(4, new Space.Discrete(2), PolicyConfig.defaults(), new SplittableRandom(4));
        Path file = PolicyFile.save(policy, dir.resolve("good.safetensors"), Map.of());
        SafetensorsWriter broken = new SafetensorsWriter();
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            reader.metadata().forEach(broken::putMetadata);
            broken.putMetadata("pi_layers", "32,64");
            for (String name : reader.names()) {
                broken.addFloats(name, DType.F32, reader.info(name).shape(), reader.floats(name));
            }
        }
        Path bad = broken.write(dir.resolve("bad.safetensors"));
        assertThatThrownBy(() -> PolicyFile.load(bad)).isInstanceOf(UserError.class)
                .hasMessageContaining("mlp_extractor.policy_net.0.weight").hasMessageContaining("needs 128");
    }
}
