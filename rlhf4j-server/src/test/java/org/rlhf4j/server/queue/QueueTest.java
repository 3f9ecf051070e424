package org.rlhf4j.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.server.Databases;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.Role;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.project.ItemImport;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.ProjectSpec;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.project.TaskKind;

/** The queue's rules, against SQLite and a real PostgreSQL, with a clock the test moves. */
class QueueTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    Database db;
    Queue queue;
    Projects projects;
    User admin, a, b, c;

    void open(Databases.Kind kind) throws Exception {
        db = Database.open(Databases.fresh(kind));
        Accounts accounts = new Accounts(db, new PasswordHasher(PasswordHasher.MIN_ITERATIONS));
        admin = accounts.create("admin", "correct horse battery", Role.ADMIN);
        a = accounts.create("a", "correct horse battery", Role.ANNOTATOR);
        b = accounts.create("b", "correct horse battery", Role.ANNOTATOR);
        c = accounts.create("c", "correct horse battery", Role.ANNOTATOR);
        projects = new Projects(db);
        queue = new Queue(db, now::get);
    }

    @AfterEach
    void close() {
        if (db == null) return;
        try {
            assertThat(org.rlhf4j.server.Fixtures.storedAnswers(db).driftedCounts()).as("kept answer counts match the answer rows").isEmpty();
        } finally {
            db.close();
        }
    }

    Project project(String name, int overlap, int leaseSeconds, String jsonl) throws Exception {
        Project p = projects.create(new ProjectSpec(name, TaskKind.COMPARISON, "", overlap, leaseSeconds, List.of()), admin);
        Path f = Files.createTempFile("items", ".jsonl");
        Files.writeString(f, jsonl, StandardCharsets.UTF_8);
        ItemImport.run(db, p, f, "items.jsonl", admin);
        return p;
    }

    static String items(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append("{\"id\": \"i").append(i).append("\", \"prompt\": \"p").append(i).append("\", \"responses\": [\"x\", \"y\"]}\n");
        return s.toString();
    }

    static JsonNode answer(String choice) throws Exception {
        return JSON.readTree("{\"choice\": \"" + choice + "\"}");
    }

    long item(Optional<Lease> l) {
        return l.orElseThrow().item().id();
    }

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void anItemGoesToAsManyAnnotatorsAsItsOverlapAndNoMore(Databases.Kind kind) throws Exception {
        open(kind);
        Project p = project("overlap", 2, 600, items(1));
        long first = item(queue.next(a, p));
        assertThat(item(queue.next(b, p))).isEqualTo(first);
        assertThat(queue.next(c, p)).as("both slots are leased").isEmpty();
        queue.submit(a, p, first, answer("a"));
        assertThat(queue.next(c, p)).as("b's lease still holds the second slot").isEmpty();
        queue.submit(b, p, first, answer("b"));
        assertThat(queue.next(c, p)).isEmpty();
        assertThat(queue.next(a, p)).as("a answered it already").isEmpty();
        assertThat(queue.progress(c, p).open()).isZero();
    }

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void anUnansweredLeaseReturnsToTheQueueWhenItRunsOut(Databases.Kind kind) throws Exception {
        open(kind);
        Project p = project("lease", 1, 30, items(1));
        long id = item(queue.next(a, p));
        assertThat(queue.next(b, p)).isEmpty();
        now.addAndGet(29_000);
        assertThat(queue.next(b, p)).as("29 s of a 30 s lease").isEmpty();
        now.addAndGet(2_000);
        assertThat(item(queue.next(b, p))).isEqualTo(id);
        assertThatThrownBy(() -> queue.submit(a, p, id, answer("a"))).isInstanceOf(Refusal.class).hasMessageContaining("ran out").extracting("status").isEqualTo(409);
        queue.submit(b, p, id, answer("b"));
        assertThat(queue.answersOf(a, p)).isEmpty();
        assertThat(queue.answersOf(b, p)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void aLateAnswerStillCountsWhenNobodyTookTheSlot(Databases.Kind kind) throws Exception {
        open(kind);
        Project p = project("late", 1, 30, items(1));
        long id = item(queue.next(a, p));
        now.addAndGet(60_000);
        queue.submit(a, p, id, answer("tie"));
        assertThat(queue.answersOf(a, p)).singleElement().satisfies(s -> assertThat(s.answerJson()).isEqualTo("{\"choice\":\"tie\"}"));
    }

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void nobodyGetsTheSameItemTwiceAndASecondSubmitCountsOnce(Databases.Kind kind) throws Exception {
        open(kind);
        Project p = project("twice", 3, 600, items(3));
        long first = item(queue.next(a, p));
        assertThat(item(queue.next(a, p))).as("asking again returns the item a holds").isEqualTo(first);
        queue.submit(a, p, first, answer("a"));
        assertThatThrownBy(() -> queue.submit(a, p, first, answer("b"))).isInstanceOf(Refusal.class).hasMessageContaining("already answered").extracting("status").isEqualTo(409);
        long second = item(queue.next(a, p));
        queue.skip(a, p, second, "I do not read this language");
        long third = item(queue.next(a, p));
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
        queue.submit(a, p, third, answer("b"));
        assertThat(queue.next(a, p)).isEmpty();
        assertThat(queue.answersOf(a, p)).hasSize(3).filteredOn(StoredAnswer::skipped).singleElement()
                .satisfies(s -> assertThat(s.skipReason()).isEqualTo("I do not read this language"));
        assertThat(item(queue.next(b, p))).as("a's skip does not use up a slot").isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void undoTakesBackTheLastAnswerAndLeasesItsItemAgain(Databases.Kind kind) throws Exception {
        open(kind);
        Project p = project("undo", 1, 600, items(2));
        long first = item(queue.next(a, p));
        queue.submit(a, p, first, answer("a"));
        long second = item(queue.next(a, p));
        assertThat(queue.undo(a, p)).hasValue(first);
        assertThat(item(queue.next(a, p))).as("the undone item comes back first").isEqualTo(first);
        assertThat(queue.answersOf(a, p)).isEmpty();
        assertThat(item(queue.next(b, p))).as("the item a held instead went back to the queue").isEqualTo(second);
        queue.submit(a, p, first, answer("b"));
        assertThatThrownBy(() -> queue.submit(a, p, second, answer("a"))).isInstanceOf(Refusal.class).hasMessageContaining("not leased to you");
        queue.submit(b, p, second, answer("tie"));
        assertThat(queue.next(a, p)).isEmpty();
        assertThat(queue.answersOf(a, p)).extracting(StoredAnswer::answerJson).containsExactly("{\"choice\":\"b\"}");
        assertThat(queue.undo(c, p)).as("c has nothing to undo").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void aBadAnswerIsRefusedAndTheLeaseIsKept(Databases.Kind kind) throws Exception {
        open(kind);
        Project p = project("bad", 1, 600, items(1));
        long id = item(queue.next(a, p));
        assertThatThrownBy(() -> queue.submit(a, p, id, JSON.readTree("{\"choice\": \"tie\", \"strength\": 2}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strength applies only when A or B is chosen");
        assertThatThrownBy(() -> queue.submit(a, p, id, JSON.readTree("{\"choice\": \"c\"}"))).hasMessageContaining("choice must be one of a, b, tie, both_bad");
        assertThatThrownBy(() -> queue.skip(a, p, id, " ")).hasMessageContaining("reason must say why");
        assertThat(item(queue.next(a, p))).isEqualTo(id);
        queue.submit(a, p, id, JSON.readTree("{\"choice\": \"a\", \"strength\": 3}"));
        assertThat(queue.answersOf(a, p)).singleElement().satisfies(s -> assertThat(s.answerJson()).isEqualTo("{\"choice\":\"a\",\"strength\":3}"));
    }

    @ParameterizedTest
    @MethodSource("org.rlhf4j.server.Databases#both")
    void aHoneypotGoesToEveryAnnotatorWhateverTheOverlap(Databases.Kind kind) throws Exception {
        open(kind);
        Project p = project("honeypot", 1, 600, "{\"id\": \"hp\", \"prompt\": \"p\", \"responses\": [\"good\", \"bad\"], \"honeypot\": {\"choice\": \"a\"}}\n");
        for (User u : List.of(a, b, c)) {
            long id = item(queue.next(u, p));
            queue.submit(u, p, id, answer("a"));
            assertThat(queue.next(u, p)).isEmpty();
        }
    }
}
