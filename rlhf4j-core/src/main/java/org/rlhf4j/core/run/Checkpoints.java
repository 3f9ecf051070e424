package org.rlhf4j.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Where a run's periodic checkpoints live, {@code out/checkpoints/step-N/}, and which one a resume
 * starts from: the newest that holds the trainer's state file, after {@link AtomicDirectory#recover}
 * has finished or rolled back any rename a kill interrupted. Every trainer's resume goes through here.
 */
public final class Checkpoints {
    public static final String DIRECTORY = "checkpoints";

    private Checkpoints() {}

    /** The newest complete checkpoint under {@code out/checkpoints} (one with {@code stateFile}), or null. */
    public static Path latest(Path out, String stateFile) throws IOException {
        Path dir = out.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) return null;
        try (var list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith("step-")).toList()) AtomicDirectory.recover(p);
        }
        try (var list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().matches("step-\\d+") && Files.isRegularFile(p.resolve(stateFile)))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }
}
