package org.rlhf4j.feedback.world;

import java.util.Objects;

/**
 * One SFT example: a ticket and the reply a support log holds for it (good or poor, its hidden
 * quality kept so that a trainer can filter or a report can stratify).
 */
public record Demonstration(Ticket ticket, Reply reply) {
    public Demonstration {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(reply, "reply");
    }

    /** {@code Customer: <message>\nAgent:}, see {@link DialogueFormat#prompt(Ticket)}. */
    public String prompt() {
        return DialogueFormat.prompt(ticket);
    }

    /** The reply with its leading space, see {@link DialogueFormat#response(String)}. */
    public String response() {
        return DialogueFormat.response(reply.text());
    }

    /**
     * This demonstration as one JSON object: {@code prompt}, {@code response}, {@code ticket_id},
     * {@code intent} and the reply's quality attributes.
     */
    public String toJson() {
        ReplyQuality q = reply.quality();
        return "{\"prompt\": " + JsonLines.quote(prompt())
                + ", \"response\": " + JsonLines.quote(response())
                + ", \"ticket_id\": " + ticket.id()
                + ", \"intent\": \"" + ticket.intent() + "\""
                + ", \"relevance\": \"" + q.relevance() + "\""
                + ", \"details\": \"" + q.details() + "\""
                + ", \"politeness\": \"" + q.politeness() + "\""
                + ", \"verbosity\": \"" + q.verbosity() + "\""
                + ", \"resolves\": " + q.resolves()
                + ", \"asks_for_given_detail\": " + q.asksForGivenDetail() + "}";
    }
}
