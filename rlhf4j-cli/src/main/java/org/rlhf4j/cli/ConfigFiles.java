package org.rlhf4j.cli;

import java.nio.file.Path;
import org.rlhf4j.core.run.RunFiles;

/** Reads a configuration record given with {@code --config}: unknown fields are errors, and every error is one line naming the file ({@link RunFiles#readConfig}). */
final class ConfigFiles {
    private ConfigFiles() {}

    static <T> T read(Path file, Class<T> type) {
        return RunFiles.readConfig(file, type);
    }
}
