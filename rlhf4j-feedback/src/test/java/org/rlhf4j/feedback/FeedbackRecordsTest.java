package org.rlhf4j.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FeedbackRecordsTest {
    static final Prompt P = Prompt.of("Where is my order #123?");

    static Stream<Arguments> badRecords() {
        return Stream.<Arguments>of(
                Arguments.of((Supplier<?>) () -> new Prompt(List.of()), "prompt must have at least one message"),
                Arguments.of((Supplier<?>) () -> new Prompt(List.of(Message.user("hi"), Message.assistant("hello"))), "prompt must end with a user message, not assistant"),
                Arguments.of((Supplier<?>) () -> Message.user(""), "user message content must not be empty"),
                Arguments.of((Supplier<?>) () -> new Comparison("c1", P, "", "b", Choice.A, null, null), "responseA must not be empty"),
                Arguments.of((Supplier<?>) () -> new Comparison("c1", P, "a", null, Choice.A, null, null), "responseB must be set"),
                Arguments.of((Supplier<?>) () -> new Comparison("c1", P, "a", "b", null, null, null), "choice must be one of A, B, TIE, BOTH_BAD"),
                Arguments.of((Supplier<?>) () -> new Comparison("c1", P, "a", "b", Choice.TIE, 2.0, null), "strength applies only when A or B is chosen, not TIE"),
                Arguments.of((Supplier<?>) () -> new Comparison("c1", P, "a", "b", Choice.A, -1.0, null), "strength must be a positive number"),
                Arguments.of((Supplier<?>) () -> new Comparison(" ", P, "a", "b", Choice.A, null, null), "id must be set"),
                Arguments.of((Supplier<?>) () -> new Rating("r1", P, "ok", 6, null, null), "stars must be in 1..5, got 6"),
                Arguments.of((Supplier<?>) () -> new Rating("r1", P, "ok", 3, Map.of("politeness", 0), null), "criteria.politeness must be in 1..5, got 0"),
                Arguments.of((Supplier<?>) () -> new Ranking("k1", P, List.of("a"), List.of(1), null), "a ranking needs at least 2 responses"),
                Arguments.of((Supplier<?>) () -> new Ranking("k1", P, List.of("a", "b", "c"), List.of(1, 2), null), "ranks must give one rank per response (3), got 2"),
                Arguments.of((Supplier<?>) () -> new Ranking("k1", P, List.of("a", "b", "c"), List.of(1, 1, 2), null), "expected rank 3 where 2 is"),
                Arguments.of((Supplier<?>) () -> new Ranking("k1", P, List.of("a", "b"), List.of(0, 1), null), "expected rank 1 where 0 is"),
                Arguments.of((Supplier<?>) () -> new Critique("x1", P, "resp", "", null, null), "critique must not be empty"),
                Arguments.of((Supplier<?>) () -> new Critique("x1", P, "resp", "too vague", "", null), "correctedResponse must not be empty"),
                Arguments.of((Supplier<?>) () -> new Demonstration("d1", null, "resp", null), "prompt must be set"),
                Arguments.of((Supplier<?>) () -> new Attribution(" ", null, null, null), "annotator must not be blank"));
    }

    @ParameterizedTest
    @MethodSource("badRecords")
    void badRecordsNameTheField(Supplier<?> make, String message) {
        assertThatThrownBy(make::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void tiesAndCompetitionRanksAreValid() {
        Ranking r = new Ranking("k", P, List.of("a", "b", "c", "d"), List.of(2, 1, 2, 4), null);
        assertThat(r.ranks()).containsExactly(2, 1, 2, 4);
        assertThat(Ranking.ordered("k2", P, List.of("x", "y"), null).ranks()).containsExactly(1, 2);
    }

    @Test
    void chosenAndRejectedFollowTheChoice() {
        Comparison b = new Comparison("c", P, "first", "second", Choice.B, 2.0, Attribution.source("test"));
        assertThat(b.chosen()).isEqualTo("second");
        assertThat(b.rejected()).isEqualTo("first");
        assertThat(b.kind()).isEqualTo("comparison");
        assertThatThrownBy(() -> new Comparison("t", P, "x", "y", Choice.TIE, null, null).chosen()).hasMessageContaining("is TIE: no response was chosen");
    }
}
