package org.rlhf4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;

class ProvenanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA_OF_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    @Test
    void hashesFilesWithStandardSha256() throws Exception {
        assertThat(Provenance.sha256(Files.writeString(dir.resolve("abc"), "abc"))).isEqualTo(SHA_OF_ABC);
        assertThat(Provenance.sha256(Files.writeString(dir.resolve("empty"), ""))).isEqualTo(SHA_OF_EMPTY);
    }

    @Test
    void hashesADirectoryAsItsSortedListing() throws Exception {
        Path ckpt = Files.createDirectory(dir.resolve("ckpt"));
        Files.writeString(Files.createDirectory(ckpt.resolve("sub")).resolve("b.txt"), "");
        Files.writeString(ckpt.resolve("a.txt"), "abc");
        Files.createDirectory(ckpt.resolve("empty-dir"));
        // sha256("a.txt\0" + SHA_OF_ABC + "\n" + "sub/b.txt\0" + SHA_OF_EMPTY + "\n"), by Python's hashlib
        assertThat(Provenance.sha256(ckpt)).isEqualTo("4bb25ecfe8940d54bf6d8eef702c2dc77dc120da0afa40c1de30675f9723d9e2");
    }

    @Test
    void writesAndReadsBackEveryField() throws Exception {
        Path data = Files.writeString(dir.resolve("train.jsonl"), "abc");
        Path parent = Files.createDirectory(dir.resolve("parent"));
        Provenance provenance = sample()
                .withDataFiles(List.of(Provenance.DataFile.of(data)))
                .withParent(Provenance.ParentCheckpoint.of(parent))
                .withEngineVersions(Map.of("libtorch", "2.10.0"))
                .withCommandLine(List.of("rlhf4j", "pretrain", "--steps", "10"));
        assertThat(provenance.dataFiles().get(0)).isEqualTo(new Provenance.DataFile(data.toString(), SHA_OF_ABC, 3));

        Path file = provenance.write(dir.resolve(Provenance.FILE_NAME));
        assertThat(Provenance.read(file)).isEqualTo(provenance);
        JsonNode json = JSON.readTree(file.toFile());
        assertThat(json.get("format_version").asInt()).isEqualTo(1);
        assertThat(json.get("seed_streams").get("model_init").asLong()).isEqualTo(SeedStreams.of(42).seed("model_init"));
        assertThat(json.get("parent").get("sha256").asText()).isEqualTo(SHA_OF_EMPTY); // an empty directory: empty listing
        assertThat(Files.readString(file)).contains("\n  \"kind\" : \"pretrain\""); // pretty-printed
        assertThat(dir.resolve("." + Provenance.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void aRunFromScratchHasANullParent() throws Exception {
        Provenance provenance = sample();
        Path file = provenance.write(dir.resolve(Provenance.FILE_NAME));
        assertThat(JSON.readTree(file.toFile()).get("parent").isNull()).isTrue();
        assertThat(Provenance.read(file).parent()).isNull();
    }

    @Test
    void captureRecordsThisMachineAndTheNamedStreams() {
        Provenance provenance = Provenance.capture("sft", JSON.createObjectNode(), SeedStreams.of(3), SeedStreams.DATA_ORDER);
        assertThat(provenance.seed()).isEqualTo(3);
        assertThat(provenance.seedStreams()).containsExactly(Map.entry(SeedStreams.DATA_ORDER, SeedStreams.of(3).seed(SeedStreams.DATA_ORDER)));
        assertThat(provenance.versions().java()).isEqualTo(Runtime.version().toString());
        assertThat(provenance.versions().arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(provenance.cpuCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void configIsCopiedNotShared() {
        ObjectNode config = JSON.createObjectNode().put("lr", 0.001);
        Provenance provenance = Provenance.capture("ppo", config, SeedStreams.of(1));
        config.put("lr", 1.0);
        ((ObjectNode) provenance.config()).put("lr", 2.0);
        assertThat(provenance.config().get("lr").asDouble()).isEqualTo(0.001);
    }

    @Test
    void refusesAFutureFormatVersion() throws Exception {
        ObjectNode json = sample().toJson().put("format_version", 2);
        Path file = Files.writeString(dir.resolve("run.json"), json.toPrettyString());
        assertThatThrownBy(() -> Provenance.read(file)).isInstanceOf(UserError.class)
                .hasMessage(file + ": format_version 2 is newer than this rlhf4j reads (up to 1);"
                        + " it was written by a later rlhf4j, upgrade to read it");
    }

    @Test
    void namesTheFileAndFieldOfBadInput() throws Exception {
        Path file = dir.resolve("run.json");
        Files.writeString(file, sample().toJson().put("seed", "forty-two").toString());
        assertThatThrownBy(() -> Provenance.read(file)).isInstanceOf(UserError.class)
                .hasMessage(file + ": field \"seed\" must be a 64-bit integer, got \"forty-two\"");
        ObjectNode missing = sample().toJson();
        missing.remove("kind");
        Files.writeString(file, missing.toString());
        assertThatThrownBy(() -> Provenance.read(file)).hasMessage(file + ": field \"kind\" is missing");
        Files.writeString(file, "{\"kind\": ");
        assertThatThrownBy(() -> Provenance.read(file)).isInstanceOf(UserError.class).hasMessageContaining(file + ": not valid JSON");
        ObjectNode noVersion = sample().toJson();
        noVersion.remove("format_version");
        Files.writeString(file, noVersion.toString());
        assertThatThrownBy(() -> Provenance.read(file)).hasMessageContaining("field \"format_version\" must be a positive integer");
    }

    @Test
    void validatesFieldsNamingThem() {
        assertThatThrownBy(() -> new Provenance.DataFile("x", "abc", -1)).hasMessage("sizeBytes must be >= 0, got -1");
        assertThatThrownBy(() -> sample().withCommandLine(List.of()).withDataFiles(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Provenance.capture(" ", JSON.createObjectNode(), SeedStreams.of(1))).hasMessage("kind must be non-blank, got ' '");
    }

    private static Provenance sample() {
        ObjectNode config = JSON.createObjectNode().put("learning_rate", 3e-4).put("steps", 1000);
        config.putObject("model").put("layers", 4);
        return new Provenance("pretrain", Instant.parse("2025-01-31T10:15:30.123456Z"), config, 42,
                Map.of("model_init", SeedStreams.of(42).seed("model_init")), List.of(), null,
                new Provenance.Versions("0.1.0", "17.0.15+6", "Linux 6.1", "amd64", Map.of()), List.of(), 2);
    }
}
