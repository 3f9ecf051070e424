package org.rlhf4j.feedback.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Prompt;

/**
 * Imports instruction data as {@link Demonstration}s: Alpaca lines
 * ({@code {"instruction","input","output"}}) and Self-Instruct seed tasks
 * ({@code {"id","name","instruction","instances":[{"input","output"}]}}, one demonstration per
 * instance, ids {@code source:line#instance}). The prompt is the instruction, followed by a blank
 * line and the input when the input is not empty, as Alpaca's own template separates them.
 */
public final class AlpacaReader {
    private AlpacaReader() {
    }

    public static ImportResult<Demonstration> read(Path file) {
        return read(file, JsonLinesFile.defaultSource(file));
    }

    public static ImportResult<Demonstration> read(Path file, String source) {
        return JsonLinesFile.read(file, source, AlpacaReader::convert);
    }

    public static ImportResult<Demonstration> readSeedTasks(Path file) {
        return readSeedTasks(file, JsonLinesFile.defaultSource(file));
    }

    public static ImportResult<Demonstration> readSeedTasks(Path file, String source) {
        return JsonLinesFile.read(file, source, AlpacaReader::convertSeedTask);
    }

    private static void convert(JsonLine line, Consumer<Demonstration> out) {
        String input = optionalText(line.object().get("input"), "input");
        Prompt prompt = prompt(line.text("instruction"), input);
        out.accept(new Demonstration(line.id(), prompt, line.text("output"), Attribution.source(line.source())));
    }

    private static void convertSeedTask(JsonLine line, Consumer<Demonstration> out) {
        String instruction = line.text("instruction");
        JsonNode instances = line.require("instances");
        if (!instances.isArray() || instances.isEmpty()) throw new BadField("instances", "must be a non-empty list of {\"input\",\"output\"}");
        // all of a task's instances or none, so a bad instance cannot leave half a task imported
        java.util.List<Demonstration> task = new java.util.ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            JsonNode instance = instances.get(i);
            String field = "instances[" + i + "]";
            if (!instance.isObject()) throw new BadField(field, "must be an {\"input\",\"output\"} object, got " + JsonLine.kind(instance));
            String input = optionalText(instance.get("input"), field + ".input");
            JsonNode output = instance.get("output");
            if (output == null) throw new BadField(field + ".output", "is missing");
            String response = JsonLine.nonEmptyText(field + ".output", output);
            task.add(new Demonstration(line.id() + "#" + i, prompt(instruction, input), response, Attribution.source(line.source())));
        }
        task.forEach(out);
    }

    private static Prompt prompt(String instruction, String input) {
        return Prompt.of(input.isEmpty() ? instruction : instruction + "\n\n" + input);
    }

    /** An input that may be absent or empty. */
    private static String optionalText(JsonNode v, String field) {
        if (v == null || v.isNull()) return "";
        if (!v.isTextual()) throw new BadField(field, "must be a string, got " + JsonLine.kind(v));
        return v.textValue();
    }
}
