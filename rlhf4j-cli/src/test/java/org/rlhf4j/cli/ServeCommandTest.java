package org.rlhf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.feedback.store.FeedbackStore;
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
import org.rlhf4j.server.queue.Queue;

/** `rlhf4j serve create-admin` and `serve export`, through Main (exit codes and one-line errors). */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void createAdminMakesAnAccountOnceAndRefusesWeakPasswordsInOneLine() throws Exception {
        Path db = tmp.resolve("f.db"), password = tmp.resolve("pw.txt");
        Files.writeString(password, "correct horse battery\n");
        CliTest.Run ok = CliTest.run("serve", "create-admin", "--db", db.toString(), "--username", "boss", "--password-file", password.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("admin boss created");
        try (Database d = Database.open(DatabaseLocation.sqlite(db))) {
            assertThat(new Accounts(d, new PasswordHasher(PasswordHasher.MIN_ITERATIONS)).authenticate("boss", "correct horse battery")).hasValueSatisfying(u -> assertThat(u.admin()).isTrue());
        }
        CliTest.Run again = CliTest.run("serve", "create-admin", "--db", db.toString(), "--username", "boss", "--password-file", password.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("rlhf4j: error: username boss is taken");
        Files.writeString(password, "short\n");
        CliTest.Run weak = CliTest.run("serve", "create-admin", "--db", db.toString(), "--username", "other", "--password-file", password.toString());
        assertThat(weak.code()).isEqualTo(1);
        assertThat(weak.err().strip()).isEqualTo("rlhf4j: error: password must have at least 10 characters");
        CliTest.Run badUrl = CliTest.run("serve", "--db", "jdbc:mysql://x/y");
        assertThat(badUrl.code()).isEqualTo(1);
        assertThat(badUrl.err()).startsWith("rlhf4j: error: database URL must start with jdbc:sqlite: or jdbc:postgresql:").doesNotContain("\tat ");
    }

    @Test
    void exportWritesFeedbackRecordsThatDataValidateAccepts() throws Exception {
        Path db = tmp.resolve("f.db"), items = tmp.resolve("items.jsonl");
        Files.writeString(items, "{\"id\": \"q1\", \"prompt\": \"Where is my order?\", \"responses\": [\"It left today.\", \"No idea.\"]}\n");
        try (Database d = Database.open(DatabaseLocation.sqlite(db))) {
            Accounts accounts = new Accounts(d, new PasswordHasher(PasswordHasher.MIN_ITERATIONS));
            User admin = accounts.create("admin", "correct horse battery", Role.ADMIN);
            User ann = accounts.create("ann", "correct horse battery", Role.ANNOTATOR);
            Project p = new Projects(d).create(new ProjectSpec("orders", TaskKind.COMPARISON, "", 1, 600, List.of()), admin);
            ItemImport.run(d, p, items, "items.jsonl", admin);
            Queue q = new Queue(d, System::currentTimeMillis);
            long item = q.next(ann, p).orElseThrow().item().id();
            q.submit(ann, p, item, new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"choice\": \"a\", \"strength\": 2}"));
        }
        Path out = tmp.resolve("export.jsonl");
        CliTest.Run export = CliTest.run("serve", "export", "--db", db.toString(), "--project", "orders", "--out", out.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("1 feedback records of project 'orders'");
        assertThat(FeedbackStore.read(out).records()).singleElement().satisfies(f -> assertThat(f.attribution().annotator()).isEqualTo("ann"));
        CliTest.Run validate = CliTest.run("data", "validate", out.toString());
        assertThat(validate.code()).as(validate.out() + validate.err()).isZero();
        CliTest.Run trl = CliTest.run("serve", "export", "--db", db.toString(), "--project", "orders", "--format", "trl", "--out", tmp.resolve("trl.jsonl").toString());
        assertThat(trl.code()).as(trl.err()).isZero();
        assertThat(Files.readString(tmp.resolve("trl.jsonl"))).contains("\"chosen\":\"It left today.\"");
        CliTest.Run hh = CliTest.run("serve", "export", "--db", db.toString(), "--project", "orders", "--format", "hh", "--out", tmp.resolve("hh.jsonl").toString());
        assertThat(hh.code()).as(hh.err()).isZero();
        assertThat(Files.readString(tmp.resolve("hh.jsonl"))).contains("\"chosen\":\"\\n\\nHuman: Where is my order?\\n\\nAssistant: It left today.\"");
        CliTest.Run missing = CliTest.run("serve", "export", "--db", db.toString(), "--project", "nope", "--out", tmp.resolve("x.jsonl").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no project 'nope'");
    }

    @Test
    void generateSamplesResponsesFromACheckpointAsItemsAProjectImports() throws Exception {
        Path corpus = tmp.resolve("corpus.jsonl");
        org.rlhf4j.feedback.world.PretrainingCorpus.generate(org.rlhf4j.feedback.world.SupportWorld.seeded(3), 100_000).write(corpus);
        Path model = tmp.resolve("tiny");
        // CliTest's helper writes into CliTest's static temporary folder, which JUnit sets (and deletes) around CliTest's own run.
        CliTest.tmp = tmp;
        CliTest.Run pretrain = CliTest.run("pretrain", "--corpus", corpus.toString(), "--out", model.toString(),
                "--config", CliTest.tinyPretrainConfig("serve-tiny.json", 1, 64, 32, 5, 0).toString(), "--threads", "1");
        assertThat(pretrain.code()).as(pretrain.err()).isZero();
        Path prompts = tmp.resolve("prompts.jsonl"), items = tmp.resolve("items.jsonl");
        Files.writeString(prompts, "{\"id\": \"p1\", \"prompt\": \"Customer: where is my order?\\nAgent:\"}\n{\"prompt\": \"Customer: I want a refund.\\nAgent:\"}\n");
        CliTest.Run g = CliTest.run("serve", "generate", "--model", model.toString(), "--prompts", prompts.toString(), "--responses", "2",
                "--max-new-tokens", "6", "--out", items.toString(), "--threads", "1");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("with 2 responses each written to");
        try (Database d = Database.open(DatabaseLocation.sqlite(tmp.resolve("gen.db")))) {
            User admin = new Accounts(d, new PasswordHasher(PasswordHasher.MIN_ITERATIONS)).create("admin", "correct horse battery", Role.ADMIN);
            Project p = new Projects(d).create(new ProjectSpec("sampled", TaskKind.COMPARISON, "", 1, 600, List.of()), admin);
            ItemImport.Report r = ItemImport.run(d, p, items, "items.jsonl", admin);
            assertThat(r.added()).as(Files.readString(items)).isEqualTo(Files.readAllLines(items).size()).isPositive();
        }
        CliTest.Run bad = CliTest.run("serve", "generate", "--model", model.toString(), "--prompts", corpus.toString(), "--out", tmp.resolve("x.jsonl").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("corpus.jsonl:1: field \"prompt\": must be non-empty text");
    }
}
