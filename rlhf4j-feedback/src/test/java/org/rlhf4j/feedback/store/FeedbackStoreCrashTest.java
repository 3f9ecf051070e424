package org.rlhf4j.feedback.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Rating;

/** A writer killed at an arbitrary moment loses nothing it reported as synced and damages nothing before. */
class FeedbackStoreCrashTest {
    @TempDir
    Path dir;

    @Test
    void killedWriterLeavesEverySyncedRecordReadable() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), AppendingChild.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        AtomicLong synced = new AtomicLong();
        Thread watcher = new Thread(() -> watch(child, synced));
        watcher.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (synced.get() < 20 * 50 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            watcher.join(5000);
        }
        assertThat(synced.get()).as("the child should have synced batches before it was killed").isPositive();

        ReadResult read = FeedbackStore.read(file);

        assertThat(read.records().size()).isGreaterThanOrEqualTo((int) synced.get());
        assertThat(read.problems()).hasSizeLessThanOrEqualTo(1);
        long lines = read.records().size() + read.problems().size();
        read.problems().forEach(p -> {
            assertThat(p.line()).isEqualTo(lines);
            assertThat(p.message()).isEqualTo(FeedbackStore.TORN_MESSAGE);
        });
        List<Feedback> records = read.records();
        for (int i = 0; i < records.size(); i++) {
            Rating r = (Rating) records.get(i);
            // Record i is batch i / 50, position i % 50, exactly as the child made it.
            assertThat(r).isEqualTo(Examples.rating("b" + i / 50 + "-" + i % 50 + "-" + "x".repeat(200), 1 + (i % 50) % 5));
        }

        try (FeedbackStore store = FeedbackStore.open(file)) {
            store.append(List.of(Examples.rating("after", 3)));
        }
        ReadResult after = FeedbackStore.read(file);
        assertThat(after.problems()).isEmpty();
        assertThat(after.records()).hasSize(records.size() + 1);
    }

    private static void watch(Process child, AtomicLong synced) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("synced ")) synced.set(Long.parseLong(line.substring(7)));
                else System.err.println("child: " + line);
            }
        } catch (java.io.IOException e) {
            // The child was killed; its output ends here.
        }
    }
}
