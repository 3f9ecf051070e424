package org.rlhf4j.feedback.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;
import org.rlhf4j.feedback.Role;

/**
 * One feedback record as one line of JSON (schema {@value #SCHEMA}):
 * <pre>
 * {"schema":1,"type":"comparison","id":"c1","prompt":[{"role":"user","content":"Hi"}],
 *  "response_a":"...","response_b":"...","choice":"a","strength":2.0,
 *  "annotator":"ann-3","time":"2024-05-01T12:00:00Z","source":"web","metadata":{"batch":"7"}}
 * </pre>
 * Per type: comparison {@code response_a, response_b, choice (a|b|tie|both_bad), strength?};
 * rating {@code response, stars, criteria?}; ranking {@code responses, ranks}; critique
 * {@code response, critique, corrected_response?}; demonstration {@code response}. Attribution
 * fields are left out when unknown. Reading is strict: an unknown field is an error rather than
 * data silently dropped (a misspelt {@code corrected_respons} would otherwise vanish).
 */
public final class FeedbackCodec {
    /** The schema version this code writes and the newest it reads. */
    public static final int SCHEMA = 1;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final List<String> COMMON = List.of("schema", "type", "id", "prompt", "annotator", "time", "source", "metadata");
    private static final Map<String, List<String>> OWN_FIELDS = ownFields();

    private FeedbackCodec() {
    }

