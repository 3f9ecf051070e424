package org.rlhf4j.cli;

import java.util.List;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;

/** A {@code SPLIT:FIRST:COUNT} range of support-world tickets given on the command line, and their prompts. */
record SupportTickets(List<Ticket> tickets, List<Prompt> prompts) {
    static SupportTickets parse(SupportWorld world, String spec, String option) {
        String[] parts = spec.split(":");
        if (parts.length != 3) throw new UserError(option + ": expected SPLIT:FIRST:COUNT (e.g. rl:0:2000), got '" + spec + "'");
        Split split;
        long first;
        int count;
        try {
            split = Split.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": unknown split '" + parts[0] + "' (known: sft, rl, evaluation)");
        }
        try {
            first = Long.parseLong(parts[1]);
            count = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new UserError(option + ": FIRST and COUNT must be whole numbers, got '" + spec + "'");
        }
        if (first < 0 || count < 1) throw new UserError(option + ": FIRST must be >= 0 and COUNT >= 1, got '" + spec + "'");
        List<Ticket> tickets = world.tickets(split, first, count);
        return new SupportTickets(tickets, SupportScore.prompts(tickets));
    }
}
