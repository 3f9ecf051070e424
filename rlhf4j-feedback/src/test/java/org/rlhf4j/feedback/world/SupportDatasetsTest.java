package org.rlhf4j.feedback.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportDatasetsTest {
    private static final SupportWorld WORLD = SupportWorld.seeded(99);
    private static SupportDatasets datasets;

    @BeforeAll
    static void build() {
        datasets = SupportDatasets.build(WORLD, new DatasetSizes(300_000, 1_000, 800, 300));
    }

    @Test
    void setsHaveTheRequestedSizes() {
        assertThat(datasets.pretraining().sizeBytes()).isBetween(300_000L, 302_000L);
        assertThat(datasets.demonstrations()).hasSize(1_000);
        assertThat(datasets.rlPrompts()).hasSize(800);
        assertThat(datasets.evalPrompts()).hasSize(300);
    }

    @Test
    void evaluationPromptsShareNeitherTicketsNorMessagesWithTraining() {
        Set<Long> trainingIds = new HashSet<>();
        Set<String> trainingMessages = new HashSet<>();
        for (int i = 0; i < datasets.pretraining().documents().size(); i++) {
            Ticket ticket = WORLD.ticket(Split.PRETRAINING, i);
            assertThat(datasets.pretraining().documents().get(i)).startsWith("Customer: " + ticket.message() + "\n");
            trainingIds.add(ticket.id());
            trainingMessages.add(ticket.message());
        }
        datasets.demonstrations().forEach(d -> {
            trainingIds.add(d.ticket().id());
            trainingMessages.add(d.ticket().message());
        });
        datasets.rlPrompts().forEach(t -> {
            trainingIds.add(t.id());
            trainingMessages.add(t.message());
        });
        Set<String> evalMessages = new HashSet<>();
        for (Ticket ticket : datasets.evalPrompts()) {
            assertThat(trainingIds).doesNotContain(ticket.id());
            assertThat(trainingMessages).doesNotContain(ticket.message());
            assertThat(evalMessages.add(ticket.message())).as("duplicate eval message").isTrue();
        }
    }

    @Test
    void promptPlusResponseIsTheStartOfADocument() {
        Demonstration demonstration = datasets.demonstrations().get(0);
        String text = demonstration.prompt() + demonstration.response();
        assertThat(text).isEqualTo("Customer: " + demonstration.ticket().message() + "\nAgent: " + demonstration.reply().text());
        assertThat(demonstration.prompt()).endsWith("\nAgent:");
        assertThat(DialogueFormat.prompt(demonstration.ticket())).isEqualTo(demonstration.prompt());
    }

    @Test
    void demonstrationsMixGoodAndPoorRepliesAndKeepTheirQuality() {
        long good = datasets.demonstrations().stream().filter(d -> d.reply().quality().isGood()).count();
        assertThat(good).isBetween(300L, 500L);
    }

    @Test
    void buildingTwiceGivesTheSameSets() {
        SupportDatasets again = SupportDatasets.build(SupportWorld.seeded(99), new DatasetSizes(300_000, 1_000, 800, 300));
        assertThat(again).isEqualTo(datasets);
    }

    @Test
    void writesDemonstrationsAsJsonLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sft.jsonl");
        datasets.writeDemonstrations(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(datasets.demonstrations().size());
        Demonstration first = datasets.demonstrations().get(0);
        Map<String, Object> object = FlatJson.parseObject(lines.get(0));
        assertThat(object).containsEntry("prompt", first.prompt())
                .containsEntry("response", first.response())
                .containsEntry("ticket_id", first.ticket().id())
                .containsEntry("intent", first.ticket().intent().name())
                .containsEntry("resolves", first.reply().quality().resolves())
                .containsKeys("relevance", "details", "politeness", "verbosity", "asks_for_given_detail");
    }

    @Test
    void sizesRejectValuesOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> new DatasetSizes(0, 1, 1, 1)).hasMessageContaining("pretrainingBytes");
        assertThatThrownBy(() -> new DatasetSizes(1, -1, 1, 1)).hasMessageContaining("demonstrations");
        assertThatThrownBy(() -> new DatasetSizes(1, 1, -1, 1)).hasMessageContaining("rlPrompts");
        assertThatThrownBy(() -> new DatasetSizes(1, 1, 1, -1)).hasMessageContaining("evalPrompts");
    }
}
