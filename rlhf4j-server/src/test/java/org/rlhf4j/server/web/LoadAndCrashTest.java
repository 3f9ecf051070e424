package org.rlhf4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.server.CrashTarget;
import org.rlhf4j.server.Databases;
import org.rlhf4j.server.Fixtures;
import org.rlhf4j.server.TestServer;
import org.rlhf4j.server.WebClient;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.Role;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseLocation;
import org.rlhf4j.server.project.ItemImport;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.ProjectSpec;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.project.TaskKind;

/**
 * 50 simulated annotators answer against the server in a child JVM on loopback for a bounded
 * time, then the server is killed with SIGKILL mid-load. After a restart every acknowledged
 * answer is in the database, no item has more answers than its overlap, and nobody answered an
 * item twice. Throughput and p99 latency are printed ({@code -Drlhf4j.load.seconds=60} for the
 * BENCHMARKS.md run; 8 s by default).
 */
class LoadAndCrashTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ANNOTATORS = 50, OVERLAP = 3;
    /** Enough items that the annotators cannot finish them in the run (about 150 answers/s here), so the load never runs dry. */
    static final long SECONDS = Long.getLong("rlhf4j.load.seconds", 8);
    static final int ITEMS = (int) Math.max(2000, SECONDS * 200);

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void sigkillMidLoadLosesNoAcknowledgedAnswer(Databases.Kind kind) throws Exception {
        DatabaseLocation db = Databases.fresh(kind);
        long projectId = prepare(db);

        Process child = startChild(db);
        int port = port(child);
        String base = "http://127.0.0.1:" + port;
        List<WebClient> clients = new ArrayList<>();
        for (int i = 0; i < ANNOTATORS; i++) {
            WebClient c = new WebClient(base);
            assertThat(c.login("ann" + i, TestServer.PASSWORD).status()).isEqualTo(303);
            clients.add(c);
        }
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(ANNOTATORS);
        long start = System.nanoTime(), end = start + TimeUnit.SECONDS.toNanos(SECONDS);
        List<Future<?>> running = new ArrayList<>();
        for (WebClient c : clients) {
            running.add(pool.submit(() -> annotate(c, projectId, end, acknowledged, latenciesMicros, violations)));
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
        child.waitFor(30, TimeUnit.SECONDS);
        for (Future<?> f : running) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;

        assertThat(violations).isEmpty();
        assertThat(acknowledged).as("the load did something").hasSizeGreaterThan(ANNOTATORS);
        assertThat(acknowledged).as("the load ran until the kill, not out of items").hasSizeLessThan(ITEMS * OVERLAP);
        try (TestServer restarted = TestServer.startWithoutAdmin(db)) {
            Fixtures.StoredAnswers stored = Fixtures.storedAnswers(restarted.server.database());
            assertThat(stored.ids()).as("every acknowledged answer survived SIGKILL").containsAll(acknowledged);
            assertThat(stored.ids().size() - acknowledged.size()).as("at most one answer per annotator in flight when killed").isLessThanOrEqualTo(ANNOTATORS);
            assertThat(stored.perItem().values()).allMatch(n -> n <= OVERLAP);
            assertThat(stored.repeatedItemAndUser()).isEmpty();
            assertThat(stored.driftedCounts()).isEmpty();
            WebClient after = new WebClient(restarted.base);
            assertThat(after.login("ann0", TestServer.PASSWORD).status()).isEqualTo(303);
            assertThat(after.get("/api/projects/" + projectId + "/next").status()).as("the restarted server serves the queue").isEqualTo(200);
        }
        long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "load (%s): %d annotators, %.1f s, %d acknowledged answers, %.0f answers/s, latency p50 %.1f ms, p99 %.1f ms%n",
                kind, ANNOTATORS, elapsed, acknowledged.size(), acknowledged.size() / elapsed, sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0);
    }

    /** Loops next + answer until the deadline or until the server is gone; records acknowledged answer ids and each answer's latency. */
    private static void annotate(WebClient c, long project, long end, Set<Long> acknowledged, ConcurrentLinkedQueue<Long> latencies, List<String> violations) {
        int n = 0;
        try {
            while (true) {
                WebClient.Reply next = c.get("/api/projects/" + project + "/next");
                if (next.status() != 200) {
                    violations.add("next: " + next.status() + " " + next.body());
                    return;
                }
                JsonNode body = JSON.readTree(next.body());
                if (body.get("done").asBoolean()) return;
                long item = body.get("item").get("id").asLong();
                long t0 = System.nanoTime();
                WebClient.Reply r = c.postJson("/api/projects/" + project + "/items/" + item + "/answer", "{\"answer\": {\"choice\": \"" + (n++ % 3 == 0 ? "b" : "a") + "\"}}");
                latencies.add((System.nanoTime() - t0) / 1000);
                if (r.status() != 200) {
                    violations.add("answer: " + r.status() + " " + r.body());
                    return;
                }
                acknowledged.add(JSON.readTree(r.body()).get("answerId").asLong());
            }
        } catch (java.io.UncheckedIOException e) {
            // the server was killed: what was acknowledged before is what must survive
        } catch (java.io.IOException e) {
            violations.add("unreadable reply: " + e);
        }
    }

    private static long prepare(DatabaseLocation location) throws Exception {
        try (Database db = Database.open(location)) {
            Accounts accounts = new Accounts(db, new PasswordHasher(PasswordHasher.MIN_ITERATIONS));
            User admin = accounts.create(TestServer.ADMIN, TestServer.PASSWORD, Role.ADMIN);
            for (int i = 0; i < ANNOTATORS; i++) accounts.create("ann" + i, TestServer.PASSWORD, Role.ANNOTATOR);
            Project p = new Projects(db).create(new ProjectSpec("load", TaskKind.COMPARISON, "", OVERLAP, 600, List.of()), admin);
            Path items = java.nio.file.Files.createTempFile("load", ".jsonl");
            java.nio.file.Files.writeString(items, Fixtures.comparisons(ITEMS));
            ItemImport.run(db, p, items, "load.jsonl", admin);
            return p.id();
        }
    }

    private static Process startChild(DatabaseLocation db) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), CrashTarget.class.getName(), db.jdbcUrl()));
        if (db.user() != null) command.add(db.user());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int port(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("port ")) return Integer.parseInt(line.substring(5).trim());
        }
        throw new IllegalStateException("the server in the child JVM did not start (exit " + child.waitFor() + ")");
    }
}
