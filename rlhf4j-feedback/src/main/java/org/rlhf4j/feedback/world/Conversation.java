package org.rlhf4j.feedback.world;

import java.util.List;
import java.util.Objects;

/**
 * A ticket and the turns that followed it; the first turn is the ticket's message and customer
 * and agent alternate.
 *
 * @param firstReply the agent's first reply with its hidden quality attributes
 */
public record Conversation(Ticket ticket, List<Turn> turns, Reply firstReply) {
    public Conversation {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(firstReply, "firstReply");
        turns = List.copyOf(turns);
        if (turns.size() < 2) {
            throw new IllegalArgumentException("turns must hold at least the message and a reply, had " + turns.size());
        }
        if (!turns.get(0).text().equals(ticket.message())) {
            throw new IllegalArgumentException("turns must start with the ticket's message, ticket " + ticket.id());
        }
        if (!turns.get(1).text().equals(firstReply.text())) {
            throw new IllegalArgumentException("the second turn must be firstReply, ticket " + ticket.id());
        }
        for (int i = 0; i < turns.size(); i++) {
            Turn.Speaker expected = i % 2 == 0 ? Turn.Speaker.CUSTOMER : Turn.Speaker.AGENT;
            if (turns.get(i).speaker() != expected) {
                throw new IllegalArgumentException("turns[" + i + "] must be spoken by " + expected + ", ticket " + ticket.id());
            }
        }
    }
}
