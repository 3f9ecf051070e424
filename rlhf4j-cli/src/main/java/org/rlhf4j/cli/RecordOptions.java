package org.rlhf4j.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.rlhf4j.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Command-line options derived from a configuration record, as TRL's {@code HfArgumentParser}
 * derives them from dataclasses: one {@code --kebab-name} option per component, named after its
 * JSON property, whose help shows the default read from the record's {@code defaults()} instance.
 * Defaults and names live in the record only; a command copies nothing by hand. Values given on
 * the command line replace the corresponding fields of a base record (the defaults, or a
 * {@code --config} file), and the record's constructor validates the result.
 */
final class RecordOptions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordOptions() {}

    /** Adds an option per component of {@code type} to {@code spec}, described with {@code defaults}' values. */
    static void add(CommandSpec spec, Class<? extends Record> type, Record defaults) {
        JsonNode values = JSON.valueToTree(defaults);
        for (RecordComponent c : type.getRecordComponents()) {
            String json = jsonName(c);
            String flag = "--" + json.replace('_', '-');
            if (spec.findOption(flag) != null) continue;   // the command defines this one itself
            boolean bool = c.getType() == boolean.class;
            OptionSpec.Builder o = OptionSpec.builder(flag).type(String.class).userObject(json)
                    .paramLabel(bool ? "true|false" : c.getType().isEnum() || c.getType() == String.class ? "NAME" : "X")
                    .description("(" + type.getSimpleName() + "." + c.getName() + ", default: " + describe(values.get(json)) + ")");
            spec.addOption(o.build());
        }
    }

    /** {@code base} with every matched derived option applied; a bad value is a one-line error naming the option. */
    static <T extends Record> T apply(CommandSpec spec, Class<T> type, T base) {
        ObjectNode tree = JSON.valueToTree(base);
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        String last = null;
        for (OptionSpec o : spec.options()) {
            if (!(o.userObject() instanceof String json) || !tree.has(json) || !parsed.hasMatchedOption(o)) continue;
            String value = o.getValue();
            last = o.longestName() + " " + value;
            JsonNode current = tree.get(json);
            if (current.isNumber()) {
                try {
                    tree.put(json, current.isIntegralNumber() ? (JsonNode) JSON.getNodeFactory().numberNode(Long.parseLong(value))
                            : JSON.getNodeFactory().numberNode(Double.parseDouble(value)));
                } catch (NumberFormatException e) {
                    throw new UserError(o.longestName() + ": expected a number, got '" + value + "'");
                }
            } else if (current.isBoolean()) {
                if (!value.equals("true") && !value.equals("false")) throw new UserError(o.longestName() + ": expected true or false, got '" + value + "'");
                tree.put(json, Boolean.parseBoolean(value));
            } else if (current.isArray()) {
                // a comma-separated list; numbers where the default's elements are numbers, "none" for an empty list
                com.fasterxml.jackson.databind.node.ArrayNode list = JSON.createArrayNode();
                boolean numbers = current.size() > 0 && current.get(0).isNumber();
                if (!value.isBlank() && !value.equals("none")) {
                    for (String item : value.split(",")) {
                        String v = item.trim();
                        if (!numbers) {
                            list.add(v);
                            continue;
                        }
                        try {
                            list.add(Long.parseLong(v));
                        } catch (NumberFormatException e) {
                            throw new UserError(o.longestName() + ": \"" + v + "\" is not a whole number (expected a comma-separated list, e.g. 1,2,4)");
                        }
                    }
                }
                tree.set(json, list);
            } else {
                tree.put(json, value);
            }
        }
        try {
            return JSON.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new UserError((last == null ? "configuration" : "option " + last) + ": " + why);
        }
    }

    private static String describe(JsonNode v) {
        if (!v.isArray()) return v.asText();
        List<String> items = new java.util.ArrayList<>();
        v.forEach(e -> items.add(e.asText()));
        return items.isEmpty() ? "none" : String.join(",", items);
    }

    private static String jsonName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p == null) p = c.getAnnotation(JsonProperty.class);
        return p != null ? p.value() : c.getName();
    }
}
