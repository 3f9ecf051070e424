package org.rlhf4j.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rlhf4j.core.UserError;

/**
 * Appends one JSON object per line to a run's {@code metrics.jsonl}:
 * <pre>{"step":12,"time":"2025-01-31T10:15:30.123Z","train/loss":2.31,"objective/kl":0.02}</pre>
 * Keys keep the order of the map given to {@link #log}; each record is flushed as it is written,
 * so a killed run loses at most the record being written. {@link #open} drops such a torn last
 * line, so appending after a crash never glues two records together.
 *
 * <p>JSON has no NaN or infinity: non-finite values are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} (the spelling of {@link Double#toString}, which
 * pandas and Jackson also read), and {@link #read} turns them back into doubles.
 */
public final class MetricsSink implements AutoCloseable {

    public static final String FILE_NAME = "metrics.jsonl";
    public static final String STEP = "step";
    public static final String TIME = "time";

    /** The longest unterminated last line {@link #open} will drop as a torn record. */
    static final int MAX_TORN_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final BufferedWriter out;

    private MetricsSink(Path file, Clock clock, BufferedWriter out) {
        this.file = file;
        this.clock = clock;
        this.out = out;
    }

    /** Opens {@code file} for appending (creating it and its directory), times from the UTC clock. */
    public static MetricsSink open(Path file) throws IOException {
        return open(file, Clock.systemUTC());
    }

    public static MetricsSink open(Path file, Clock clock) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        dropTornLastLine(file);
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new MetricsSink(file, Objects.requireNonNull(clock, "clock"), out);
    }

    /**
     * Writes one record: {@code step}, the current time, then {@code values} in their iteration
     * order. Throws {@link UncheckedIOException} when the write fails.
     */
    public synchronized void log(long step, Map<String, ? extends Number> values) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(STEP, step);
        record.put(TIME, clock.instant().toString());
        values.forEach((key, value) -> record.put(checkKey(key), encode(key, value)));
        try {
            out.write(JSON.writeValueAsString(record));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append metrics to " + file, e);
        }
    }

    private static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.equals(STEP) || key.equals(TIME)) {
            throw new IllegalArgumentException("metric name must be non-empty and not \"step\" or \"time\", got " + key);
        }
        return key;
    }

    private static Object encode(String key, Number value) {
        Objects.requireNonNull(value, () -> "value of metric " + key);
        double asDouble = value.doubleValue();
        boolean floating = value instanceof Double || value instanceof Float;
        return floating && !Double.isFinite(asDouble) ? Double.toString(asDouble) : value;
    }

    /**
     * Reads all records of a metrics file, in order, each as an ordered map; the strings "NaN",
     * "Infinity" and "-Infinity" become doubles again. Throws {@link UserError} naming the line if
     * one is not a JSON object.
     */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                records.add(decode(parse(file, i + 1, lines.get(i))));
            }
        }
        return records;
    }

    private static Map<String, Object> parse(Path file, int lineNumber, String line) {
        try {
            return JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new UserError(file + ":" + lineNumber + ": not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> decode(Map<String, Object> record) {
        record.replaceAll((key, value) -> !key.equals(TIME) && isNonFiniteText(value) ? Double.valueOf((String) value) : value);
        return record;
    }

    private static boolean isNonFiniteText(Object value) {
        return "NaN".equals(value) || "Infinity".equals(value) || "-Infinity".equals(value);
    }

    /**
     * Truncates {@code file} after its last newline, dropping a record that a crash left
     * half-written. A tail that cannot be a torn record (not starting with '{', or longer than
     * {@link #MAX_TORN_BYTES}) means this is the wrong file: refused, never truncated.
     */
    private static void dropTornLastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, MAX_TORN_BYTES));
            long tailStart = size - tail.capacity();
            while (tail.hasRemaining() && channel.read(tail, tailStart + tail.position()) > 0) {
                continue;
            }
            int torn = tail.capacity(); // index in tail where the unterminated last line starts
            while (torn > 0 && tail.get(torn - 1) != '\n') {
                torn--;
            }
            if (torn == tail.capacity()) {
                return;
            }
            boolean wholeTailTorn = torn == 0 && tailStart > 0;
            if (wholeTailTorn || tail.get(torn) != '{') {
                throw new UserError(file + ": its last line is not a metrics record; is this a metrics JSONL file?");
            }
            channel.truncate(tailStart + torn);
        }
    }

    public Path path() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
