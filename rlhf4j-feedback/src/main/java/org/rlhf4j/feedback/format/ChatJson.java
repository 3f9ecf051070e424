package org.rlhf4j.feedback.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Role;

/** The conversational form shared by TRL's data sets: a list of {@code {"role","content"}} objects. */
final class ChatJson {
    private ChatJson() {
    }

    static List<Message> messages(String field, JsonNode list) {
        if (!list.isArray()) throw new BadField(field, "must be a string or a list of {\"role\",\"content\"} messages, got " + JsonLine.kind(list));
        if (list.isEmpty()) throw new BadField(field, "must not be an empty list");
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) messages.add(message(field + "[" + i + "]", list.get(i)));
        return messages;
    }

    private static Message message(String field, JsonNode m) {
        if (!m.isObject()) throw new BadField(field, "must be a {\"role\",\"content\"} object, got " + JsonLine.kind(m));
        JsonNode role = m.get("role"), content = m.get("content");
        if (role == null || !role.isTextual()) throw new BadField(field + ".role", role == null ? "is missing" : "must be a string, got " + JsonLine.kind(role));
        if (content == null || !content.isTextual()) throw new BadField(field + ".content", content == null ? "is missing" : "must be a string, got " + JsonLine.kind(content));
        Role r = switch (role.textValue()) {
            case "system" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw new BadField(field + ".role", "must be system, user or assistant, got \"" + role.textValue() + "\"");
        };
        if (content.textValue().isEmpty() && r != Role.SYSTEM) throw new BadField(field + ".content", "must not be empty");
        return new Message(r, content.textValue());
    }

    static Prompt prompt(String field, List<Message> messages) {
        if (messages.get(messages.size() - 1).role() != Role.USER) throw new BadField(field, "must end with a user message");
        return new Prompt(messages);
    }

    /** The text of a completion given as exactly one assistant message. */
    static String assistantReply(String field, List<Message> messages) {
        if (messages.size() != 1 || messages.get(0).role() != Role.ASSISTANT) {
            throw new BadField(field, "must hold exactly one assistant message, got " + messages.size() + " message(s)");
        }
        return messages.get(0).content();
    }

    /** A prompt (string or message list) from a line. */
    static Prompt readPrompt(JsonLine line, String field) {
        JsonNode v = line.require(field);
        return v.isTextual() ? Prompt.of(JsonLine.nonEmptyText(field, v)) : prompt(field, messages(field, v));
    }

    /** A reply (string or one assistant message) from a line. */
    static String readReply(JsonLine line, String field) {
        JsonNode v = line.require(field);
        return v.isTextual() ? JsonLine.nonEmptyText(field, v) : assistantReply(field, messages(field, v));
    }

    static ArrayNode write(List<Message> messages) {
        ArrayNode list = JsonLinesFile.JSON.createArrayNode();
        for (Message m : messages) {
            ObjectNode o = list.addObject();
            o.put("role", m.role().name().toLowerCase());
            o.put("content", m.content());
        }
        return list;
    }

    static ArrayNode writeReply(String reply) {
        return write(List.of(Message.assistant(reply)));
    }
}
