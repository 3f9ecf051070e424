package org.rlhf4j.feedback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Feedback;

class FeedbackCodecTest {
    private static final String PROMPT = "\"prompt\":[{\"role\":\"user\",\"content\":\"q\"}]";
    private static final String HEAD = "{\"schema\":1,\"id\":\"x1\"," + PROMPT + ",";

    @Test
    void everyTypeRoundTripsOnOneLine() {
        for (Feedback f : Examples.oneOfEach()) {
            String line = FeedbackCodec.encode(f);
            assertThat(line).doesNotContain("\n", "\r");
            assertThat(FeedbackCodec.decode(line)).isEqualTo(f);
        }
    }

    @Test
    void writesVersionedSnakeCaseFieldsAndLeavesOutUnknownAttribution() {
        String line = FeedbackCodec.encode(Examples.oneOfEach().get(1));
        assertThat(line).isEqualTo("{\"schema\":1,\"type\":\"comparison\",\"id\":\"c2\",\"prompt\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"response_a\":\"a\",\"response_b\":\"b\",\"choice\":\"both_bad\"}");
        assertThat(FeedbackCodec.encode(Examples.oneOfEach().get(4)))
                .contains("\"corrected_response\":", "\"annotator\":\"ann-7\"", "\"time\":\"2024-05-01T12:00:00.123Z\"",
                        "\"metadata\":{\"batch\":\"7\",\"ui\":\"v2\"}");
    }

