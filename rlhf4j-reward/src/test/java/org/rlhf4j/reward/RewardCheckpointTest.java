package org.rlhf4j.reward;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.ComputeDevice;

/** Bad reward-model folders: each gives one clear error naming the file and the problem. */
class RewardCheckpointTest {
    private static Path saved(Path dir) throws IOException {
        try (RewardModel m = TinyRewardModels.model(2, false, 1)) {
            return RewardCheckpoint.save(dir.resolve("rm"), m, null, null);
        }
    }

    private static void assertBad(Path dir, UnaryOperator<String> edit, String expected) throws IOException {
        Path rm = saved(dir);
        Path info = rm.resolve(RewardCheckpoint.FILE);
        Files.writeString(info, edit.apply(Files.readString(info)));
        assertThatThrownBy(() -> RewardCheckpoint.load(rm, ComputeDevice.CPU)).isInstanceOf(UserError.class).hasMessageContaining(expected);
    }

    @Test
    void badRewardJson(@TempDir Path dir) throws IOException {
        assertBad(dir.resolve("a"), s -> s.replace("\"format_version\" : 1", "\"format_version\" : 9"), "format_version 9 is not supported");
        assertBad(dir.resolve("b"), s -> s.replace("\"support\"", "\"alpaca\""), "unknown chat template \"alpaca\"");
        assertBad(dir.resolve("c"), s -> s.replace("\"heads\" : 2", "\"heads\" : 3"), "score.weight has shape [2, 32] but reward.json implies [3, 32]");
        assertBad(dir.resolve("d"), s -> s.replace("\"ordinal\" : false", "\"ordinal\" : true"), "missing score.thresholds");
        assertBad(dir.resolve("e"), s -> s.replace("\"normalisation_std\" : 1.0", "\"normalisation_std\" : 0.0"), "std must be a positive finite number");
        assertBad(dir.resolve("f"), s -> "{ not json", "reward.json");
    }

    @Test
    void aLanguageModelIsNotARewardModel(@TempDir Path dir) throws IOException {
        Path rm = saved(dir);
        Files.delete(rm.resolve(RewardCheckpoint.FILE));
        assertThatThrownBy(() -> RewardCheckpoint.load(rm, ComputeDevice.CPU)).isInstanceOf(UserError.class).hasMessageContaining("not a reward model (no reward.json)");
    }
}
