package org.rlhf4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rlhf4j.core.UserError;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import picocli.CommandLine.Command;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate policies.")
final class EvalCommand {
    /** A checkpoint folder, or a run folder holding model/; a one-line error naming {@code flag} otherwise. */
    static Path modelDir(Path dir, String flag) {
        if (Files.isRegularFile(dir.resolve("model").resolve(Checkpoint.CONFIG))) return dir.resolve("model");
        if (!Files.isDirectory(dir)) throw new UserError(flag + " " + dir + ": no such folder");
        if (!Files.isRegularFile(dir.resolve(Checkpoint.CONFIG))) throw new UserError(flag + " " + dir + ": not a checkpoint folder (no " + Checkpoint.CONFIG + ", and no model/ inside)");
        return dir;
    }
}
