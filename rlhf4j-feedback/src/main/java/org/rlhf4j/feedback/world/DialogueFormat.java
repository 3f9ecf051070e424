package org.rlhf4j.feedback.world;

/**
 * How conversations become plain text for a language model: one line per turn,
 * {@code Customer: ...} and {@code Agent: ...}. A prompt is the text up to and including
 * {@code Agent:}; a response starts with a space. So {@code prompt(t) + response(r)} is exactly the
 * first two lines of the document of the conversation that starts with ticket {@code t} and reply
 * {@code r}, and pretraining, SFT and RL all see the same format.
 */
public final class DialogueFormat {
    public static final String CUSTOMER_PREFIX = Turn.Speaker.CUSTOMER.label() + ":";
    public static final String AGENT_PREFIX = Turn.Speaker.AGENT.label() + ":";

    private DialogueFormat() {
    }

    /** {@code Customer: <message>\nAgent:} */
    public static String prompt(Ticket ticket) {
        return CUSTOMER_PREFIX + " " + ticket.message() + "\n" + AGENT_PREFIX;
    }

    /** {@code " " + replyText} */
    public static String response(String replyText) {
        return " " + replyText;
    }

    /** All turns, one per line, no trailing newline. */
    public static String render(Conversation conversation) {
        StringBuilder text = new StringBuilder(512);
        for (Turn turn : conversation.turns()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(turn.speaker().label()).append(": ").append(turn.text());
        }
        return text.toString();
    }
}
