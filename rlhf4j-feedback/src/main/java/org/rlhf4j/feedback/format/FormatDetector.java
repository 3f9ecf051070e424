package org.rlhf4j.feedback.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.rlhf4j.core.UserError;

/** Guesses a file's format from the keys of its first line that holds a JSON object. */
public final class FormatDetector {
    private FormatDetector() {
    }

    public static FeedbackFormat detect(Path file) {
        ObjectNode first = firstObject(file);
        if (first == null) throw new UserError(file + " has no line holding a JSON object; " + known());
        FeedbackFormat format = detect(first);
        if (format == null) {
            throw new UserError(file + ": cannot tell the format from the keys " + JsonLine.fieldNames(first) + " of its first object; " + known());
        }
        return format;
    }

    /** The format an object's keys identify, or null. */
    static FeedbackFormat detect(ObjectNode o) {
        if (o.has("prompt") && o.has("chosen") && o.has("rejected")) return FeedbackFormat.TRL_PREFERENCE;
        if (o.has("chosen") && o.has("rejected")) {
            JsonNode chosen = o.get("chosen");
            return chosen.isTextual() && chosen.textValue().startsWith(HhRlhfTranscript.HUMAN) ? FeedbackFormat.HH_RLHF : FeedbackFormat.TRL_IMPLICIT_PREFERENCE;
        }
        if (o.has("prompt") && o.has("completion") && o.has("label")) return FeedbackFormat.TRL_UNPAIRED;
        if (o.has("instruction") && o.has("instances")) return FeedbackFormat.SELF_INSTRUCT_SEED;
        if (o.has("instruction") && o.has("output")) return FeedbackFormat.ALPACA;
        return null;
    }

    private static ObjectNode firstObject(Path file) {
        List<ObjectNode> found = new ArrayList<>(1);
        // reads the whole file; detection runs once per import, and a stop signal would need a throw
        JsonLinesFile.forEachObject(file, new ArrayList<>(), (line, object) -> {
            if (found.isEmpty()) found.add(object);
        });
        return found.isEmpty() ? null : found.get(0);
    }

    private static String known() {
        return "known formats: " + Arrays.stream(FeedbackFormat.values()).map(FeedbackFormat::description).collect(Collectors.joining("; "));
    }
}
