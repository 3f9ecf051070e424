package org.rlhf4j.feedback.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainingCorpusTest {

    @Test
    void defaultSizeCorpusIsAboutThreeMegabytes() {
        PretrainingCorpus corpus = PretrainingCorpus.generate(SupportWorld.seeded(1), PretrainingCorpus.DEFAULT_BYTES);
        assertThat(corpus.sizeBytes()).isBetween(PretrainingCorpus.DEFAULT_BYTES, PretrainingCorpus.DEFAULT_BYTES + 2_000);
        assertThat(corpus.documents()).hasSizeGreaterThan(4_000);
    }

    @Test
    void sizeOvershootsTheTargetByLessThanOneDocument() {
        PretrainingCorpus corpus = PretrainingCorpus.generate(SupportWorld.seeded(2), 100_000);
        List<String> documents = corpus.documents();
        long withoutLast = corpus.sizeBytes() - PretrainingCorpus.utf8Length(documents.get(documents.size() - 1));
        assertThat(corpus.sizeBytes()).isGreaterThanOrEqualTo(100_000);
        assertThat(withoutLast).isLessThan(100_000);
    }

    @Test
    void sameSeedWritesTheSameBytesDifferentSeedDifferentOnes(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");
        Path other = dir.resolve("c.jsonl");
        PretrainingCorpus.generate(SupportWorld.seeded(7), 50_000).write(first);
        PretrainingCorpus.generate(SupportWorld.seeded(7), 50_000).write(second);
        PretrainingCorpus.generate(SupportWorld.seeded(8), 50_000).write(other);
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(Files.readAllBytes(first)).isNotEqualTo(Files.readAllBytes(other));
    }

    /**
     * Golden: pins the exact bytes for one seed, which also proves that nothing depends on hash
     * iteration order or anything else that changes between JVM runs. Editing any phrase list
     * changes the corpus on purpose; then update the digest, and say so in the commit message,
     * because corpora and models made before no longer match.
     */
    @Test
    void corpusForSeed42IsByteStable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("golden.jsonl");
        PretrainingCorpus.generate(SupportWorld.seeded(42), 20_000).write(file);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertThat(digest).isEqualTo(GOLDEN_SHA256);
    }

    private static final String GOLDEN_SHA256 = "c4cf97a2924ca269b2fe0263e60bd184b0068063103948f4b1e4ccca444938a6";

    @Test
    void documentsAreConversationsWithAlternatingSpeakers() {
        for (String document : PretrainingCorpus.generate(SupportWorld.seeded(3), 30_000).documents()) {
            String[] lines = document.split("\n", -1);
            assertThat(lines.length).isIn(2, 4);
            for (int i = 0; i < lines.length; i++) {
                assertThat(lines[i]).startsWith(i % 2 == 0 ? "Customer: " : "Agent: ");
            }
        }
    }

    @Test
    void writesOneJsonObjectPerDocument(@TempDir Path dir) throws Exception {
        PretrainingCorpus corpus = PretrainingCorpus.generate(SupportWorld.seeded(4), 20_000);
        Path file = dir.resolve("corpus.jsonl");
        corpus.write(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(corpus.documents().size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(FlatJson.parseObject(lines.get(i)).get("text")).isEqualTo(corpus.documents().get(i));
        }
    }

    @Test
    void rejectsTargetsOutOfRangeNamingTheParameter() {
        SupportWorld world = SupportWorld.seeded(1);
        assertThatThrownBy(() -> PretrainingCorpus.generate(world, 0)).hasMessageContaining("targetBytes");
        assertThatThrownBy(() -> PretrainingCorpus.generate(world, PretrainingCorpus.MAX_BYTES + 1))
                .hasMessageContaining("targetBytes");
    }

    @Test
    void utf8LengthCountsMultiByteCharacters() {
        assertThat(PretrainingCorpus.utf8Length("abc")).isEqualTo(3);
        assertThat(PretrainingCorpus.utf8Length("Zoë")).isEqualTo(4);
        assertThat(PretrainingCorpus.utf8Length("€")).isEqualTo(3);
        assertThat(PretrainingCorpus.utf8Length("😀")).isEqualTo(4);
        assertThat(PretrainingCorpus.utf8Length("Zoë 😀 €"))
                .isEqualTo("Zoë 😀 €".getBytes(StandardCharsets.UTF_8).length);
    }
}
