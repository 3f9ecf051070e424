package org.rlhf4j.feedback.simulate;

import org.rlhf4j.feedback.Prompt;

/** A response to a prompt: what a simulated annotator of text judges. */
public record PromptResponse(Prompt prompt, String response) {
    public PromptResponse {
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        if (response == null || response.isEmpty()) throw new IllegalArgumentException("response must not be empty");
    }
}
