package org.rlhf4j.feedback.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

    @Test
    void escapesQuotesBackslashesAndLineBreaks() {
        assertThat(JsonLines.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(JsonLines.quote("C:\\path")).isEqualTo("\"C:\\\\path\"");
        assertThat(JsonLines.quote("a\nb\r\tc")).isEqualTo("\"a\\nb\\r\\tc\"");
    }

    @Test
    void escapesOtherControlCharactersAsUnicode() {
        assertThat(JsonLines.quote("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
        assertThat(JsonLines.quote("\b\f")).isEqualTo("\"\\b\\f\"");
    }

    @Test
    void keepsNonAsciiAsIsButEscapesLoneSurrogates() {
        assertThat(JsonLines.quote("Zoë café 😀")).isEqualTo("\"Zoë café 😀\"");
        assertThat(JsonLines.quote("x\uD800y")).isEqualTo("\"x\\ud800y\"");
        assertThat(JsonLines.quote("\uDC00")).isEqualTo("\"\\udc00\"");
    }

    @Test
    void writtenFileReadsBackToTheSameTexts(@TempDir Path dir) throws Exception {
        List<String> texts = List.of("Customer: \"quoted\"\nAgent: back\\slash", "Zoë\tMüller 😀", "", "\u0000 end");
        Path file = dir.resolve("docs.jsonl");
        JsonLines.writeTexts(file, texts);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(FlatJson.parseObject(lines.get(i))).containsExactly(java.util.Map.entry("text", texts.get(i)));
        }
        // One object per line: the document's own newlines are escaped, never raw.
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count())
                .isEqualTo(texts.size());
    }
}
