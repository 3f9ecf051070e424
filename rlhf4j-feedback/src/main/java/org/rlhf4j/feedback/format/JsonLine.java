package org.rlhf4j.feedback.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed line handed to a format's converter, with typed field access that turns a missing or
 * mistyped field into a {@link BadField} naming it.
 */
final class JsonLine {
    private final Path file;
    private final long number;
    private final String source;
    private final ObjectNode object;
    private final List<ImportNote> notes;

    JsonLine(Path file, long number, String source, ObjectNode object, List<ImportNote> notes) {
        this.file = file;
        this.number = number;
        this.source = source;
        this.object = object;
        this.notes = notes;
    }

    ObjectNode object() {
        return object;
    }

    String source() {
        return source;
    }

    /** Stable across runs: the same file gives the same ids, e.g. {@code hh-rlhf/helpful-online:17}. */
    String id() {
        return source + ":" + number;
    }

    void note(String kind, String message) {
        notes.add(new ImportNote(file, number, kind, message));
    }

    boolean has(String field) {
        JsonNode v = object.get(field);
        return v != null && !v.isNull();
    }

    JsonNode require(String field) {
        if (!has(field)) throw new BadField(field, "is missing");
        return object.get(field);
    }

    /** A non-empty string field. */
    String text(String field) {
        return nonEmptyText(field, require(field));
    }

    boolean bool(String field) {
        JsonNode v = require(field);
        if (!v.isBoolean()) throw new BadField(field, "must be true or false, got " + kind(v));
        return v.booleanValue();
    }

    static String nonEmptyText(String field, JsonNode v) {
        if (!v.isTextual()) throw new BadField(field, "must be a string, got " + kind(v));
        if (v.textValue().isEmpty()) throw new BadField(field, "must not be empty");
        return v.textValue();
    }

    /** How a JSON value is described in messages: "a number", "an array", ... */
    static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }

    static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
