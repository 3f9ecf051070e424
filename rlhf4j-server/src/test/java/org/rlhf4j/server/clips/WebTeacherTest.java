package org.rlhf4j.server.clips;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.control.preference.Segment;
import org.rlhf4j.server.Databases;
import org.rlhf4j.server.Fixtures;
import org.rlhf4j.server.TestServer;
import org.rlhf4j.server.WebClient;
import org.rlhf4j.server.project.ItemJson;
import org.rlhf4j.server.project.Project;

/**
 * The web teacher against the real server: the training side posts a query and waits, an
 * annotator answers it over HTTP as the browser does, and the training gets the label. Bad
 * answers to a clip query are refused with their exact message, change nothing, and leave the
 * training waiting.
 */
class WebTeacherTest {
    @TempDir
    java.nio.file.Path tmp;

    private TestServer t;
    private final ExecutorService training = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        training.shutdownNow();
        if (t != null) t.close();
    }

    /** A CartPole clip of 5 steps: the cart at {@code x}, the pole at angles 0.01·k·tilt; it terminates after {@code realSteps}. */
    static Segment clip(float x, float tilt, int realSteps) {
        float[] obs = new float[realSteps * 4], actions = new float[realSteps], rewards = new float[5];
        for (int k = 0; k < realSteps; k++) {
            obs[k * 4] = x;
            obs[k * 4 + 2] = 0.01f * k * tilt;
            actions[k] = k % 2;
            rewards[k] = 1;
        }
        return new Segment(obs, actions, rewards, realSteps, 4, 1, 3, 10);
    }

    private WebTeacher teacher(Project p, long timeoutMillis, java.util.function.LongSupplier clock, WebTeacher.Sleeper sleeper) {
        return new WebTeacher(new ClipQueries(t.server.database(), clock), p, "CartPole-v1", t.base + "/projects/" + p.id() + "/annotate",
                new PrintStream(terminal, true, StandardCharsets.UTF_8), timeoutMillis, clock, sleeper, "run1");
    }

    private Project clipsProject() {
        return new ClipQueries(t.server.database(), System::currentTimeMillis).project("CartPole-v1 clips", "CartPole-v1");
    }

    /** The annotator's next item, polling until the training has posted one. */
    static JsonNode nextItem(WebClient c, long project) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            JsonNode next = ItemJson.read(c.get("/api/projects/" + project + "/next").body());
            if (!next.get("done").asBoolean()) return next.get("item");
            Thread.sleep(20);
        }
        throw new AssertionError("the training posted no query");
    }

    static WebClient.Reply answer(WebClient c, long project, long item, String answerJson) {
        return c.postJson("/api/projects/" + project + "/items/" + item + "/answer", "{\"answer\": " + answerJson + "}");
    }

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void answersGivenOverHttpReachTheTrainingAndCloseTheQuery(Databases.Kind kind) throws Exception {
        t = TestServer.on(Databases.fresh(kind));
        t.annotator("ann");
        WebClient ann = t.login("ann");
        Project p = clipsProject();
        WebTeacher teacher = teacher(p, 0, System::currentTimeMillis, Thread::sleep);
        List<String> answers = List.of("{\"choice\": \"a\"}", "{\"choice\": \"b\"}", "{\"choice\": \"tie\"}", "skip");
        List<OptionalDouble> labels = new ArrayList<>();
        for (String a : answers) {
            CompletableFuture<OptionalDouble> label = CompletableFuture.supplyAsync(() -> teacher.compare(clip(0.5f, 1, 5), clip(-1f, -3, 3)), training);
            JsonNode item = nextItem(ann, p.id());
            assertThat(item.get("prompt").get(0).get("content").asText()).isEqualTo("CartPole-v1, query " + (labels.size() + 1) + ": which clip is better? (A left, B right; 5 steps each)");
            JsonNode left = ItemJson.read(item.get("responses").get(0).asText()), right = ItemJson.read(item.get("responses").get(1).asText());
            assertThat(left.get("observations")).hasSize(5);
            assertThat(left.get("observations").get(4).get(2).asDouble()).isEqualTo(0.04);
            assertThat(right.get("realSteps").asInt()).isEqualTo(3);
            assertThat(right.get("length").asInt()).isEqualTo(5);
            assertThat(right.get("observations").get(0).get(0).asDouble()).isEqualTo(-1.0);
            long id = item.get("id").asLong();
            WebClient.Reply r = a.equals("skip") ? ann.postJson("/api/projects/" + p.id() + "/items/" + id + "/skip", "{\"reason\": \"cannot tell\"}") : answer(ann, p.id(), id, a);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            labels.add(label.get(30, TimeUnit.SECONDS));
            assertThat(ItemJson.read(ann.get("/api/projects/" + p.id() + "/next").body()).get("done").asBoolean()).as("a taken query leaves the queue").isTrue();
        }
        // 1 for A (left), 0 for B, 1/2 for "same"; a skip is empty and still counts as asked
        assertThat(labels).containsExactly(OptionalDouble.of(1.0), OptionalDouble.of(0.0), OptionalDouble.of(0.5), OptionalDouble.empty());
        assertThat(teacher.asked()).isEqualTo(4);
        assertThat(teacher.finished()).isFalse();
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("query 1: waiting for your answer at " + t.base + "/projects/" + p.id() + "/annotate")
                .contains("query 1: ann says A (left) is better").contains("query 3: ann says equally good").contains("query 4: skipped by ann (cannot tell)");
        WebClient.Reply undo = ann.postJson("/api/projects/" + p.id() + "/undo", "{}");
        assertThat(undo.status()).isEqualTo(409);
        assertThat(undo.body()).contains("was already taken by whoever asked (a training run); it cannot be undone");
        assertThat(ItemJson.read(ann.get("/api/projects/" + p.id() + "/answers").body())).as("undo changed nothing").hasSize(4);
        WebClient admin = t.login(TestServer.ADMIN);
        WebClient.Reply dashboard = admin.get("/admin/projects/" + p.id());
        assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(200);
        assertThat(dashboard.body()).contains("clips, 1 annotator(s) per item").contains("<tr><th>answers</th><td>3</td></tr>").contains("<tr><th>skips</th><td>1</td></tr>");
    }

    @Test
    void aQueryNobodyAnswersInTimeIsWithdrawnAndTheTeacherAsksNoMore() throws Exception {
        t = TestServer.sqlite(tmp);
        t.annotator("ann");
        WebClient ann = t.login("ann");
        Project p = clipsProject();
        AtomicLong clock = new AtomicLong(1_000_000);
        long[] leased = {-1};
        // the annotator opens the query, then the clock runs past the timeout while they think
        WebTeacher teacher = teacher(p, 1_000, clock::get, millis -> {
            if (leased[0] < 0) leased[0] = nextItem(ann, p.id()).get("id").asLong();
            clock.addAndGet(millis);
        });
        assertThat(teacher.compare(clip(0, 1, 5), clip(0, 2, 5))).isEmpty();
        assertThat(teacher.finished()).isTrue();
        assertThat(teacher.compare(clip(0, 1, 5), clip(0, 2, 5))).as("no more questions once finished").isEmpty();
        assertThat(teacher.asked()).isEqualTo(1);
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("query 1: no answer within 1 s; asking no more, training goes on with the labels so far");
        WebClient.Reply late = answer(ann, p.id(), leased[0], "{\"choice\": \"a\"}");
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body()).contains("item " + leased[0] + " was withdrawn by whoever asked");
        assertThat(ItemJson.read(ann.get("/api/projects/" + p.id() + "/next").body()).get("done").asBoolean()).isTrue();
    }

    @Test
    void aNewRunWithdrawsTheQueriesAnEarlierRunLeftOpen() throws Exception {
        t = TestServer.sqlite(tmp);
        t.annotator("ann");
        WebClient ann = t.login("ann");
        ClipQueries q = new ClipQueries(t.server.database(), System::currentTimeMillis);
        Project p = clipsProject();
        q.post(p, "old/q1", "left open", "{}", "{}");
        long leased = nextItem(ann, p.id()).get("id").asLong();
        q.post(p, "old/q2", "left open too", "{}", "{}");
        assertThat(q.withdrawAll(p)).isEqualTo(2);
        assertThat(ItemJson.read(ann.get("/api/projects/" + p.id() + "/next").body()).get("done").asBoolean()).isTrue();
        assertThat(answer(ann, p.id(), leased, "{\"choice\": \"a\"}").status()).isEqualTo(410);
        assertThat(q.withdrawAll(p)).as("nothing left open").isZero();
    }

    record Case(String what, Function<WebClient, WebClient.Reply> request, String who, int status, String message) {
    }

    @Test
    void badAnswersToAClipQueryAreRefusedChangeNothingAndTheTrainingKeepsWaiting() throws Exception {
        t = TestServer.sqlite(tmp);
        t.annotator("ann");
        t.annotator("bob");
        WebClient ann = t.login("ann"), bob = t.login("bob"), admin = t.login(TestServer.ADMIN);
        Project p = clipsProject();
        WebTeacher teacher = teacher(p, 0, System::currentTimeMillis, Thread::sleep);
        CompletableFuture<OptionalDouble> label = CompletableFuture.supplyAsync(() -> teacher.compare(clip(0, 1, 5), clip(0, 2, 5)), training);
        long item = nextItem(ann, p.id()).get("id").asLong();
        Map<String, WebClient> who = Map.of("ann", ann, "bob", bob, "admin", admin);
        String choiceMessage = "choice must be one of a, b, tie (left clip, right clip, equally good)";
        List<Case> cases = List.of(
                new Case("both bad", c -> answer(c, p.id(), item, "{\"choice\": \"both_bad\"}"), "ann", 400, choiceMessage),
                new Case("a choice out of range", c -> answer(c, p.id(), item, "{\"choice\": \"c\"}"), "ann", 400, choiceMessage),
                new Case("a number for the choice", c -> answer(c, p.id(), item, "{\"choice\": 1}"), "ann", 400, choiceMessage),
                new Case("upper-case choice", c -> answer(c, p.id(), item, "{\"choice\": \"A\"}"), "ann", 400, choiceMessage),
                new Case("no choice", c -> answer(c, p.id(), item, "{}"), "ann", 400, choiceMessage),
                new Case("a strength (clips have none)", c -> answer(c, p.id(), item, "{\"choice\": \"a\", \"strength\": 2}"), "ann", 400, "strength is not a field of this answer (expected choice)"),
                new Case("SQL in the choice", c -> answer(c, p.id(), item, "{\"choice\": \"a'; DELETE FROM answers; --\"}"), "ann", 400, choiceMessage),
                new Case("a label for a query leased to someone else", c -> answer(c, p.id(), item, "{\"choice\": \"a\"}"), "bob", 404, "item " + item + " is not leased to you in this project"),
                new Case("a skip of a query leased to someone else", c -> c.postJson("/api/projects/" + p.id() + "/items/" + item + "/skip", "{\"reason\": \"x\"}"), "bob", 404, "item " + item + " is not leased to you in this project"),
                new Case("no CSRF token", c -> c.postJson("/api/projects/" + p.id() + "/items/" + item + "/answer", "{\"answer\": {\"choice\": \"a\"}}", null), "ann", 403, "missing or wrong CSRF token"),
                new Case("an import into a clips project", c -> c.upload("/admin/projects/" + p.id() + "/items", "a.jsonl", Fixtures.comparisons(1).getBytes(StandardCharsets.UTF_8)), "admin", 400, "holds clips, which come from its training run"),
                new Case("a clips project from the admin form", c -> c.postForm("/admin/projects", Map.of("name", "hand made", "kind", "clips")), "admin", 400, "clip projects are made by a training run"));
        Map<String, Long> before = Fixtures.rowCounts(t);
        for (Case c : cases) {
            WebClient.Reply r = c.request().apply(who.get(c.who()));
            assertThat(r.status()).as(c.what() + ": " + r.body()).isEqualTo(c.status());
            assertThat(r.body()).as(c.what()).contains(c.message());
            assertThat(Fixtures.rowCounts(t)).as(c.what() + " changed nothing").isEqualTo(before);
            assertThat(label).as(c.what() + ": the training still waits").isNotDone();
        }
        assertThat(answer(ann, p.id(), item, "{\"choice\": \"b\"}").status()).isEqualTo(200);
        assertThat(label.get(30, TimeUnit.SECONDS)).isEqualTo(OptionalDouble.of(0.0));
        WebClient.Reply again = answer(ann, p.id(), item, "{\"choice\": \"a\"}");
        assertThat(again.status()).as("a second label for a taken query").isEqualTo(410);
        WebClient.Reply bobs = answer(bob, p.id(), item, "{\"choice\": \"a\"}");
        assertThat(bobs.status()).isEqualTo(410);
        assertThat(Fixtures.storedAnswers(t.server.database()).perItem()).containsExactly(Map.entry(item, 1L));
    }

    @Test
    void aProjectOfAnotherKindIsNotTakenOverAndOtherTasksAreRefused() {
        t = TestServer.sqlite(tmp);
        Fixtures.project(t.login(TestServer.ADMIN), "texts", "comparison", 1, "");
        ClipQueries q = new ClipQueries(t.server.database(), System::currentTimeMillis);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.project("texts", "CartPole-v1")).isInstanceOf(org.rlhf4j.core.UserError.class)
                .hasMessage("project 'texts' exists and is a comparison project, not clips; choose another --project");
        Project p = q.project("clips", "CartPole-v1");
        assertThat(q.project("clips", "CartPole-v1")).as("found again, not made twice").isEqualTo(p);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebTeacher(q, p, "MountainCar-v0", "u", System.out, 0, System::currentTimeMillis, Thread::sleep, "r"))
                .hasMessage("--teacher web draws CartPole clips only, not MountainCar-v0");
        var location = t.server.database().location();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.rlhf4j.server.report.ProjectExport.snapshot(location, "clips", tmp.resolve("x.jsonl")))
                .as("reward train --data DB --project refuses clips").hasMessage("project 'clips' holds control clips (rlhf4j control train --teacher web), not text a language model trains on");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.rlhf4j.server.report.ProjectExport.snapshot(location, "texts", tmp.resolve("y.jsonl")))
                .hasMessage("project 'texts' in " + location.display() + " has no answers yet");
        assertThat(tmp.resolve("x.jsonl")).doesNotExist();
    }
}
