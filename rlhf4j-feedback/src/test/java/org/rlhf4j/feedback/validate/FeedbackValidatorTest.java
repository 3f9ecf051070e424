package org.rlhf4j.feedback.validate;

import org.rlhf4j.feedback.LineProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.store.FeedbackCodec;

class FeedbackValidatorTest {
    @TempDir
    Path tmp;

    private static final Prompt P = Prompt.of("Where is my order?");

    private static List<LineProblem> validate(Path file) {
        FeedbackFiles.Loaded loaded = FeedbackFiles.read(file);
        List<LineProblem> issues = new ArrayList<>(loaded.issues());
        for (int i = 0; i < loaded.records().size(); i++) issues.addAll(new FeedbackValidator(200).check(loaded.records().get(i), file, loaded.lines().get(i)));
        issues.sort(java.util.Comparator.comparingLong(LineProblem::line));
        return issues;
    }

    /** One file, each line a case: good lines stay good, every bad one is reported with its line, field and reason. */
    @Test
    void reportsEveryBadLineWithLineFieldAndReason() throws IOException {
        List<String> lines = List.of(
                FeedbackCodec.encode(new Comparison("ok-1", P, "It shipped today.", "No idea.", Choice.A, null, null)),   // 1 good
                FeedbackCodec.encode(new Comparison("same", P, "Same text", "Same text ", Choice.A, null, null)),          // 2 identical
                "{\"schema\": 1, \"type\": \"rating\", \"id\": \"r\", \"prompt\": [{\"role\":\"user\",\"content\":\"q\"}], \"response\": \"a\", \"stars\": 9}", // 3 stars
                "{not json",                                                                                              // 4
                FeedbackCodec.encode(new Comparison("big", P, "x".repeat(201), "short", Choice.B, null, null)),           // 5 oversize
                FeedbackCodec.encode(new Ranking("dup", P, List.of("a", "b", "a"), List.of(1, 2, 3), null)),              // 6 duplicate
                FeedbackCodec.encode(new Comparison("blank", P, "   ", "fine", Choice.B, null, null)),                      // 7 blank
                "{\"schema\": 1, \"type\": \"ranking\", \"id\": \"k\", \"prompt\": [{\"role\":\"user\",\"content\":\"q\"}], \"responses\": [\"a\",\"b\"], \"ranks\": [1, 3]}", // 8 ranks
                FeedbackCodec.encode(new Comparison("ok-2", P, "Refunded.", "Refund denied.", Choice.TIE, null, null)));  // 9 good
        Path file = tmp.resolve("feedback.jsonl");
        Files.write(file, lines);
        List<String> got = validate(file).stream().map(i -> i.line() + " " + i.field() + ": " + i.message()).toList();
        assertThat(got).hasSize(7);
        assertThat(got.get(0)).startsWith("2 response_b: chosen identical to rejected");
        assertThat(got.get(1)).startsWith("3 stars:").contains("1..5").contains("9");
        assertThat(got.get(2)).startsWith("4 null:");
        assertThat(got.get(3)).isEqualTo("5 response_a: oversize text: 201 characters (limit 200)");
        assertThat(got.get(4)).isEqualTo("6 responses[2]: duplicate response in a ranking");
        assertThat(got.get(5)).startsWith("7 response_a: must be a non-empty string"); // the store's codec rejects blank text itself
        assertThat(got.get(6)).startsWith("8 ranks").contains("not an order");
        assertThat(FeedbackFiles.read(file).records()).extracting(f -> f.id()).containsExactly("ok-1", "same", "big", "dup", "ok-2");
        assertThat(validate(file).get(0).toString()).startsWith(file + ":2: field \"response_b\": chosen identical");
    }

    /** An invalid UTF-8 line is that line's problem only: the records before and after it load. */
    @Test
    void invalidUtf8LineInAStoreFileSpoilsOnlyItself() throws IOException {
        Path file = tmp.resolve("utf8.jsonl");
        byte[] good1 = (FeedbackCodec.encode(new Comparison("g1", P, "Shipped.", "No.", Choice.A, null, null)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] good2 = FeedbackCodec.encode(new Comparison("g2", P, "Refunded.", "No.", Choice.B, null, null)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.write(good1);
        all.write(bad);
        all.write(good2);
        Files.write(file, all.toByteArray());
        FeedbackFiles.Loaded loaded = FeedbackFiles.read(file);
        assertThat(loaded.records()).extracting(f -> f.id()).containsExactly("g1", "g2");
        assertThat(loaded.lines()).containsExactly(1L, 3L);
        assertThat(loaded.issues()).extracting(LineProblem::toString).containsExactly(file + ":2: not valid UTF-8");
    }

    /** Formats that allow blank text (imported data) still get it flagged. */
    @Test
    void blankTextInAValidRecordIsFlagged() {
        var issues = FeedbackValidator.defaults().check(new Comparison("c", P, " \n ", "fine", Choice.B, null, null), tmp, 3);
        assertThat(issues).extracting(LineProblem::message).containsExactly("empty response (only whitespace)");
    }

    @Test
    void invalidUtf8AndUnknownFormatsAreClearErrors() throws IOException {
        Path bytes = tmp.resolve("bad.jsonl");
        Files.write(bytes, new byte[] {'{', '"', 's', '"', ':', (byte) 0xC3, (byte) 0x28, '}', '\n'});
        assertThatThrownBy(() -> FeedbackFiles.read(bytes)).isInstanceOf(UserError.class);
        Path other = tmp.resolve("other.jsonl");
        Files.writeString(other, "{\"question\": \"q\", \"answer\": \"a\"}\n");
        assertThatThrownBy(() -> FeedbackFiles.read(other)).isInstanceOf(UserError.class).hasMessageContaining("other.jsonl");
        assertThatThrownBy(() -> FeedbackFiles.read(tmp.resolve("missing.jsonl"))).isInstanceOf(UserError.class).hasMessageContaining("not found");
    }

    /** The data's README: some HH-RLHF pairs have chosen == rejected (2 in helpful-online, 32 in helpful-rejection-sampled). */
    @Test
    void findsTheIdenticalPairsInHhRlhf() {
        Path data = sharedData();
        assertThat(identical(data.resolve("hh-rlhf/helpful-online/test.jsonl.gz"))).isEqualTo(2);
        assertThat(identical(data.resolve("hh-rlhf/helpful-rejection-sampled/test.jsonl.gz"))).isEqualTo(32);
    }

    private static long identical(Path file) {
        FeedbackFiles.Loaded loaded = FeedbackFiles.read(file);
        assertThat(loaded.lines()).doesNotContain(0L); // every imported record knows its line
        return loaded.records().stream().flatMap(r -> FeedbackValidator.defaults().check(r, file, 0).stream())
                .filter(i -> i.message().startsWith("chosen identical")).count();
    }

    private static Path sharedData() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("README.md"))) return candidate;
        }
        Path fallback = Path.of("/work/shared/data");
        if (Files.isRegularFile(fallback.resolve("README.md"))) return fallback;
        throw new AssertionError("shared/data not found above " + Path.of("").toAbsolutePath());
    }
}
