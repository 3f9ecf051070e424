package org.rlhf4j.server.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Role;

/** How items' prompts, responses and known answers are kept in the database's TEXT columns. */
public final class ItemJson {
    public static final ObjectMapper JSON = new ObjectMapper();

    private ItemJson() {
    }

    public static String prompt(Prompt p) {
        ArrayNode a = JSON.createArrayNode();
        for (Message m : p.messages()) a.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content());
        return a.toString();
    }

    public static Prompt prompt(String json) {
        return promptOf("prompt", read(json));
    }

    /** A prompt given as plain text (one user message) or as a list of {role, content} messages. */
    public static Prompt promptOf(String field, JsonNode n) {
        if (n == null || n.isNull()) throw new IllegalArgumentException(field + " must be set");
        if (n.isTextual()) return Prompt.of(n.textValue());
        if (!n.isArray()) throw new IllegalArgumentException(field + " must be text or a list of {\"role\", \"content\"} messages");
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode m = n.get(i);
            JsonNode role = m.get("role"), content = m.get("content");
            if (!m.isObject() || role == null || !role.isTextual() || content == null || !content.isTextual() || m.size() != 2) {
                throw new IllegalArgumentException(field + "[" + i + "] must be {\"role\": \"user|assistant|system\", \"content\": text}");
            }
            Role r = switch (role.textValue()) {
                case "user" -> Role.USER;
                case "assistant" -> Role.ASSISTANT;
                case "system" -> Role.SYSTEM;
                default -> throw new IllegalArgumentException(field + "[" + i + "].role must be user, assistant or system, got '" + role.textValue() + "'");
            };
            messages.add(new Message(r, content.textValue()));
        }
        return new Prompt(messages);
    }

    public static String responses(List<String> responses) {
        ArrayNode a = JSON.createArrayNode();
        responses.forEach(a::add);
        return a.toString();
    }

    public static List<String> responses(String json) {
        List<String> out = new ArrayList<>();
        read(json).forEach(n -> out.add(n.textValue()));
        return out;
    }

    public static String knownAnswer(KnownAnswer k) {
        if (k == null) return null;
        ObjectNode o = JSON.createObjectNode();
        if (k.choice() != null) o.put("choice", k.choice().name().toLowerCase(Locale.ROOT));
        if (k.stars() != null) o.put("stars", k.stars());
        if (k.best() != null) o.put("best", k.best() + 1);
        return o.toString();
    }

    public static KnownAnswer knownAnswer(String json) {
        return json == null ? null : knownAnswerOf("honeypot", read(json));
    }

    /** {"choice": "a|b|tie|both_bad"}, {"stars": 1..5} or {"best": response number from 1}. */
    public static KnownAnswer knownAnswerOf(String field, JsonNode n) {
        if (!n.isObject() || n.size() != 1) throw new IllegalArgumentException(field + " must be one of {\"choice\": \"a\"}, {\"stars\": 4}, {\"best\": 2}");
        if (n.has("choice")) return new KnownAnswer(choice(field + ".choice", n.get("choice")), null, null);
        if (n.has("stars")) return new KnownAnswer(null, integer(field + ".stars", n.get("stars")), null);
        if (n.has("best")) {
            int best = integer(field + ".best", n.get("best"));
            if (best < 1) throw new IllegalArgumentException(field + ".best must be a response number >= 1, got " + best);
            return new KnownAnswer(null, null, best - 1);
        }
        throw new IllegalArgumentException(field + " must be one of {\"choice\": \"a\"}, {\"stars\": 4}, {\"best\": 2}");
    }

    public static Choice choice(String field, JsonNode n) {
        if (n != null && n.isTextual()) {
            switch (n.textValue().toLowerCase(Locale.ROOT)) {
                case "a": return Choice.A;
                case "b": return Choice.B;
                case "tie": return Choice.TIE;
                case "both_bad": return Choice.BOTH_BAD;
                default: break;
            }
        }
        throw new IllegalArgumentException(field + " must be one of a, b, tie, both_bad");
    }

    public static int integer(String field, JsonNode n) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) throw new IllegalArgumentException(field + " must be an integer");
        return n.intValue();
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
        }
    }
}
