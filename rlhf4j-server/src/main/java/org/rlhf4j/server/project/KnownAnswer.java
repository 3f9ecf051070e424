package org.rlhf4j.server.project;

import org.rlhf4j.feedback.Choice;

/**
 * A honeypot's correct answer: for a comparison the choice, for a rating the stars, for a ranking
 * which response (0-based) is best. Critiques have no single correct answer, so no honeypots.
 */
public record KnownAnswer(Choice choice, Integer stars, Integer best) {
    public KnownAnswer {
        int set = (choice == null ? 0 : 1) + (stars == null ? 0 : 1) + (best == null ? 0 : 1);
        if (set != 1) throw new IllegalArgumentException("honeypot must give exactly one of choice, stars, best");
        if (stars != null && (stars < 1 || stars > 5)) throw new IllegalArgumentException("honeypot.stars must be in 1..5, got " + stars);
        if (best != null && best < 0) throw new IllegalArgumentException("honeypot.best must be a response number >= 1");
    }

    /** Refuses a known answer that does not fit the task kind or the item's responses. */
    public void checkFits(TaskKind kind, int responses) {
        switch (kind) {
            case COMPARISON -> {
                if (choice == null) throw new IllegalArgumentException("honeypot of a comparison must give \"choice\" (a, b, tie or both_bad)");
            }
            case RATING -> {
                if (stars == null) throw new IllegalArgumentException("honeypot of a rating must give \"stars\" (1..5)");
            }
            case RANKING -> {
                if (best == null) throw new IllegalArgumentException("honeypot of a ranking must give \"best\" (the best response's number, 1.." + responses + ")");
                if (best >= responses) throw new IllegalArgumentException("honeypot.best must be in 1.." + responses + ", got " + (best + 1));
            }
            case CRITIQUE -> throw new IllegalArgumentException("critique projects take no honeypots (a critique has no single correct answer)");
        }
    }
}
