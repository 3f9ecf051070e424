package org.rlhf4j.feedback.world;

/**
 * Which use a ticket is generated for. Each split owns its own range of ticket ids, so tickets of
 * different splits are different draws and never the same ticket.
 */
public enum Split {
    PRETRAINING, SFT, RL, EVALUATION;

    /** Tickets per split: index {@code i} of a split is ticket id {@code firstTicketId() + i}. */
    public static final long CAPACITY = 1L << 40;

    public long firstTicketId() {
        return ordinal() * CAPACITY;
    }
}
