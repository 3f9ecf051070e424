package org.rlhf4j.feedback.simulate;

/** Writes the text of a critique of a response (one or two sentences saying what is wrong). */
@FunctionalInterface
public interface Critic {
    String critique(PromptResponse item);

    /** For score functions that cannot explain themselves: names the utility and asks for a better answer. */
    static Critic fromScore(ScoreFunction<PromptResponse> score) {
        return item -> String.format(java.util.Locale.ROOT,
                "This response scores %.2f; it does not fully answer the request and could be more helpful.", score.utility(item));
    }
}
