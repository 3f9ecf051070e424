package org.rlhf4j.feedback;

/** Who speaks a message in a conversation. */
public enum Role {
    SYSTEM, USER, ASSISTANT
}
