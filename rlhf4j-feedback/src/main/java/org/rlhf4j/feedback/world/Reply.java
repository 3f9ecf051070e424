package org.rlhf4j.feedback.world;

import java.util.Objects;

/** An agent's reply as text, with the hidden {@link ReplyQuality} it was generated with. */
public record Reply(String text, ReplyQuality quality) {
    public Reply {
        Customer.requireText(text, "text");
        Objects.requireNonNull(quality, "quality");
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("text must be a single line: " + text);
        }
    }
}
