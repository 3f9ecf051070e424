package org.rlhf4j.core.run;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.core.UserError;

/**
 * The file habits every managed run shares: a run directory is started once (a second start into
 * it is a user error, resume is the way on); its JSON files (config, start record, evaluations)
 * are written indented and read back with a one-line error naming the file; JSONL logs written
 * after the checkpoint a resume starts from are cut back to it; and only the newest periodic
 * checkpoint is kept ({@link Rotation}).
 */
public final class RunFiles {
    /** Indented JSON; NaN (an evaluation without a gold score) is written and read as Jackson's token. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RunFiles() {}

    /** Creates {@code out}, refusing one that already holds a run's metrics. */
    public static void startFresh(Path out) throws IOException {
        if (Files.exists(out.resolve(MetricsSink.FILE_NAME))) {
            throw new UserError(out + ": already holds a run (metrics.jsonl); choose a new --out or continue it with --resume");
        }
        Files.createDirectories(out);
    }

    public static void write(Path file, Object value) throws IOException {
        JSON.writeValue(file.toFile(), value);
    }

    /** Reads {@code file} as {@code type}; a missing or malformed file is a {@link UserError} naming it and {@code what} could not be done. */
    public static <T> T read(Path file, Class<T> type, String what) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UserError(file + ": " + what + ": " + e.getMessage(), e);
        }
    }

    /** Drops lines of a JSONL file whose {@code step} is beyond {@code step} (what a killed run logged after its last checkpoint), and torn lines. */
    public static void truncateAfter(Path file, long step) throws IOException {
        if (!Files.isRegularFile(file)) return;
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            try {
                if (JSON.readTree(line).path(MetricsSink.STEP).asLong() <= step) kept.add(line);
            } catch (IOException torn) {
                // a line cut by the kill: dropped
            }
        }
        Files.write(file, kept);
    }

    /** Keeps only the newest periodic checkpoint: each new one replaces the one before, once it is complete. */
    public static final class Rotation {
        private Path previous;

        /** Starts from the checkpoint a resume restored (or null). */
        public Rotation(Path current) {
            this.previous = current;
        }

        /** {@code written} is complete: the checkpoint before it goes. */
        public void written(Path written) throws IOException {
            if (previous != null && !previous.equals(written)) AtomicDirectory.deleteTree(previous);
            previous = written;
        }
    }
}
