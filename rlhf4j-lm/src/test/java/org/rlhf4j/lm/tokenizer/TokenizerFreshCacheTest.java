package org.rlhf4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL extracts its native library into a cache directory on first use. A new machine (CI, a
 * user's laptop, a GPU node with no internet) starts with that directory empty; loading must
 * then work from the jar alone, without any download.
 */
class TokenizerFreshCacheTest {

    @Test
    void loadsWithAnEmptyCacheAndNoNetwork(@TempDir Path dir) throws Exception {
        Path tokenizerJson = dir.resolve("tokenizer.json");
        BpeTrainer.train(List.of("fresh cache ok"), BpeTrainerConfig.defaults())
                .write(tokenizerJson);
        Path cache = dir.resolve("empty-djl-cache");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-DDJL_CACHE_DIR=" + cache,
                FreshCacheProbe.class.getName(), tokenizerJson.toString())
                .redirectErrorStream(true);
        // The environment would win over the system property; make the child see none of it.
        Stream.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "RUST_FLAVOR", "OPT_OUT_TRACKING",
                "DJL_OFFLINE").forEach(builder.environment()::remove);
        Process process = builder.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as("probe finished within 60 s; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains("decoded=fresh cache ok").contains("network=[]");
        assertThat(extractedLibraries(cache)).as("native library extracted into the empty cache")
                .singleElement().asString()
                .contains(cache.resolve("tokenizers").toString())
                .contains("-cpu-");
    }

    private static List<Path> extractedLibraries(Path cache) throws IOException {
        String name = System.mapLibraryName("tokenizers");
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).toList();
        }
    }
}
