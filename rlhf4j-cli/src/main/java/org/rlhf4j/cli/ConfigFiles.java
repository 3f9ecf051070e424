package org.rlhf4j.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.rlhf4j.core.UserError;

/** Reads a configuration record given with {@code --config}: unknown fields are errors, and every error is one line naming the file. */
final class ConfigFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigFiles() {}

    static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (java.io.FileNotFoundException e) {
            throw new UserError(file + ": not found");
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            // A record's compact constructor names the field and the allowed range; otherwise Jackson's own message without its location dump.
            String what = root instanceof IllegalArgumentException ? root.getMessage()
                    : e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new UserError(file + ": " + what);
        }
    }
}
