package org.rlhf4j.eval.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Role;

class PromptFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsTextAndMessagePrompts() throws IOException {
        Path f = Files.writeString(tmp.resolve("p.jsonl"), "{\"prompt\": \"where is my order?\"}\n\n"
                + "{\"prompt\": [{\"role\": \"system\", \"content\": \"be brief\"}, {\"role\": \"user\", \"content\": \"refund?\"}], \"id\": 7}\n");
        var prompts = PromptFile.read(f);
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(0).lastUserText()).isEqualTo("where is my order?");
        assertThat(prompts.get(1).messages().get(0).role()).isEqualTo(Role.SYSTEM);
    }

    @Test
    void badLinesNameFileLineAndField() throws IOException {
        assertThat(error("{\"prompt\": \"fine\"}\n{\"text\": \"x\"}\n")).endsWith("p.jsonl:2: field \"prompt\" is missing");
        assertThat(error("{prompt\n")).contains("p.jsonl:1: not valid JSON");
        assertThat(error("{\"prompt\": 3}\n")).contains("p.jsonl:1: field \"prompt\": must be a string or a non-empty list");
        assertThat(error("{\"prompt\": [{\"role\": \"robot\", \"content\": \"x\"}]}\n")).contains("p.jsonl:1: field \"prompt[0].role\": must be system, user or assistant, got \"robot\"");
        assertThat(error("{\"prompt\": [{\"role\": \"assistant\", \"content\": \"x\"}]}\n")).contains("p.jsonl:1: field \"prompt\": prompt must end with a user message");
        assertThat(error("\n")).endsWith("p.jsonl: no prompts in the file");
        assertThatThrownBy(() -> PromptFile.read(tmp.resolve("missing.jsonl"))).isInstanceOf(UserError.class).hasMessageEndingWith("missing.jsonl: not found");
    }

    private String error(String text) throws IOException {
        Path f = Files.writeString(tmp.resolve("p.jsonl"), text);
        try {
            PromptFile.read(f);
        } catch (UserError e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + text);
    }
}
