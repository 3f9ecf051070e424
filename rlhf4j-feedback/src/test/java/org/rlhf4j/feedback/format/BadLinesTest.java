package org.rlhf4j.feedback.format;

import org.rlhf4j.feedback.LineProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each reader's bad lines, with the message a user sees, between two good lines that must still import. */
class BadLinesTest {
    @TempDir
    Path dir;

    private LineProblem onlyProblem(Function<Path, ImportResult<?>> reader, String good, String bad) throws Exception {
        Path file = Lines.write(dir.resolve("t.jsonl"), good, bad, good);
        ImportResult<?> result = reader.apply(file);
        assertThat(result.records()).as("the good lines around the bad one").hasSize(2);
        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).line()).isEqualTo(2);
        return result.problems().get(0);
    }

    private String relative(Object printed) {
        return printed.toString().replace(dir + java.io.File.separator, "");
    }

    private static final String TRL_GOOD = "{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"prompt\":\"p\",\"chosen\":\"a\"                      | t.jsonl:2: not JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])",
        "[1,2]                                                   | t.jsonl:2: expected a JSON object, got an array",
        "{\"prompt\":\"p\",\"chosen\":3,\"rejected\":\"b\"}           | t.jsonl:2: field \"chosen\": must be a string or a list of {\"role\",\"content\"} messages, got a number",
        "{\"prompt\":\"p\",\"rejected\":\"b\"}                      | t.jsonl:2: field \"chosen\": is missing",
        "{\"prompt\":\"\",\"chosen\":\"a\",\"rejected\":\"b\"}        | t.jsonl:2: field \"prompt\": must not be empty",
        "{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"} x    | t.jsonl:2: not JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        "{\"prompt\":[{\"role\":\"user\",\"content\":\"p\"}],\"chosen\":[{\"role\":\"user\",\"content\":\"a\"}],\"rejected\":\"b\"} | t.jsonl:2: field \"chosen\": must hold exactly one assistant message, got 1 message(s)",
        "{\"prompt\":[{\"role\":\"assistant\",\"content\":\"p\"}],\"chosen\":\"a\",\"rejected\":\"b\"} | t.jsonl:2: field \"prompt\": must end with a user message",
        "{\"prompt\":[{\"role\":\"bot\",\"content\":\"p\"}],\"chosen\":\"a\",\"rejected\":\"b\"} | t.jsonl:2: field \"prompt[0].role\": must be system, user or assistant, got \"bot\"",
        "{\"chosen\":\"a\",\"rejected\":\"b\"}                      | t.jsonl:2: field \"prompt\": is missing (needed when chosen and rejected are strings; Anthropic HH-RLHF transcripts are read by HhRlhfReader)",
        "{\"chosen\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}],\"rejected\":[{\"role\":\"user\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"b\"}]} | t.jsonl:2: field \"rejected\": must share every message but the last with chosen (the implicit prompt)",
    })
    void trlPreference(String bad, String expected) throws Exception {
        assertThat(relative(onlyProblem(f -> TrlPreferenceReader.read(f), TRL_GOOD, bad.strip()))).isEqualTo(expected.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"chosen\":\"\\n\\nHuman: q\\n\\nAssistant: a\",\"rejected\":7}                    | rejected | must be a string, got a number",
        "{\"chosen\":\"\\n\\nHuman: q\\n\\nAssistant: a\"}                                   | rejected | is missing",
        "{\"chosen\":\"\\n\\nHuman: q\\n\\nAssistant:\",\"rejected\":\"\\n\\nHuman: q\\n\\nAssistant: b\"} | chosen | the final assistant reply is empty",
        "{\"chosen\":\"\\n\\nHuman: q\",\"rejected\":\"\\n\\nHuman: q\\n\\nAssistant: b\"}     | chosen | chosen has no \"\\n\\nAssistant:\" turn",
        "{\"chosen\":\"hello\\n\\nAssistant: a\",\"rejected\":\"hello\\n\\nAssistant: b\"}     | chosen | transcript must start with \"\\n\\nHuman:\" or \"\\n\\nAssistant:\", got \"hello\"",
        "{\"chosen\":\"\\n\\nAssistant: x\\n\\nAssistant: a\",\"rejected\":\"\\n\\nAssistant: x\\n\\nAssistant: b\"} | chosen | has no human turn before the last assistant reply",
    })
    void hhRlhf(String bad, String field, String message) throws Exception {
        String good = "{\"chosen\":\"\\n\\nHuman: q\\n\\nAssistant: a\",\"rejected\":\"\\n\\nHuman: q\\n\\nAssistant: b\"}";
        LineProblem p = onlyProblem(f -> HhRlhfReader.read(f), good, bad.strip());
        assertThat(p.message()).isEqualTo(message.strip());
        assertThat(p.field()).isEqualTo(field.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"prompt\":\"p\",\"completion\":\"c\",\"label\":\"yes\"} | label | must be true or false, got a string",
        "{\"prompt\":\"p\",\"completion\":\"\",\"label\":true}     | completion | must not be empty",
        "{\"prompt\":\"p\",\"label\":true}                         | completion | is missing",
    })
    void unpaired(String bad, String field, String message) throws Exception {
        LineProblem p = onlyProblem(f -> UnpairedReader.read(f), "{\"prompt\":\"p\",\"completion\":\"c\",\"label\":false}", bad.strip());
        assertThat(p.field()).isEqualTo(field.strip());
        assertThat(p.message()).isEqualTo(message.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"instruction\":\"i\",\"input\":3,\"output\":\"o\"}  | input | must be a string, got a number",
        "{\"instruction\":\"i\",\"input\":\"\",\"output\":\"\"} | output | must not be empty",
        "{\"input\":\"\",\"output\":\"o\"}                     | instruction | is missing",
    })
    void alpaca(String bad, String field, String message) throws Exception {
        LineProblem p = onlyProblem(f -> AlpacaReader.read(f), "{\"instruction\":\"i\",\"input\":\"\",\"output\":\"o\"}", bad.strip());
        assertThat(p.field()).isEqualTo(field.strip());
        assertThat(p.message()).isEqualTo(message.strip());
    }

    @Test
    void aSeedTaskWithOneBadInstanceImportsNoneOfIt() throws Exception {
        String good = "{\"instruction\":\"i\",\"instances\":[{\"input\":\"\",\"output\":\"o\"}]}";
        String bad = "{\"instruction\":\"i\",\"instances\":[{\"input\":\"\",\"output\":\"o\"},{\"input\":\"x\"}]}";
        LineProblem p = onlyProblem(f -> AlpacaReader.readSeedTasks(f), good, bad);
        assertThat(relative(p)).isEqualTo("t.jsonl:2: field \"instances[1].output\": is missing");
    }

    @Test
    void invalidUtf8SpoilsOnlyItsLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((TRL_GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"prompt\":\"p\",\"chosen\":\"caf".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        bytes.writeBytes(("\",\"rejected\":\"b\"}\n" + TRL_GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        ImportResult<?> result = TrlPreferenceReader.read(Lines.writeBytes(dir.resolve("u.jsonl"), bytes.toByteArray()));
        assertThat(result.records()).hasSize(2);
        assertThat(result.problems()).extracting(this::relative).containsExactly("u.jsonl:2: not valid UTF-8 (Input length = 1)");
    }

    @Test
    void aTruncatedGzipKeepsTheLinesBeforeTheCut() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) text.append("{\"prompt\":\"p").append(i).append("\",\"chosen\":\"a\",\"rejected\":\"b\"}\n");
        Path whole = Lines.writeBytes(dir.resolve("whole.jsonl.gz"), text.toString().getBytes(StandardCharsets.UTF_8));
        byte[] gz = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(gz, gz.length / 2));

        ImportResult<?> result = TrlPreferenceReader.read(cut);

        assertThat(TrlPreferenceReader.read(whole).records()).hasSize(2000);
        assertThat(result.records().size()).isBetween(1, 1999);
        assertThat(result.problems()).hasSize(1);
        LineProblem p = result.problems().get(0);
        assertThat(p.line()).isEqualTo(result.records().size() + 1);
        assertThat(p.message()).startsWith("the file ends early (Unexpected end of ZLIB input stream)");
    }

    @Test
    void blankLinesAreSkippedButCounted() throws Exception {
        ImportResult<org.rlhf4j.feedback.Comparison> result = TrlPreferenceReader.read(Lines.write(dir.resolve("b.jsonl"), TRL_GOOD, "", TRL_GOOD));
        assertThat(result.problems()).isEmpty();
        assertThat(result.records()).extracting(c -> c.id()).containsExactly(dir.getFileName() + "/b:1", dir.getFileName() + "/b:3");
    }
}
