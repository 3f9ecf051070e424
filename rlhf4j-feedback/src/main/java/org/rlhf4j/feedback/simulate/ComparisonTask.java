package org.rlhf4j.feedback.simulate;

import org.rlhf4j.feedback.Prompt;

/** Two responses to one prompt, waiting to be compared (by one annotator or a whole {@link Panel}). */
public record ComparisonTask(Prompt prompt, String responseA, String responseB) {
    public ComparisonTask {
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        if (responseA == null || responseA.isEmpty()) throw new IllegalArgumentException("responseA must not be empty");
        if (responseB == null || responseB.isEmpty()) throw new IllegalArgumentException("responseB must not be empty");
    }
}
