package org.rlhf4j.feedback.world;

import java.util.Objects;

/** One message in a conversation. */
public record Turn(Speaker speaker, String text) {
    public enum Speaker {
        CUSTOMER("Customer"), AGENT("Agent");

        private final String label;

        Speaker(String label) {
            this.label = label;
        }

        /** How the speaker is written at the start of a line: {@code Customer}, {@code Agent}. */
        public String label() {
            return label;
        }
    }

    public Turn {
        Objects.requireNonNull(speaker, "speaker");
        Customer.requireText(text, "text");
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("text must be a single line: " + text);
        }
    }
}
