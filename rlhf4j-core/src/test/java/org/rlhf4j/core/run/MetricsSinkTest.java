package org.rlhf4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;

class MetricsSinkTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2025-01-31T10:15:30.123Z"), ZoneOffset.UTC);

    @Test
    void writesOneOrderedJsonObjectPerLineFlushedImmediately() throws Exception {
        Path file = dir.resolve("run/metrics.jsonl");
        try (MetricsSink sink = MetricsSink.open(file, clock)) {
            Map<String, Number> values = new LinkedHashMap<>();
            values.put("train/loss", 2.31);
            values.put("objective/kl", 0.5f);
            values.put("rollout/tokens", 128);
            sink.log(12, values);
            // flushed: visible before close
            assertThat(Files.readString(file)).isEqualTo(
                    "{\"step\":12,\"time\":\"2025-01-31T10:15:30.123Z\",\"train/loss\":2.31,\"objective/kl\":0.5,\"rollout/tokens\":128}\n");
        }
    }

    @Test
    void nonFiniteValuesBecomeStringsAndReadBackAsDoubles() throws Exception {
        Path file = dir.resolve(MetricsSink.FILE_NAME);
        try (MetricsSink sink = MetricsSink.open(file, clock)) {
            Map<String, Number> values = new LinkedHashMap<>();
            values.put("a", Double.NaN);
            values.put("b", Float.POSITIVE_INFINITY);
            values.put("c", Double.NEGATIVE_INFINITY);
            sink.log(1, values);
        }
        assertThat(Files.readString(file)).contains("\"a\":\"NaN\",\"b\":\"Infinity\",\"c\":\"-Infinity\"");
        Map<String, Object> record = MetricsSink.read(file).get(0);
        assertThat(record.get("a")).isEqualTo(Double.NaN);
        assertThat(record.get("b")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(record.get("c")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void appendsAcrossReopensAndReadsInOrder() throws Exception {
        Path file = dir.resolve(MetricsSink.FILE_NAME);
        try (MetricsSink sink = MetricsSink.open(file, clock)) {
            sink.log(1, Map.of("loss", 3.0));
        }
        try (MetricsSink sink = MetricsSink.open(file, clock)) {
            sink.log(2, Map.of("loss", 2.5));
        }
        List<Map<String, Object>> records = MetricsSink.read(file);
        assertThat(records).extracting(r -> r.get("step")).containsExactly(1, 2);
        assertThat(records).extracting(r -> r.get("loss")).containsExactly(3.0, 2.5);
        assertThat(records.get(0).keySet()).containsExactly("step", "time", "loss");
    }

    @Test
    void reopeningDropsARecordTornByACrash() throws Exception {
        Path file = dir.resolve(MetricsSink.FILE_NAME);
        Files.writeString(file, "{\"step\":1,\"time\":\"t\",\"loss\":3.0}\n{\"step\":2,\"ti");
        try (MetricsSink sink = MetricsSink.open(file, clock)) {
            sink.log(2, Map.of("loss", 2.5));
        }
        assertThat(MetricsSink.read(file)).extracting(r -> r.get("step")).containsExactly(1, 2);
    }

    @Test
    void refusesToTruncateAFileThatIsNotMetrics() throws Exception {
        Path file = dir.resolve("config.json");
        String pretty = "{\n  \"lr\": 0.001\n}";
        Files.writeString(file, pretty);
        assertThatThrownBy(() -> MetricsSink.open(file, clock)).isInstanceOf(UserError.class)
                .hasMessageContaining(file + ": its last line is not a metrics record");
        assertThat(Files.readString(file)).isEqualTo(pretty);
    }

    @Test
    void readNamesTheBadLine() throws Exception {
        Path file = dir.resolve(MetricsSink.FILE_NAME);
        Files.write(file, "{\"step\":1}\n\n[oops\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> MetricsSink.read(file)).isInstanceOf(UserError.class)
                .hasMessageStartingWith(file + ":3: not a JSON object");
    }

    @Test
    void rejectsReservedOrEmptyNames() throws Exception {
        try (MetricsSink sink = MetricsSink.open(dir.resolve(MetricsSink.FILE_NAME), clock)) {
            assertThatThrownBy(() -> sink.log(1, Map.of("step", 1))).hasMessageContaining("not \"step\" or \"time\"");
            assertThatThrownBy(() -> sink.log(1, Map.of("", 1))).hasMessageContaining("non-empty");
        }
    }
}