    @Test
    void readsExplicitNullsAndOffsetTimes() {
        Feedback f = FeedbackCodec.decode(HEAD + "\"type\":\"demonstration\",\"response\":\"r\",\"annotator\":null,\"time\":\"2024-05-01T14:00:00+02:00\"}");
        assertThat(f.attribution().annotator()).isNull();
        assertThat(f.attribution().time()).hasToString("2024-05-01T12:00:00Z");
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                // line, field, message
                Arguments.of("not json", null, "not valid JSON"),
                Arguments.of("{\"schema\":1,", null, "not valid JSON"),
                Arguments.of("{} {}", null, "not valid JSON"),
                Arguments.of("[1,2]", null, "expected a JSON object {...}, got an array"),
                Arguments.of("\"text\"", null, "expected a JSON object {...}, got \"text\""),
                Arguments.of("{\"id\":\"x\",\"type\":\"rating\"}", "schema", "missing field \"schema\""),
                Arguments.of("{\"schema\":\"1\"}", "schema", "field \"schema\" must be a positive integer, got \"1\""),
                Arguments.of("{\"schema\":2,\"type\":\"rating\"}", "schema", "schema 2 is newer than this rlhf4j reads (1)"),
                Arguments.of(HEAD.replace(",\"id\"", ",\"id\":\"dup\",\"id\"") + "\"type\":\"demonstration\",\"response\":\"r\"}", null, "Duplicate field 'id'"),
                Arguments.of(HEAD + "\"response\":\"r\"}", "type", "missing field \"type\""),
                Arguments.of(HEAD + "\"type\":\"vote\"}", "type", "unknown type \"vote\""),
                Arguments.of(HEAD.replace("\"id\":\"x1\",", "") + "\"type\":\"demonstration\",\"response\":\"r\"}", "id", "missing field \"id\""),
                Arguments.of("{\"schema\":1,\"id\":\"x\",\"type\":\"demonstration\",\"response\":\"r\"}", "prompt", "missing field \"prompt\""),
                Arguments.of("{\"schema\":1,\"id\":\"x\",\"type\":\"demonstration\",\"prompt\":\"hi\",\"response\":\"r\"}", "prompt", "field \"prompt\" must be a non-empty array"),
                Arguments.of("{\"schema\":1,\"id\":\"x\",\"type\":\"demonstration\",\"prompt\":[{\"role\":\"bot\",\"content\":\"hi\"}],\"response\":\"r\"}",
                        "prompt[0].role", "field \"prompt[0].role\" must be one of \"system\", \"user\", \"assistant\", got \"bot\""),
                Arguments.of("{\"schema\":1,\"id\":\"x\",\"type\":\"demonstration\",\"prompt\":[{\"role\":\"user\",\"content\":\"\"}],\"response\":\"r\"}",
                        "prompt[0].content", "user message content must not be empty"),
                Arguments.of("{\"schema\":1,\"id\":\"x\",\"type\":\"demonstration\",\"prompt\":[{\"role\":\"assistant\",\"content\":\"hi\"}],\"response\":\"r\"}",
                        "prompt", "field \"prompt\" must end with a user message, not assistant"),
                // comparison
                Arguments.of(HEAD + "\"type\":\"comparison\",\"response_a\":\"a\",\"response_b\":\"b\"}", "choice", "missing field \"choice\""),
                Arguments.of(HEAD + "\"type\":\"comparison\",\"response_b\":\"b\",\"choice\":\"a\"}", "response_a", "missing field \"response_a\""),
                Arguments.of(HEAD + "\"type\":\"comparison\",\"response_a\":\"a\",\"response_b\":\"b\",\"choice\":\"c\"}", "choice",
                        "field \"choice\" must be one of \"a\", \"b\", \"tie\", \"both_bad\", got \"c\""),
                Arguments.of(HEAD + "\"type\":\"comparison\",\"response_a\":\"a\",\"response_b\":\"b\",\"choice\":\"a\",\"strength\":\"big\"}", "strength",
                        "field \"strength\" must be a number, got \"big\""),
                Arguments.of(HEAD + "\"type\":\"comparison\",\"response_a\":\"a\",\"response_b\":\"b\",\"choice\":\"a\",\"strength\":-1}", "strength",
                        "field \"strength\" must be a positive number, got -1.0"),
                Arguments.of(HEAD + "\"type\":\"comparison\",\"response_a\":\"a\",\"response_b\":\"b\",\"choice\":\"tie\",\"strength\":1}", "strength",
                        "field \"strength\" is invalid: strength applies only when A or B is chosen, not TIE"),
                // rating
                Arguments.of(HEAD + "\"type\":\"rating\",\"response\":\"r\",\"stars\":\"five\"}", "stars", "field \"stars\" must be an integer 1..5, got \"five\""),
                Arguments.of(HEAD + "\"type\":\"rating\",\"response\":\"r\",\"stars\":9}", "stars", "field \"stars\" must be an integer 1..5, got 9"),
                Arguments.of(HEAD + "\"type\":\"rating\",\"response\":\"r\",\"stars\":4.5}", "stars", "field \"stars\" must be an integer 1..5, got 4.5"),
                Arguments.of(HEAD + "\"type\":\"rating\",\"response\":\"r\"}", "stars", "missing field \"stars\""),
                Arguments.of(HEAD + "\"type\":\"rating\",\"response\":\"\",\"stars\":3}", "response", "field \"response\" must be a non-empty string, got \"\""),
                Arguments.of(HEAD + "\"type\":\"rating\",\"response\":7,\"stars\":3}", "response", "field \"response\" must be a non-empty string, got 7"),
                Arguments.of(HEAD + "\"type\":\"rating\",\"response\":\"r\",\"stars\":3,\"criteria\":{\"tone\":0}}", "criteria.tone",
                        "field \"criteria.tone\" must be an integer 1..5, got 0"),
                Arguments.of(HEAD + "\"type\":\"rating\",\"response\":\"r\",\"stars\":3,\"stras\":3}", "stras", "field \"stras\" is not a field of a rating"),
                // ranking
                Arguments.of(HEAD + "\"type\":\"ranking\",\"responses\":[\"a\",\"b\",\"c\"],\"ranks\":[1,1,2]}", "ranks",
                        "field \"ranks\" is invalid: ranks [1, 1, 2] are not an order of the responses: expected rank 3 where 2 is"),
                Arguments.of(HEAD + "\"type\":\"ranking\",\"responses\":[\"a\",\"b\"],\"ranks\":[1]}", "ranks",
                        "field \"ranks\" must give one rank per response (2), got 1"),
                Arguments.of(HEAD + "\"type\":\"ranking\",\"responses\":[\"a\",\"b\"],\"ranks\":[1,\"2\"]}", "ranks[1]", "field \"ranks[1]\" must be an integer, got \"2\""),
                Arguments.of(HEAD + "\"type\":\"ranking\",\"responses\":[\"a\",\"\"],\"ranks\":[1,2]}", "responses[1]", "field \"responses[1]\" must be a non-empty string"),
                Arguments.of(HEAD + "\"type\":\"ranking\",\"responses\":\"a\",\"ranks\":[1,2]}", "responses", "field \"responses\" must be an array, got \"a\""),
                Arguments.of(HEAD + "\"type\":\"ranking\",\"responses\":[\"a\"],\"ranks\":[1]}", null, "not a valid ranking: a ranking needs at least 2 responses"),
                // critique and demonstration
                Arguments.of(HEAD + "\"type\":\"critique\",\"response\":\"r\"}", "critique", "missing field \"critique\""),
                Arguments.of(HEAD + "\"type\":\"critique\",\"response\":\"r\",\"critique\":\"c\",\"corrected_response\":\"\"}", "corrected_response",
                        "field \"corrected_response\" must be a non-empty string"),
                Arguments.of(HEAD + "\"type\":\"demonstration\"}", "response", "missing field \"response\""),
                Arguments.of(HEAD + "\"type\":\"demonstration\",\"response\":\"r\",\"time\":\"yesterday\"}", "time",
                        "field \"time\" must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, got \"yesterday\""),
                Arguments.of(HEAD + "\"type\":\"demonstration\",\"response\":\"r\",\"metadata\":{\"k\":1}}", "metadata.k", "field \"metadata.k\" must be a string, got 1"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void badLineNamesFieldAndExpectation(String line, String field, String message) {
        FeedbackFormatException e = catchThrowableOfType(FeedbackFormatException.class, () -> FeedbackCodec.decode(line));
        assertThat(e).as(line).isNotNull().isInstanceOf(UserError.class);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.field()).isEqualTo(field);
    }

    @Test
    void detailLeavesOutTheFieldForReportsThatNameItSeparately() {
        assertThatThrownBy(() -> FeedbackCodec.decode(HEAD + "\"type\":\"rating\",\"response\":\"r\",\"stars\":9}"))
                .isInstanceOfSatisfying(FeedbackFormatException.class, e -> assertThat(e.detail()).isEqualTo("must be an integer 1..5, got 9"));
    }
}
