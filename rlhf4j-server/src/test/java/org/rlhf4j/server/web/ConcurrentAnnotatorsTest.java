package org.rlhf4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.server.Databases;
import org.rlhf4j.server.Fixtures;
import org.rlhf4j.server.TestServer;
import org.rlhf4j.server.WebClient;

/**
 * Many annotators answering at the same moment against the real server on loopback, each also
 * sending every answer twice at once: every acknowledged answer is in the database exactly once,
 * every item gets exactly its overlap, and no item is leased to more annotators than that.
 */
class ConcurrentAnnotatorsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ANNOTATORS = 16, ITEMS = 40, OVERLAP = 3;

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void nothingIsLostOrCountedTwice(Databases.Kind kind) throws Exception {
        try (TestServer t = TestServer.on(Databases.fresh(kind))) {
            WebClient admin = t.login(TestServer.ADMIN);
            long project = Fixtures.project(admin, "load", "comparison", OVERLAP, "");
            Fixtures.importItems(admin, project, Fixtures.comparisons(ITEMS));
            List<WebClient> clients = new ArrayList<>();
            for (int i = 0; i < ANNOTATORS; i++) {
                t.annotator("ann" + i);
                clients.add(t.login("ann" + i));
            }
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            Map<Long, Set<String>> leasedTo = new ConcurrentHashMap<>();
            List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(ANNOTATORS * 2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < ANNOTATORS; i++) {
                WebClient c = clients.get(i);
                String who = "ann" + i;
                done.add(pool.submit(() -> {
                    go.await();
                    int answered = 0;
                    while (true) {
                        JsonNode next = JSON.readTree(c.get("/api/projects/" + project + "/next").body());
                        if (next.get("done").asBoolean()) return answered;
                        long item = next.get("item").get("id").asLong();
                        if (!leasedTo.computeIfAbsent(item, k -> ConcurrentHashMap.newKeySet()).add(who)) violations.add(who + " was leased item " + item + " twice");
                        String body = "{\"answer\": {\"choice\": \"" + (answered % 2 == 0 ? "a" : "b") + "\"}}";
                        String path = "/api/projects/" + project + "/items/" + item + "/answer";
                        // the same answer twice at once, as a double click or a retry would send it
                        Future<WebClient.Reply> twin = pool.submit(() -> c.postJson(path, body));
                        WebClient.Reply first = c.postJson(path, body), second = twin.get();
                        int ok = 0;
                        for (WebClient.Reply r : List.of(first, second)) {
                            if (r.status() == 200) {
                                ok++;
                                acknowledged.add(JSON.readTree(r.body()).get("answerId").asLong());
                            } else if (r.status() != 409) {
                                violations.add("unexpected " + r.status() + ": " + r.body());
                            }
                        }
                        if (ok != 1) violations.add(who + " got " + ok + " acknowledgements for item " + item);
                        answered++;
                    }
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : done) total += f.get(150, TimeUnit.SECONDS);
            pool.shutdown();

            assertThat(violations).isEmpty();
            assertThat(total).isEqualTo(ITEMS * OVERLAP);
            assertThat(leasedTo).hasSize(ITEMS).allSatisfy((item, users) -> assertThat(users).hasSize(OVERLAP));
            Fixtures.StoredAnswers stored = Fixtures.storedAnswers(t.server.database());
            assertThat(stored.ids()).isEqualTo(acknowledged);
            assertThat(stored.repeatedItemAndUser()).isEmpty();
            assertThat(stored.driftedCounts()).isEmpty();
            assertThat(stored.perItem()).hasSize(ITEMS).allSatisfy((item, n) -> assertThat(n).isEqualTo(OVERLAP));
        }
    }
}
