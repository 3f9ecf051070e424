package org.rlhf4j.feedback.store;

import org.rlhf4j.feedback.LineProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Feedback;

class FeedbackStoreTest {
    @TempDir
    Path dir;

    @Test
    void appendedRecordsReadBackInOrder() {
        Path file = dir.resolve("sub/feedback.jsonl");
        try (FeedbackStore store = FeedbackStore.open(file)) {
            store.append(Examples.oneOfEach().subList(0, 3));
            store.append(List.of());
            store.append(Examples.oneOfEach().subList(3, 7));
            assertThat(store.tornBytesMovedTo()).isEmpty();
        }
        ReadResult read = FeedbackStore.read(file);
        assertThat(read.clean()).isTrue();
        assertThat(read.records()).isEqualTo(Examples.oneOfEach());
    }

    @Test
    void badLinesAreReportedWithFileLineAndFieldAndTheRestStillLoads() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        String good1 = FeedbackCodec.encode(Examples.rating("g1", 2));
        String good2 = FeedbackCodec.encode(Examples.rating("g2", 4));
        String badStars = good1.replace("\"stars\":2", "\"stars\":9");
        Files.writeString(file, good1 + "\n\n" + badStars + "\nnot json\n" + good2 + "\r\n");

        ReadResult read = FeedbackStore.read(file);

        assertThat(read.records()).extracting(Feedback::id).containsExactly("g1", "g2");
        assertThat(read.problems()).hasSize(2);
        LineProblem stars = read.problems().get(0);
        assertThat(stars.line()).isEqualTo(3);
        assertThat(stars.field()).isEqualTo("stars");
        assertThat(stars).hasToString(file + ":3: field \"stars\": must be an integer 1..5, got 9");
        assertThat(read.problems().get(1).line()).isEqualTo(4);
        assertThat(read.problems().get(1).field()).isNull();
        assertThat(read.problems().get(1).toString()).startsWith(file + ":4: not valid JSON");
    }

    @Test
    void invalidUtf8IsAProblemNotACrash() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        byte[] good = (FeedbackCodec.encode(Examples.rating("g1", 2)) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, concat(new byte[] {(byte) 0xC3, '\n'}, good));
        ReadResult read = FeedbackStore.read(file);
        assertThat(read.records()).hasSize(1);
        assertThat(read.problems()).singleElement().hasToString(file + ":1: not valid UTF-8 text");
    }

    @Test
    void truncatedLastLineIsReportedThenMovedAsideOnAppend() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        String whole = FeedbackCodec.encode(Examples.rating("g1", 2));
        String torn = FeedbackCodec.encode(Examples.rating("torn", 5)).substring(0, 30);
        Files.writeString(file, whole + "\n" + torn);

        ReadResult before = FeedbackStore.read(file);
        assertThat(before.records()).extracting(Feedback::id).containsExactly("g1");
        assertThat(before.problems()).singleElement().hasToString(file + ":2: incomplete last line (interrupted write?)");

        Path aside;
        try (FeedbackStore store = FeedbackStore.open(file)) {
            aside = store.tornBytesMovedTo().orElseThrow();
            store.append(List.of(Examples.rating("g2", 4)));
        }
        assertThat(aside.getFileName().toString()).startsWith("feedback.jsonl.torn-");
        assertThat(Files.readString(aside)).isEqualTo(torn);
        ReadResult after = FeedbackStore.read(file);
        assertThat(after.clean()).isTrue();
        assertThat(after.records()).extracting(Feedback::id).containsExactly("g1", "g2");
    }

    @Test
    void completeLastLineWithoutLineBreakIsKeptAndEnded() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        Files.writeString(file, FeedbackCodec.encode(Examples.rating("g1", 2)));
        assertThat(FeedbackStore.read(file).records()).hasSize(1);
        try (FeedbackStore store = FeedbackStore.open(file)) {
            assertThat(store.tornBytesMovedTo()).isEmpty();
            store.append(List.of(Examples.rating("g2", 4)));
        }
        assertThat(FeedbackStore.read(file).records()).extracting(Feedback::id).containsExactly("g1", "g2");
    }

    @Test
    void badButCompleteLastLineIsReportedByItsFieldNotAsTorn() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        Files.writeString(file, FeedbackCodec.encode(Examples.rating("g1", 2)).replace("\"stars\":2", "\"stars\":0"));
        assertThat(FeedbackStore.read(file).problems()).singleElement().extracting(LineProblem::field).isEqualTo("stars");
    }

    @Test
    void streamingVisitsEveryRecordAndProblem() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        try (FeedbackStore store = FeedbackStore.open(file)) {
            store.append(Examples.oneOfEach());
        }
        Files.writeString(file, "{}\n", java.nio.file.StandardOpenOption.APPEND);
        List<Feedback> records = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        FeedbackStore.forEach(file, records::add, problems::add);
        assertThat(records).hasSize(7);
        assertThat(problems).singleElement().hasToString(file + ":8: field \"schema\": missing");
    }

    @Test
    void secondWriterIsRefused() {
        Path file = dir.resolve("feedback.jsonl");
        try (FeedbackStore first = FeedbackStore.open(file)) {
            assertThatThrownBy(() -> FeedbackStore.open(file)).isInstanceOf(UserError.class).hasMessageContaining("already open for writing");
            assertThat(first.read().records()).isEmpty();
        }
        FeedbackStore.open(file).close();
    }

    @Test
    void missingFileIsAUserError() {
        assertThatThrownBy(() -> FeedbackStore.read(dir.resolve("nope.jsonl"))).isInstanceOf(UserError.class).hasMessageContaining("nope.jsonl does not exist");
    }

    @Test
    void appendAfterCloseIsRefused() {
        FeedbackStore store = FeedbackStore.open(dir.resolve("f.jsonl"));
        store.close();
        assertThatThrownBy(() -> store.append(List.of(Examples.rating("x", 1)))).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
