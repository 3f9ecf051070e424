package org.rlhf4j.feedback.format;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared third-party data ({@code shared/data}) in place, walking up from the working
 * directory. A missing folder fails the test: a test that passes without its data checks nothing.
 */
final class SharedData {
    private static final Path FALLBACK = Path.of("/work/shared/data");

    private SharedData() {
    }

    static Path dir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("README.md"))) return candidate;
        }
        if (Files.isRegularFile(FALLBACK.resolve("README.md"))) return FALLBACK;
        throw new AssertionError("shared/data not found above " + Path.of("").toAbsolutePath() + " nor at " + FALLBACK + "; these tests need the public data sets described in shared/data/README.md");
    }

    static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) throw new AssertionError("missing data file " + file);
        return file;
    }
}
