package org.rlhf4j.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a fresh machine JavaCPP's cache is empty, and the first libtorch load aborted the JVM
 * unless the bundled natives were extracted first. This runs {@link Engine#load()} in a child JVM
 * whose cache directory is a new empty folder, does arithmetic, and checks the answer.
 */
class FreshCacheTest {
    @TempDir
    Path cache;

    /** Child process entry point: 2 x 3 matmul of ones times 3 x 1 ones = 3 in each row. */
    public static void main(String[] args) {
        Engine.load();
        Engine.setThreads(1);
        try (Scope s = Scope.open()) {
            Tensor r = torch.ones(2, 3).matmul(torch.ones(3, 1));
            System.out.println("result " + TensorData.toFloats(r)[0] + " " + TensorData.toFloats(r)[1]);
        }
    }

    @Test
    void firstLoadWithAnEmptyCacheWorks() throws IOException, InterruptedException {
        assertThat(Files.list(cache)).isEmpty();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-Dorg.bytedeco.javacpp.cachedir=" + cache, "-cp",
                System.getProperty("java.class.path"), FreshCacheTest.class.getName()))
                .redirectErrorStream(true).start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("child JVM finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("result 3.0 3.0");
        assertThat(Files.list(cache)).as("natives were extracted into the empty cache").isNotEmpty();
    }
}
