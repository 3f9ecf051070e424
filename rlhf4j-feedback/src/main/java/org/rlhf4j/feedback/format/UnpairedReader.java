package org.rlhf4j.feedback.format;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.rlhf4j.feedback.Attribution;

/** Imports TRL unpaired preference data, plain or conversational, as {@link UnpairedExample}s. */
public final class UnpairedReader {
    private UnpairedReader() {
    }

    public static ImportResult<UnpairedExample> read(Path file) {
        return read(file, JsonLinesFile.defaultSource(file));
    }

    public static ImportResult<UnpairedExample> read(Path file, String source) {
        return JsonLinesFile.read(file, source, UnpairedReader::convert);
    }

    private static void convert(JsonLine line, Consumer<UnpairedExample> out) {
        out.accept(new UnpairedExample(line.id(), ChatJson.readPrompt(line, "prompt"), ChatJson.readReply(line, "completion"),
                line.bool("label"), Attribution.source(line.source())));
    }
}
