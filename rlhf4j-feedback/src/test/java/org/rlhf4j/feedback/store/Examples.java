package org.rlhf4j.feedback.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;

/** One record of each type, with the awkward text a store must keep intact. */
final class Examples {
    static final Prompt MULTI_TURN = new Prompt(List.of(
            Message.system(""),
            Message.user("Where is order #A-1042?"),
            Message.assistant("It shipped on Monday."),
            Message.user("It says \"delivered\"\nbut nothing came \u2014 \u65e5\u672c \ud83d\udce6")));
    static final Attribution FULL = new Attribution("ann-7", Instant.parse("2024-05-01T12:00:00.123Z"), "web", Map.of("batch", "7", "ui", "v2"));

    private Examples() {
    }

    static List<Feedback> oneOfEach() {
        return List.of(
                new Comparison("c1", MULTI_TURN, "Sorry \\ I'll check.", "No.\r\nBye\t!", Choice.B, 2.5, FULL),
                new Comparison("c2", Prompt.of("hi"), "a", "b", Choice.BOTH_BAD, null, Attribution.none()),
                new Rating("r1", Prompt.of("q"), "answer", 4, Map.of("politeness", 5, "accuracy", 2), Attribution.of("a1", null, null)),
                new Ranking("k1", Prompt.of("q"), List.of("x", "y", "z"), List.of(2, 1, 2), Attribution.source("simulated")),
                new Critique("cr1", MULTI_TURN, "It shipped.", "Ignores the \"delivered\" status.", "Sorry! I'll open a claim.", FULL),
                new Critique("cr2", Prompt.of("q"), "r", "too short", null, Attribution.none()),
                new Demonstration("d1", Prompt.of("\u00e9t\u00e9 \u2028 line sep"), "r\u00e9ponse", FULL));
    }

    static Rating rating(String id, int stars) {
        return new Rating(id, Prompt.of("prompt " + id), "response " + id, stars, Map.of(), Attribution.none());
    }
}
