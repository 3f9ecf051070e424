package org.rlhf4j.feedback;

/** A human-written response to a prompt, for supervised fine-tuning. */
public record Demonstration(String id, Prompt prompt, String response, Attribution attribution) implements Feedback {
    public Demonstration {
        Feedback.requireId(id);
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        Feedback.requireText("response", response);
        if (attribution == null) attribution = Attribution.none();
    }
}
