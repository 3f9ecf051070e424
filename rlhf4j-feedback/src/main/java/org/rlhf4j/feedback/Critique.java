package org.rlhf4j.feedback;

/** The "direct evaluation" form: a written critique of a response and, optionally, a corrected response. */
public record Critique(String id, Prompt prompt, String response, String critique, String correctedResponse, Attribution attribution) implements Feedback {
    public Critique {
        Feedback.requireId(id);
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        Feedback.requireText("response", response);
        Feedback.requireText("critique", critique);
        if (correctedResponse != null && correctedResponse.isEmpty()) throw new IllegalArgumentException("correctedResponse must not be empty (leave it out if there is none)");
        if (attribution == null) attribution = Attribution.none();
    }

    public boolean corrected() {
        return correctedResponse != null;
    }
}
