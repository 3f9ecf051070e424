package org.rlhf4j.feedback;

/**
 * Two responses to one prompt and which is better. {@code strength}, when given, says by how
 * much the preferred response is better (e.g. 1 slightly, 2 clearly, 3 much better; it becomes a
 * Bradley-Terry margin) and must be positive; it is only meaningful for a decisive choice.
 */
public record Comparison(String id, Prompt prompt, String responseA, String responseB, Choice choice, Double strength, Attribution attribution)
        implements Feedback {
    public Comparison {
        Feedback.requireId(id);
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        Feedback.requireText("responseA", responseA);
        Feedback.requireText("responseB", responseB);
        if (choice == null) throw new IllegalArgumentException("choice must be one of A, B, TIE, BOTH_BAD");
        if (strength != null) {
            if (!choice.decisive()) throw new IllegalArgumentException("strength applies only when A or B is chosen, not " + choice);
            if (!(strength > 0) || strength.isInfinite()) throw new IllegalArgumentException("strength must be a positive number, got " + strength);
        }
        if (attribution == null) attribution = Attribution.none();
    }

    /** A decisive comparison from a chosen and a rejected response (A is the chosen one). */
    public static Comparison preferring(String id, Prompt prompt, String chosen, String rejected, Attribution attribution) {
        return new Comparison(id, prompt, chosen, rejected, Choice.A, null, attribution);
    }

    /** The preferred response; only for a decisive choice. */
    public String chosen() {
        if (!choice.decisive()) throw new IllegalStateException("comparison " + id + " is " + choice + ": no response was chosen");
        return choice == Choice.A ? responseA : responseB;
    }

    /** The other response; only for a decisive choice. */
    public String rejected() {
        if (!choice.decisive()) throw new IllegalStateException("comparison " + id + " is " + choice + ": no response was rejected");
        return choice == Choice.A ? responseB : responseA;
    }
}
