package org.rlhf4j.eval.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Role;

/**
 * Prompts to evaluate on, one JSON object per line with a {@code "prompt"} field: a string (one
 * user message) or rlhf4j's prompt form, a list of {@code {"role","content"}} messages ending
 * with a user message (as the feedback store writes it). Blank lines are skipped. A bad line is
 * a {@link UserError} naming the file, the line and the field.
 */
public final class PromptFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptFile() {}

    public static List<Prompt> read(Path file) {
        List<Prompt> prompts = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                prompts.add(parse(file, number, line));
            }
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": not found");
        } catch (IOException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
        if (prompts.isEmpty()) throw new UserError(file + ": no prompts in the file");
        return prompts;
    }

    static Prompt parse(Path file, long line, String text) {
        String where = file + ":" + line + ": ";
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserError(where + "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) throw new UserError(where + "expected a JSON object with a \"prompt\" field");
        JsonNode p = node.get("prompt");
        if (p == null) throw new UserError(where + "field \"prompt\" is missing");
        if (p.isTextual()) {
            if (p.textValue().isBlank()) throw new UserError(where + "field \"prompt\": must not be blank");
            return Prompt.of(p.textValue());
        }
        if (!p.isArray() || p.isEmpty()) throw new UserError(where + "field \"prompt\": must be a string or a non-empty list of {\"role\",\"content\"} messages");
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            JsonNode m = p.get(i), role = m.get("role"), content = m.get("content");
            String field = "prompt[" + i + "]";
            if (role == null || !role.isTextual()) throw new UserError(where + "field \"" + field + ".role\": must be system, user or assistant");
            if (content == null || !content.isTextual()) throw new UserError(where + "field \"" + field + ".content\": must be a string");
            Role r = switch (role.textValue()) {
                case "system" -> Role.SYSTEM;
                case "user" -> Role.USER;
                case "assistant" -> Role.ASSISTANT;
                default -> throw new UserError(where + "field \"" + field + ".role\": must be system, user or assistant, got \"" + role.textValue() + "\"");
            };
            try {
                messages.add(new Message(r, content.textValue()));
            } catch (IllegalArgumentException e) {
                throw new UserError(where + "field \"" + field + "\": " + e.getMessage());
            }
        }
        try {
            return new Prompt(messages);
        } catch (IllegalArgumentException e) {
            throw new UserError(where + "field \"prompt\": " + e.getMessage());
        }
    }
}
