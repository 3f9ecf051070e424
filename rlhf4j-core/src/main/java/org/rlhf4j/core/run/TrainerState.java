package org.rlhf4j.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.rlhf4j.core.UserError;

/**
 * A trainer's counters in a checkpoint, as versioned JSON beside the optimizer's archive: every
 * trainer writes and reads its own state record through here, so the messages a user sees when a
 * checkpoint is unreadable or from another version are the same everywhere.
 */
public final class TrainerState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainerState() {}

    /** A state record that names its format version. */
    public interface Versioned {
        int formatVersion();
    }

    public static void write(Path file, Versioned state) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), state);
    }

    /** Reads {@code file}, refusing any version but {@code expectedVersion} with a one-line error naming the file. */
    public static <T extends Versioned> T read(Path file, Class<T> type, int expectedVersion) {
        T state;
        try {
            state = JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UserError(file + ": cannot resume from it: " + e.getMessage(), e);
        }
        if (state.formatVersion() != expectedVersion) {
            throw new UserError(file + ": format_version " + state.formatVersion() + " is not supported (expected " + expectedVersion + ")");
        }
        return state;
    }
}
