package org.rlhf4j.feedback.simulate;

import org.rlhf4j.feedback.Choice;

/**
 * A teacher's decision on a pair: the choice, its strength (1 slightly, 2 clearly, 3 much better;
 * null unless decisive) and the perceived utility gap u_A - u_B it came from.
 */
public record Judgement(Choice choice, Double strength, double gap) {
    public Judgement {
        if (choice == null) throw new IllegalArgumentException("choice must be set");
        if (strength != null && !choice.decisive()) throw new IllegalArgumentException("strength applies only to A or B, not " + choice);
    }
}
