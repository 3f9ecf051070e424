package org.rlhf4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.server.Fixtures;
import org.rlhf4j.server.TestServer;
import org.rlhf4j.server.WebClient;

/**
 * Every endpoint with a table of bad inputs (missing, oversized, wrong-typed fields, unknown ids):
 * each gets a clear 4xx naming what was wrong, and nothing in the database changes.
 */
class EndpointInputTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static TestServer t;
    static WebClient admin, ann;
    static long comparison, rating, leased;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.sqlite(tmp);
        t.annotator("ann");
        admin = t.login(TestServer.ADMIN);
        comparison = Fixtures.project(admin, "inputs", "comparison", 1, "");
        Fixtures.importItems(admin, comparison, Fixtures.comparisons(2));
        rating = Fixtures.project(admin, "stars", "rating", 1, "helpfulness");
        ann = t.login("ann");
        leased = JSON.readTree(ann.get("/api/projects/" + comparison + "/next").body()).get("item").get("id").asLong();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    record Case(String endpoint, String what, Function<WebClient, WebClient.Reply> request, WebClient as, int status, String message) {
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static Map<String, String> project(String... overrides) {
        Map<String, String> m = form("name", "p-new", "kind", "rating", "overlap", "2", "lease_seconds", "60", "criteria", "", "guidelines", "");
        m.putAll(form(overrides));
        return m;
    }

    static WebClient.Reply answer(WebClient c, long item, String body) {
        return c.postJson("/api/projects/" + comparison + "/items/" + item + "/answer", body);
    }

    List<Case> cases() {
        WebClient anon = new WebClient(t.base);
        String answers = "answer: POST /api/projects/{p}/items/{i}/answer", skip = "skip: POST /api/projects/{p}/items/{i}/skip";
        String login = "POST /login", projects = "POST /admin/projects", users = "POST /admin/users", items = "POST /admin/projects/{p}/items";
        List<Case> c = new ArrayList<>();
        c.add(new Case(login, "no username", x -> x.login("", "whatever1234"), anon, 400, "username must be given"));
        c.add(new Case(login, "oversized username", x -> x.login("u".repeat(65), "whatever1234"), anon, 400, "username must have at most 64"));
        c.add(new Case(login, "oversized password", x -> x.login("ann", "p".repeat(257)), anon, 400, "password must have at most 256"));
        c.add(new Case(projects, "no name", x -> x.postForm("/admin/projects", project("name", "")), admin, 400, "name must be given"));
        c.add(new Case(projects, "bad name", x -> x.postForm("/admin/projects", project("name", "<b>x</b>")), admin, 400, "name must be 1-80 letters"));
        c.add(new Case(projects, "oversized name", x -> x.postForm("/admin/projects", project("name", "n".repeat(81))), admin, 400, "name must have at most 80"));
        c.add(new Case(projects, "unknown kind", x -> x.postForm("/admin/projects", project("kind", "essay")), admin, 400, "kind must be one of comparison, rating, ranking, critique"));
        c.add(new Case(projects, "overlap not a number", x -> x.postForm("/admin/projects", project("overlap", "two")), admin, 400, "overlap must be an integer"));
        c.add(new Case(projects, "overlap 0", x -> x.postForm("/admin/projects", project("overlap", "0")), admin, 400, "overlap must be in 1..50"));
        c.add(new Case(projects, "lease 0", x -> x.postForm("/admin/projects", project("lease_seconds", "0")), admin, 400, "leaseSeconds must be in 1..86400"));
        c.add(new Case(projects, "criteria on a comparison", x -> x.postForm("/admin/projects", project("kind", "comparison", "criteria", "tone")), admin, 400, "criteria apply only to rating"));
        c.add(new Case(projects, "bad criterion", x -> x.postForm("/admin/projects", project("criteria", "Tone!")), admin, 400, "criteria names must be lower-case"));
        c.add(new Case(projects, "oversized guidelines", x -> x.postForm("/admin/projects", project("guidelines", "g".repeat(50_001))), admin, 400, "guidelines must have at most 50000"));
        c.add(new Case(projects, "name taken", x -> x.postForm("/admin/projects", project("name", "inputs")), admin, 409, "a project named 'inputs' exists"));
        c.add(new Case(projects, "JSON instead of a form", x -> x.postJson("/admin/projects", "{\"name\": \"j\"}"), admin, 415, "body must be a form"));
        c.add(new Case(users, "short password", x -> x.postForm("/admin/users", form("username", "new1", "password", "short", "role", "annotator")), admin, 400, "password must have at least 10"));
        c.add(new Case(users, "bad username", x -> x.postForm("/admin/users", form("username", "a b", "password", "0123456789ab", "role", "annotator")), admin, 400, "username must be 1-64 letters"));
        c.add(new Case(users, "bad role", x -> x.postForm("/admin/users", form("username", "new1", "password", "0123456789ab", "role", "root")), admin, 400, "role must be annotator or admin"));
        c.add(new Case(users, "no role", x -> x.postForm("/admin/users", form("username", "new1", "password", "0123456789ab")), admin, 400, "role must be given"));
        c.add(new Case(users, "username taken", x -> x.postForm("/admin/users", form("username", "ann", "password", "0123456789ab", "role", "annotator")), admin, 409, "username ann is taken"));
        c.add(new Case(items, "no file", x -> x.postForm("/admin/projects/" + comparison + "/items", form()), admin, 415, "multipart/form-data"));
        c.add(new Case(items, "unknown project", x -> x.upload("/admin/projects/999/items", "a.jsonl", Fixtures.comparisons(1).getBytes()), admin, 404, "no project 999"));
        c.add(new Case(items, "a line that is not JSON", x -> x.upload("/admin/projects/" + comparison + "/items", "a.jsonl", (Fixtures.comparisons(1) + "{oops\n").getBytes()), admin, 400, "a.jsonl:2: not JSON"));
        c.add(new Case(items, "responses missing", x -> x.upload("/admin/projects/" + comparison + "/items", "b.jsonl", "{\"prompt\": \"p\", \"responses\": \"x\"}\n".getBytes()), admin, 400, "b.jsonl:1: field \"responses\": must be a list of texts"));
        c.add(new Case(items, "one response for a comparison", x -> x.upload("/admin/projects/" + comparison + "/items", "c.jsonl", "{\"prompt\": \"p\", \"responses\": [\"x\"]}\n".getBytes()), admin, 400, "c.jsonl:1: field \"responses\": a comparison item needs exactly 2 responses, got 1"));
        c.add(new Case(items, "honeypot of the wrong kind", x -> x.upload("/admin/projects/" + comparison + "/items", "d.jsonl", "{\"prompt\": \"p\", \"responses\": [\"x\", \"y\"], \"honeypot\": {\"stars\": 3}}\n".getBytes()), admin, 400, "d.jsonl:1: field \"honeypot\": of a comparison must give \"choice\""));
        c.add(new Case(items, "unknown field", x -> x.upload("/admin/projects/" + comparison + "/items", "e.jsonl", "{\"prompt\": \"p\", \"responses\": [\"x\", \"y\"], \"answer\": 1}\n".getBytes()), admin, 400, "e.jsonl:1: field \"answer\": is not a field of an item"));
        c.add(new Case(items, "oversized response", x -> x.upload("/admin/projects/" + comparison + "/items", "f.jsonl", ("{\"prompt\": \"p\", \"responses\": [\"x\", \"" + "y".repeat(100_001) + "\"]}\n").getBytes()), admin, 400, "f.jsonl:1: field \"responses[1]\": must have at most 100000 characters"));
        c.add(new Case(items, "not UTF-8", x -> x.upload("/admin/projects/" + comparison + "/items", "g.jsonl", new byte[] {'{', (byte) 0xff, '}', '\n'}), admin, 400, "g.jsonl: not UTF-8 text"));
        c.add(new Case("GET /admin/projects/{p}/export", "unknown format", x -> x.get("/admin/projects/" + comparison + "/export?format=csv"), admin, 400, "format must be feedback, trl or hh"));
        c.add(new Case("GET /admin/projects/{p}/export", "TRL of a rating project", x -> x.get("/admin/projects/" + rating + "/export?format=trl"), admin, 400, "TRL export is for comparison projects"));
        c.add(new Case("GET /admin/projects/{p}/export", "HH-RLHF of a rating project", x -> x.get("/admin/projects/" + rating + "/export?format=hh"), admin, 400, "HH-RLHF export is for comparison projects"));
        c.add(new Case("GET /admin/projects/{p}/export", "unknown project", x -> x.get("/admin/projects/424242/export"), admin, 404, "no project 424242"));
        c.add(new Case("GET /admin/projects/{p}", "id not a number", x -> x.get("/admin/projects/abc"), admin, 400, "project must be a number"));
        c.add(new Case("GET /api/projects/{p}/next", "unknown project", x -> x.get("/api/projects/77/next"), ann, 404, "no project 77"));
        c.add(new Case(answers, "not JSON content", x -> x.postForm("/api/projects/" + comparison + "/items/" + leased + "/answer", form("answer", "a")), ann, 415, "body must be JSON"));
        c.add(new Case(answers, "invalid JSON", x -> answer(x, leased, "{\"answer\": "), ann, 400, "body is not valid JSON"));
        c.add(new Case(answers, "a JSON array", x -> answer(x, leased, "[1]"), ann, 400, "body must be a JSON object"));
        c.add(new Case(answers, "duplicate keys", x -> answer(x, leased, "{\"answer\": {\"choice\": \"a\", \"choice\": \"b\"}}"), ann, 400, "Duplicate field"));
        c.add(new Case(answers, "no answer", x -> answer(x, leased, "{}"), ann, 400, "answer must be a JSON object"));
        c.add(new Case(answers, "no choice", x -> answer(x, leased, "{\"answer\": {}}"), ann, 400, "choice must be one of a, b, tie, both_bad"));
        c.add(new Case(answers, "choice of the wrong type", x -> answer(x, leased, "{\"answer\": {\"choice\": 1}}"), ann, 400, "choice must be one of a, b, tie, both_bad"));
        c.add(new Case(answers, "strength out of range", x -> answer(x, leased, "{\"answer\": {\"choice\": \"a\", \"strength\": 7}}"), ann, 400, "strength must be in 1..3, got 7"));
        c.add(new Case(answers, "strength not an integer", x -> answer(x, leased, "{\"answer\": {\"choice\": \"a\", \"strength\": \"much\"}}"), ann, 400, "strength must be an integer"));
        c.add(new Case(answers, "strength on a tie", x -> answer(x, leased, "{\"answer\": {\"choice\": \"tie\", \"strength\": 1}}"), ann, 400, "strength applies only when A or B is chosen"));
        c.add(new Case(answers, "unknown field", x -> answer(x, leased, "{\"answer\": {\"choice\": \"a\", \"stars\": 5}}"), ann, 400, "stars is not a field of this answer"));
        c.add(new Case(answers, "item id unknown", x -> answer(x, 987654, "{\"answer\": {\"choice\": \"a\"}}"), ann, 404, "item 987654 is not leased to you"));
        c.add(new Case(answers, "oversized body", x -> answer(x, leased, "{\"answer\": {\"choice\": \"a\"}, \"x\": \"" + "x".repeat(1 << 20) + "\"}"), ann, 413, "larger than 1048576 bytes"));
        c.add(new Case(answers, "oversized body without Content-Length", x -> x.send(HttpRequest.newBuilder(URI.create(t.base + "/api/projects/" + comparison + "/items/" + leased + "/answer"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", ann.csrf)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(("{\"x\": \"" + "x".repeat(1 << 21) + "\"}").getBytes(StandardCharsets.UTF_8))))), ann, 413, "larger than 1048576 bytes"));
        c.add(new Case(skip, "no reason", x -> x.postJson("/api/projects/" + comparison + "/items/" + leased + "/skip", "{}"), ann, 400, "reason must say why"));
        c.add(new Case(skip, "reason not text", x -> x.postJson("/api/projects/" + comparison + "/items/" + leased + "/skip", "{\"reason\": 5}"), ann, 400, "reason must be text"));
        c.add(new Case(skip, "oversized reason", x -> x.postJson("/api/projects/" + comparison + "/items/" + leased + "/skip", "{\"reason\": \"" + "r".repeat(501) + "\"}"), ann, 400, "reason must have at most 500"));
        c.add(new Case("POST /api/projects/{p}/undo", "nothing to undo", x -> x.postJson("/api/projects/" + comparison + "/undo", "{}"), ann, 409, "nothing to undo"));
        c.add(new Case("GET /api/answers/{a}", "unknown answer", x -> x.get("/api/answers/31337"), ann, 404, "no answer 31337 of yours"));
        c.add(new Case("GET /api/nowhere", "unknown endpoint", x -> x.get("/api/nowhere"), ann, 404, "Endpoint GET /api/nowhere not found"));
        return c;
    }

    @Test
    void everyBadInputGetsAClearRefusalAndLosesNothing() {
        List<String> endpoints = new ArrayList<>();
        for (Case c : cases()) {
            Map<String, Long> before = Fixtures.rowCounts(t);
            WebClient.Reply r = c.request().apply(c.as());
            String label = c.endpoint() + ", " + c.what();
            assertThat(r.status()).as(label + ": " + r.body()).isEqualTo(c.status());
            assertThat(r.body()).as(label).contains(Html.escape(c.message()));
            assertThat(Fixtures.rowCounts(t)).as(label + " changed the database").isEqualTo(before);
            endpoints.add(c.endpoint());
        }
        assertThat(endpoints).as("every state-changing endpoint has cases").contains("POST /login", "POST /admin/projects", "POST /admin/users",
                "POST /admin/projects/{p}/items", "answer: POST /api/projects/{p}/items/{i}/answer", "skip: POST /api/projects/{p}/items/{i}/skip", "POST /api/projects/{p}/undo");
    }

    @Test
    void afterTheRefusalsTheLeasedItemStillTakesAGoodAnswer() {
        WebClient.Reply r = answer(ann, leased, "{\"answer\": {\"choice\": \"b\", \"strength\": 2}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(ann.get("/api/projects/" + comparison + "/answers").body()).contains("\"choice\":\"b\"").contains("\"strength\":2");
    }
}
