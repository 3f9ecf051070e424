package org.rlhf4j.feedback;

/** One turn of a conversation. Content may be empty only for a system message. */
public record Message(Role role, String content) {
    public Message {
        if (role == null) throw new IllegalArgumentException("message role must be set");
        if (content == null) throw new IllegalArgumentException("message content must be set");
        if (content.isEmpty() && role != Role.SYSTEM) throw new IllegalArgumentException(role.name().toLowerCase() + " message content must not be empty");
    }

    public static Message user(String content) {
        return new Message(Role.USER, content);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content);
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content);
    }
}
