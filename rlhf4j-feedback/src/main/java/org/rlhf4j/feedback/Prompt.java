package org.rlhf4j.feedback;

import java.util.List;

/**
 * What a response answers: a conversation of one or more messages ending with a user message
 * (the assistant's reply is what feedback judges). A plain-text prompt is one user message.
 */
public record Prompt(List<Message> messages) {
    public Prompt {
        if (messages == null || messages.isEmpty()) throw new IllegalArgumentException("prompt must have at least one message");
        messages = List.copyOf(messages);
        Role last = messages.get(messages.size() - 1).role();
        if (last != Role.USER) throw new IllegalArgumentException("prompt must end with a user message, not " + last.name().toLowerCase());
    }

    /** A single-turn prompt. */
    public static Prompt of(String userText) {
        return new Prompt(List.of(Message.user(userText)));
    }

    public boolean singleTurn() {
        return messages.size() == 1;
    }

    /** The last user message's text. */
    public String lastUserText() {
        return messages.get(messages.size() - 1).content();
    }

    /** Total characters over all messages (for length statistics and size limits). */
    public int length() {
        int n = 0;
        for (Message m : messages) n += m.content().length();
        return n;
    }
}
