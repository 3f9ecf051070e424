package org.rlhf4j.feedback.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.rlhf4j.core.UserError;

/**
 * Writes JSON objects one per line to {@code .jsonl} or {@code .jsonl.gz}. Writes a temporary
 * file beside the target and moves it into place, so a failed export never leaves half a file.
 */
final class JsonLinesOutput {
    private JsonLinesOutput() {
    }

    static void write(Path file, List<ObjectNode> objects) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                writeTo(tmp, file.getFileName().toString().endsWith(".gz"), objects);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeTo(Path tmp, boolean gzip, List<ObjectNode> objects) throws IOException {
        OutputStream raw = Files.newOutputStream(tmp);
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(gzip ? new GZIPOutputStream(raw) : raw, StandardCharsets.UTF_8))) {
            for (ObjectNode o : objects) {
                out.write(line(o));
                out.write('\n');
            }
        }
    }

    private static String line(ObjectNode o) {
        try {
            return JsonLinesFile.JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }
}
