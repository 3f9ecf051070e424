package org.rlhf4j.feedback.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Prompt;

class AlpacaReaderTest {
    @TempDir
    Path dir;

    @Test
    void seedTasksGiveOneDemonstrationPerInstance() throws Exception {
        Path file = SharedData.file("alpaca/seed_tasks.jsonl");
        ObjectMapper json = new ObjectMapper();
        int tasks = 0, instances = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode task = json.readTree(line);
            tasks++;
            instances += task.get("instances").size();
        }

        ImportResult<Demonstration> result = AlpacaReader.readSeedTasks(file);

        assertThat(tasks).isEqualTo(175);
        assertThat(result.problems()).isEmpty();
        assertThat(result.records()).hasSize(instances);
        assertThat(result.records().get(0).id()).isEqualTo("alpaca/seed_tasks:1#0");
        assertThat(result.records().get(0).attribution().source()).isEqualTo("alpaca/seed_tasks");
        assertThat(FormatDetector.detect(file)).isEqualTo(FeedbackFormat.SELF_INSTRUCT_SEED);
    }

    @Test
    void inputFollowsTheInstructionAfterABlankLine() throws Exception {
        Path file = Lines.write(dir.resolve("a.jsonl"),
                "{\"instruction\":\"Translate.\",\"input\":\"Bonjour\",\"output\":\"Hello\"}",
                "{\"instruction\":\"Say hi.\",\"input\":\"\",\"output\":\"Hi\"}");
        ImportResult<Demonstration> result = AlpacaReader.read(file);
        assertThat(result.records()).extracting(Demonstration::prompt).containsExactly(Prompt.of("Translate.\n\nBonjour"), Prompt.of("Say hi."));
        assertThat(FormatDetector.detect(file)).isEqualTo(FeedbackFormat.ALPACA);
    }

    @Test
    void detectorNamesTheKnownFormatsWhenItCannotTell() throws Exception {
        Path file = Lines.write(dir.resolve("odd.jsonl"), "not json", "{\"question\":\"q\",\"answer\":\"a\"}");
        assertThatThrownBy(() -> FormatDetector.detect(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("cannot tell the format from the keys [question, answer]")
                .hasMessageContaining("known formats: Anthropic HH-RLHF").hasMessageContaining("Self-Instruct seed tasks");
        assertThat(FormatDetector.detect(SharedData.file("hh-rlhf/helpful-online/test.jsonl.gz"))).isEqualTo(FeedbackFormat.HH_RLHF);
    }
}