    private static Map<String, List<String>> ownFields() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("comparison", List.of("response_a", "response_b", "choice", "strength"));
        m.put("rating", List.of("response", "stars", "criteria"));
        m.put("ranking", List.of("responses", "ranks"));
        m.put("critique", List.of("response", "critique", "corrected_response"));
        m.put("demonstration", List.of("response"));
        return m;
    }

    // ---------------------------------------------------------------- encode

    /** The record as one line of JSON, without a line break (text line breaks are escaped). */
    public static String encode(Feedback feedback) {
        ObjectNode out = JSON.createObjectNode();
        out.put("schema", SCHEMA);
        out.put("type", type(feedback));
        out.put("id", feedback.id());
        out.set("prompt", promptNode(feedback.prompt()));
        putOwnFields(out, feedback);
        putAttribution(out, feedback.attribution());
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write feedback " + feedback.id() + " as JSON", e);
        }
    }

    private static String type(Feedback f) {
        if (f instanceof Comparison) return "comparison";
        if (f instanceof Rating) return "rating";
        if (f instanceof Ranking) return "ranking";
        if (f instanceof Critique) return "critique";
        return "demonstration";
    }

    private static ArrayNode promptNode(Prompt prompt) {
        ArrayNode messages = JSON.createArrayNode();
        for (Message m : prompt.messages()) {
            messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content());
        }
        return messages;
    }

    private static void putOwnFields(ObjectNode out, Feedback f) {
        if (f instanceof Comparison c) {
            out.put("response_a", c.responseA()).put("response_b", c.responseB());
            out.put("choice", c.choice().name().toLowerCase(Locale.ROOT));
            if (c.strength() != null) out.put("strength", c.strength());
        } else if (f instanceof Rating r) {
            out.put("response", r.response()).put("stars", r.stars());
            if (!r.criteria().isEmpty()) new TreeMap<>(r.criteria()).forEach(out.putObject("criteria")::put);
        } else if (f instanceof Ranking r) {
            r.responses().forEach(out.putArray("responses")::add);
            r.ranks().forEach(out.putArray("ranks")::add);
        } else if (f instanceof Critique c) {
            out.put("response", c.response()).put("critique", c.critique());
            if (c.correctedResponse() != null) out.put("corrected_response", c.correctedResponse());
        } else if (f instanceof Demonstration d) {
            out.put("response", d.response());
        }
    }

    private static void putAttribution(ObjectNode out, Attribution a) {
        if (a.annotator() != null) out.put("annotator", a.annotator());
        if (a.time() != null) out.put("time", a.time().toString());
        if (a.source() != null) out.put("source", a.source());
        // Sorted so that the same record always encodes to the same line.
        if (!a.metadata().isEmpty()) new TreeMap<>(a.metadata()).forEach(out.putObject("metadata")::put);
    }

    // ---------------------------------------------------------------- decode

    /** Reads one line; a line that is not a valid record is a {@link FeedbackFormatException} naming the field. */
    public static Feedback decode(String line) {
        JsonNode root = parse(line);
        if (!root.isObject()) throw new FeedbackFormatException(null, "expected a JSON object {...}, got " + describe(root));
        Fields in = new Fields(root, "");
        checkSchema(in);
        String type = in.text("type");
        List<String> own = OWN_FIELDS.get(type);
        if (own == null) throw FeedbackFormatException.about("type", "unknown type \"" + type + "\" (known: " + String.join(", ", OWN_FIELDS.keySet()) + ")");
        Feedback feedback = build(type, in);
        in.rejectOthers(type, own);
        return feedback;
    }

    /** True when the text is one complete JSON value, whatever it holds. */
    static boolean isJson(String text) {
        try {
            parse(text);
            return true;
        } catch (FeedbackFormatException e) {
            return false;
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode root = JSON.readTree(line);
            if (root == null || root.isMissingNode()) throw FeedbackFormatException.notJson("empty line", null);
            return root;
        } catch (JsonProcessingException e) {
            throw FeedbackFormatException.notJson(e.getOriginalMessage(), e);
        }
    }

    private static void checkSchema(Fields in) {
        JsonNode v = in.required("schema");
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw new FeedbackFormatException("schema", "must be a positive integer, got " + describe(v));
        }
        if (v.intValue() > SCHEMA) {
            throw FeedbackFormatException.about("schema", "schema " + v.intValue() + " is newer than this rlhf4j reads (" + SCHEMA + "); upgrade rlhf4j to read this file");
        }
    }

    private static Feedback build(String type, Fields in) {
        String id = in.text("id");
        Prompt prompt = prompt(in);
        Attribution attribution = attribution(in);
        try {
            return switch (type) {
                case "comparison" -> new Comparison(id, prompt, in.text("response_a"), in.text("response_b"), choice(in), in.optionalNumber("strength"), attribution);
                case "rating" -> new Rating(id, prompt, in.text("response"), in.stars("stars"), criteria(in), attribution);
                case "ranking" -> new Ranking(id, prompt, in.texts("responses"), in.integers("ranks"), attribution);
                case "critique" -> new Critique(id, prompt, in.text("response"), in.text("critique"), in.optionalText("corrected_response"), attribution);
                default -> new Demonstration(id, prompt, in.text("response"), attribution);
            };
        } catch (IllegalArgumentException e) {
            throw fromRecord(e, type);
        }
    }

    /**
     * Records name their fields in Java spelling at the start of the message ("ranks [1, 2, 2]
     * are not ..."); map that to the file's spelling so the problem points at the right field.
     */
    private static FeedbackFormatException fromRecord(IllegalArgumentException e, String type) {
        String message = e.getMessage() == null ? "invalid " + type : e.getMessage();
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        String field = first.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        if (!COMMON.contains(field) && !OWN_FIELDS.getOrDefault(type, List.of()).contains(field)) {
            return new FeedbackFormatException(null, "not a valid " + type + ": " + message);
        }
        String rest = message.substring(space + 1);
        return new FeedbackFormatException(field, rest.startsWith("must") ? rest : "is invalid: " + message);
    }

    private static Prompt prompt(Fields in) {
        JsonNode v = in.required("prompt");
        if (!v.isArray() || v.isEmpty()) {
            throw new FeedbackFormatException("prompt", "must be a non-empty array of {\"role\": ..., \"content\": ...} messages, got " + describe(v));
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) messages.add(message(v.get(i), "prompt[" + i + "]"));
        try {
            return new Prompt(messages);
        } catch (IllegalArgumentException e) {
            throw fromRecord(e, "prompt");
        }
    }

    private static Message message(JsonNode node, String path) {
        if (!node.isObject()) throw new FeedbackFormatException(path, "must be an object {\"role\": ..., \"content\": ...}, got " + describe(node));
        Fields m = new Fields(node, path + ".");
        String roleName = m.text("role");
        Role role;
        try {
            role = Role.valueOf(roleName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FeedbackFormatException(path + ".role", "must be one of \"system\", \"user\", \"assistant\", got \"" + roleName + "\"");
        }
        JsonNode content = m.required("content");
        if (!content.isTextual()) throw new FeedbackFormatException(path + ".content", "must be a string, got " + describe(content));
        m.rejectOthers("message", List.of());
        try {
            return new Message(role, content.textValue());
        } catch (IllegalArgumentException e) {
            throw new FeedbackFormatException(path + ".content", "is invalid: " + e.getMessage());
        }
    }

    private static Choice choice(Fields in) {
        String name = in.text("choice");
        for (Choice c : Choice.values()) {
            if (c.name().equalsIgnoreCase(name)) return c;
        }
        throw new FeedbackFormatException("choice", "must be one of \"a\", \"b\", \"tie\", \"both_bad\", got \"" + name + "\"");
    }

    private static Map<String, Integer> criteria(Fields in) {
        JsonNode v = in.optional("criteria");
        if (v == null) return Map.of();
        if (!v.isObject()) throw new FeedbackFormatException("criteria", "must be an object of name: stars (1..5), got " + describe(v));
        Fields c = new Fields(v, "criteria.");
        Map<String, Integer> criteria = new LinkedHashMap<>();
        for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            criteria.put(name, c.stars(name));
        }
        return criteria;
    }

    private static Attribution attribution(Fields in) {
        String annotator = in.optionalText("annotator");
        String source = in.optionalText("source");
        Instant time = time(in);
        Map<String, String> metadata = metadata(in);
        try {
            return new Attribution(annotator, time, source, metadata);
        } catch (IllegalArgumentException e) {
            throw fromRecord(e, "attribution");
        }
    }

    private static Instant time(Fields in) {
        String text = in.optionalText("time");
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new FeedbackFormatException("time", "must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, got \"" + text + "\"");
            }
        }
    }

    private static Map<String, String> metadata(Fields in) {
        JsonNode v = in.optional("metadata");
        if (v == null) return Map.of();
        if (!v.isObject()) throw new FeedbackFormatException("metadata", "must be an object of string values, got " + describe(v));
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) throw new FeedbackFormatException("metadata." + e.getKey(), "must be a string, got " + describe(e.getValue()));
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    /** A short rendering of a value for "got ..." in messages. */
    static String describe(JsonNode v) {
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        String text = v.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** The fields of one JSON object, read with type checks that name the field; remembers which were read. */
    private static final class Fields {
        private final JsonNode node;
        private final String path;
        private final Set<String> read = new HashSet<>();

        Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        JsonNode optional(String name) {
            read.add(name);
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : v;
        }

        JsonNode required(String name) {
            JsonNode v = optional(name);
            if (v == null) throw FeedbackFormatException.missing(path + name);
            return v;
        }

        String text(String name) {
            return nonEmpty(name, required(name));
        }

        String optionalText(String name) {
            JsonNode v = optional(name);
            return v == null ? null : nonEmpty(name, v);
        }

        private String nonEmpty(String name, JsonNode v) {
            if (!v.isTextual() || v.textValue().isBlank()) throw new FeedbackFormatException(path + name, "must be a non-empty string, got " + describe(v));
            return v.textValue();
        }

        Double optionalNumber(String name) {
            JsonNode v = optional(name);
            if (v == null) return null;
            if (!v.isNumber()) throw new FeedbackFormatException(path + name, "must be a number, got " + describe(v));
            return v.doubleValue();
        }

        int stars(String name) {
            JsonNode v = required(name);
            boolean ok = v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= Rating.MIN_STARS && v.intValue() <= Rating.MAX_STARS;
            if (!ok) throw new FeedbackFormatException(path + name, "must be an integer " + Rating.MIN_STARS + ".." + Rating.MAX_STARS + ", got " + describe(v));
            return v.intValue();
        }

        List<String> texts(String name) {
            JsonNode v = array(name);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!e.isTextual() || e.textValue().isEmpty()) throw new FeedbackFormatException(path + name + "[" + i + "]", "must be a non-empty string, got " + describe(e));
                out.add(e.textValue());
            }
            return out;
        }

        List<Integer> integers(String name) {
            JsonNode v = array(name);
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!e.isIntegralNumber() || !e.canConvertToInt()) throw new FeedbackFormatException(path + name + "[" + i + "]", "must be an integer, got " + describe(e));
                out.add(e.intValue());
            }
            return out;
        }

        private JsonNode array(String name) {
            JsonNode v = required(name);
            if (!v.isArray()) throw new FeedbackFormatException(path + name, "must be an array, got " + describe(v));
            return v;
        }

        void rejectOthers(String what, List<String> own) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (read.contains(name)) continue;
                List<String> known = new ArrayList<>(path.isEmpty() ? COMMON : List.of("role", "content"));
                known.addAll(own);
                throw new FeedbackFormatException(path + name, "is not a field of a " + what + " (fields: " + String.join(", ", known) + ")");
            }
        }
    }
}
