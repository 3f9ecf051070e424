package org.rlhf4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;

class RunFilesTest {
    record Config(int steps, double lr) {}

    @Test
    void aSecondStartIntoARunIsRefusedAndLeavesItsFilesAlone(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        RunFiles.startFresh(out);
        Files.writeString(out.resolve(MetricsSink.FILE_NAME), "{\"step\":1}\n");
        assertThatThrownBy(() -> RunFiles.startFresh(out)).isInstanceOf(UserError.class).hasMessageContaining("already holds a run");
        assertThat(Files.readString(out.resolve(MetricsSink.FILE_NAME))).isEqualTo("{\"step\":1}\n");
    }

    @Test
    void jsonRoundTripsAndABadFileNamesItself(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        RunFiles.write(file, new Config(3, Double.NaN));
        Config back = RunFiles.read(file, Config.class, "cannot resume");
        assertThat(back.steps()).isEqualTo(3);
        assertThat(back.lr()).isNaN();
        Files.writeString(file, "{\"steps\": }");
        assertThatThrownBy(() -> RunFiles.read(file, Config.class, "cannot resume"))
                .isInstanceOf(UserError.class).hasMessageStartingWith(file + ": cannot resume");
        assertThatThrownBy(() -> RunFiles.read(dir.resolve("missing.json"), Config.class, "cannot resume"))
                .isInstanceOf(UserError.class).hasMessageContaining("missing.json");
    }

    @Test
    void logsAreCutBackToTheCheckpointAndTornLinesDropped(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("metrics.jsonl");
        Files.write(log, List.of("{\"step\":1,\"a\":1}", "{\"step\":2,\"a\":2}", "", "{\"step\":3,\"a\":3}", "{\"step\":4,\"a"));
        RunFiles.truncateAfter(log, 2);
        assertThat(Files.readAllLines(log)).containsExactly("{\"step\":1,\"a\":1}", "{\"step\":2,\"a\":2}");
        RunFiles.truncateAfter(dir.resolve("absent.jsonl"), 2);
        assertThat(dir.resolve("absent.jsonl")).doesNotExist();
    }

    @Test
    void rotationKeepsOnlyTheNewestCheckpoint(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("step-1"));
        Path b = Files.createDirectories(dir.resolve("step-2"));
        Path c = Files.createDirectories(dir.resolve("step-3"));
        RunFiles.Rotation rotation = new RunFiles.Rotation(a);
        rotation.written(b);
        assertThat(a).doesNotExist();
        assertThat(b).exists();
        rotation.written(b);
        assertThat(b).exists();
        rotation.written(c);
        assertThat(b).doesNotExist();
        assertThat(c).exists();
    }

    @Test
    void aConfigFileNamesOnlyWhatItChangesAndBadFieldsAreOneLine(@TempDir Path dir) throws Exception {
        Config defaults = new Config(10, 0.5);
        Path file = Files.writeString(dir.resolve("c.json"), "{\"steps\": 3}");
        assertThat(RunFiles.readConfig(file, Config.class, defaults)).isEqualTo(new Config(3, 0.5));
        Files.writeString(file, "{\"stepz\": 3}");
        assertThatThrownBy(() -> RunFiles.readConfig(file, Config.class, defaults)).isInstanceOf(UserError.class)
                .hasMessage(file + ": unknown field \"stepz\" of Config (known: steps, lr)");
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> RunFiles.readConfig(file, Config.class, defaults)).hasMessage(file + ": expected a JSON object of Config's fields");
        Files.writeString(file, "{\"steps\": \"many\"}");
        assertThatThrownBy(() -> RunFiles.readConfig(file, Config.class, defaults)).isInstanceOf(UserError.class).hasMessageStartingWith(file + ": ");
        assertThatThrownBy(() -> RunFiles.readConfig(dir.resolve("none.json"), Config.class, defaults)).hasMessage(dir.resolve("none.json") + ": not found");
    }
}
