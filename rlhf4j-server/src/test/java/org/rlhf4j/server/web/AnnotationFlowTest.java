package org.rlhf4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.server.Fixtures;
import org.rlhf4j.server.TestServer;
import org.rlhf4j.server.WebClient;

/** The whole path over HTTP on loopback: admin makes a project and imports items, two annotators answer, the admin exports. */
class AnnotationFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void importAnswerAndExportRoundTripThroughTheFeedbackStore() throws Exception {
        try (TestServer t = TestServer.sqlite(tmp)) {
            WebClient admin = t.login(TestServer.ADMIN);
            for (String who : List.of("ann1", "ann2")) {
                WebClient.Reply r = admin.postForm("/admin/users", java.util.Map.of("username", who, "password", TestServer.PASSWORD, "role", "annotator"));
                assertThat(r.status()).as(r.body()).isEqualTo(303);
            }
            long p = Fixtures.project(admin, "support", "comparison", 2, "");
            Fixtures.importItems(admin, p, Fixtures.comparisons(3) + "{\"id\": \"hp\", \"prompt\": \"Reset my password\", \"responses\": [\"Click 'Forgot password' on the login page.\", \"No.\"], \"honeypot\": {\"choice\": \"a\"}}\n");

            for (String who : List.of("ann1", "ann2")) {
                WebClient c = t.login(who);
                int answered = 0;
                while (true) {
                    JsonNode next = JSON.readTree(c.get("/api/projects/" + p + "/next").body());
                    if (next.get("done").asBoolean()) break;
                    long item = next.get("item").get("id").asLong();
                    String choice = who.equals("ann1") ? "b" : (answered % 2 == 0 ? "b" : "a");
                    WebClient.Reply r = c.postJson("/api/projects/" + p + "/items/" + item + "/answer", "{\"answer\": {\"choice\": \"" + choice + "\", \"strength\": 2}}");
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    answered++;
                }
                assertThat(answered).as("3 items with overlap 2 plus the honeypot").isEqualTo(4);
            }

            WebClient.Reply export = admin.get("/admin/projects/" + p + "/export?format=feedback");
            assertThat(export.status()).isEqualTo(200);
            Path file = tmp.resolve("export.jsonl");
            Files.writeString(file, export.body());
            var read = FeedbackStore.read(file);
            assertThat(read.problems()).isEmpty();
            List<Feedback> records = read.records();
            assertThat(records).hasSize(6).allMatch(f -> f instanceof Comparison);
            assertThat(records).extracting(f -> f.attribution().annotator()).containsOnly("ann1", "ann2");
            assertThat(records).extracting(f -> f.attribution().source()).containsOnly("web/support");
            assertThat(records.stream().filter(f -> f.attribution().annotator().equals("ann1")).map(f -> ((Comparison) f).choice())).containsOnly(Choice.B);

            WebClient.Reply trl = admin.get("/admin/projects/" + p + "/export?format=trl");
            assertThat(trl.status()).isEqualTo(200);
            assertThat(trl.body().lines()).hasSize(6).allMatch(l -> l.contains("\"prompt\"") && l.contains("\"chosen\"") && l.contains("\"rejected\""));

            WebClient.Reply hh = admin.get("/admin/projects/" + p + "/export?format=hh");
            assertThat(hh.status()).isEqualTo(200);
            Path hhFile = tmp.resolve("hh.jsonl");
            Files.writeString(hhFile, hh.body());
            var pairs = org.rlhf4j.feedback.format.HhRlhfReader.read(hhFile);
            assertThat(pairs.problems()).isEmpty();
            assertThat(pairs.records()).hasSize(6);
            List<String> exported = records.stream().map(f -> (Comparison) f).map(c -> c.prompt().lastUserText() + " > " + c.chosen() + " | " + c.rejected()).sorted().toList();
            assertThat(pairs.records().stream().map(c -> c.prompt().lastUserText() + " > " + c.chosen() + " | " + c.rejected()).sorted().toList())
                    .as("HH-RLHF export read back by rlhf4j's own reader").isEqualTo(exported);

            String dashboard = admin.get("/admin/projects/" + p).body();
            assertThat(dashboard).contains("Cohen").contains("ann1").contains("1.000 (1/1)").contains("0.000 (0/1)");
            String audit = admin.get("/admin/audit").body();
            assertThat(audit).contains("project.create").contains("items.import").contains("export").contains("user.create").contains("account ann2 (annotator)");
        }
    }
}
