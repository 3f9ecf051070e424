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

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RunFiles() {}

    /**
     * Reads a configuration record a user wrote ({@code --config}): unknown fields are errors, and
     * every error is one line naming the file and, where a record's constructor refused a value,
     * the field and its allowed range.
     */
    public static <T> T readConfig(Path file, Class<T> type) {
        try {
            return STRICT.readValue(file.toFile(), type);
        } catch (java.io.FileNotFoundException e) {
            throw new UserError(file + ": not found");
        } catch (IOException e) {
            throw new UserError(file + ": " + why(e));
        }
    }

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

    /**
     * Reads a configuration a user wrote over {@code defaults}: the file names only the fields it
     * changes (as a TRL config does); a field the record does not have is a one-line error listing
     * the known ones.
     */
    public static <T> T readConfig(Path file, Class<T> type, T defaults) {
        com.fasterxml.jackson.databind.JsonNode given;
        try {
            given = STRICT.readTree(file.toFile());
        } catch (java.io.FileNotFoundException e) {
            throw new UserError(file + ": not found");
        } catch (IOException e) {
            throw new UserError(file + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (given == null || !given.isObject()) throw new UserError(file + ": expected a JSON object of " + type.getSimpleName() + "'s fields");
        com.fasterxml.jackson.databind.node.ObjectNode tree = STRICT.valueToTree(defaults);
        var names = given.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!tree.has(name)) {
                List<String> known = new ArrayList<>();
                tree.fieldNames().forEachRemaining(known::add);
                throw new UserError(file + ": unknown field \"" + name + "\" of " + type.getSimpleName() + " (known: " + String.join(", ", known) + ")");
            }
            tree.set(name, given.get(name));
        }
        try {
            return STRICT.treeToValue(tree, type);
        } catch (IOException e) {
            throw new UserError(file + ": " + why(e));
        }
    }

    /** A record constructor's refusal (it names the field and range), else Jackson's message without its location dump. */
    private static String why(IOException e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return root instanceof IllegalArgumentException ? root.getMessage()
                : e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
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
