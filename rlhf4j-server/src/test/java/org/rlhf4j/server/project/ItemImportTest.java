package org.rlhf4j.server.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Role;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseLocation;

/** Items from rlhf4j item lines and from HH-RLHF and TRL pairs (through rlhf4j-feedback's readers); bad files add nothing. */
class ItemImportTest {
    @TempDir
    Path tmp;
    Database db;
    Projects projects;
    User admin;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseLocation.sqlite(tmp.resolve("f.db")));
        admin = new Accounts(db, new PasswordHasher(PasswordHasher.MIN_ITERATIONS)).create("admin", "correct horse battery", org.rlhf4j.server.auth.Role.ADMIN);
        projects = new Projects(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    Project project(String name, TaskKind kind) {
        return projects.create(new ProjectSpec(name, kind, "", 1, 600, List.of()), admin);
    }

    Path file(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    List<Item> items(Project p) {
        return db.transaction(c -> {
            List<Item> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, project_id, external_id, prompt, responses, honeypot FROM items WHERE project_id = ? ORDER BY id")) {
                s.setLong(1, p.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(Projects.item(r));
                }
            }
            return out;
        });
    }

    @Test
    void itemLinesWithTextOrMessagePromptsAndHoneypots() throws Exception {
        Project p = project("lines", TaskKind.RANKING);
        Path f = file("r.jsonl", """
                {"id": "a", "prompt": "Hi", "responses": ["x", "y", "z"], "honeypot": {"best": 2}}

                {"prompt": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello"}], "responses": ["1", "2"]}
                """);
        assertThat(ItemImport.run(db, p, f, "r.jsonl", admin)).isEqualTo(new ItemImport.Report(2, 0));
        List<Item> items = items(p);
        assertThat(items.get(0).honeypot()).isEqualTo(new KnownAnswer(null, null, 1));
        assertThat(items.get(1).externalId()).as("an id from file and line").isEqualTo("r.jsonl:3");
        assertThat(items.get(1).prompt().messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
        assertThat(ItemImport.run(db, p, f, "r.jsonl", admin)).as("importing again adds nothing").isEqualTo(new ItemImport.Report(0, 2));
    }

    @Test
    void hhRlhfAndTrlPairsBecomeComparisonItemsWithBothOrders() throws Exception {
        Project p = project("pairs", TaskKind.COMPARISON);
        StringBuilder hh = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            hh.append("{\"chosen\": \"\\n\\nHuman: Where is order ").append(i).append("?\\n\\nAssistant: It ships today.\", \"rejected\": \"\\n\\nHuman: Where is order ")
                    .append(i).append("?\\n\\nAssistant: Dunno.\"}\n");
        }
        assertThat(ItemImport.run(db, p, file("hh.jsonl", hh.toString()), "hh.jsonl", admin).added()).isEqualTo(20);
        List<Item> items = items(p);
        assertThat(items).allSatisfy(i -> assertThat(i.responses()).containsExactlyInAnyOrder("It ships today.", "Dunno."));
        assertThat(items).extracting(i -> i.responses().get(0)).as("the chosen response is not always A").contains("It ships today.", "Dunno.");
        assertThat(items.get(3).prompt().lastUserText()).isEqualTo("Where is order 3?");

        Path trl = file("trl.jsonl", "{\"prompt\": \"Refund?\", \"chosen\": \"Yes, in 5 days.\", \"rejected\": \"No.\"}\n");
        assertThat(ItemImport.run(db, p, trl, "trl.jsonl", admin).added()).isEqualTo(1);
        Project r = project("rate pairs", TaskKind.RATING);
        assertThat(ItemImport.run(db, r, trl, "trl.jsonl", admin).added()).as("a pair gives two single-response items").isEqualTo(2);
    }

    @Test
    void aBadFileNamesFileLineAndFieldAndAddsNothing() throws Exception {
        Project p = project("atomic", TaskKind.COMPARISON);
        ItemImport.run(db, p, file("good.jsonl", "{\"id\": \"keep\", \"prompt\": \"p\", \"responses\": [\"a\", \"b\"]}\n"), "good.jsonl", admin);
        Path bad = file("bad.jsonl", """
                {"id": "new1", "prompt": "p", "responses": ["a", "b"]}
                {"id": "new2", "prompt": "", "responses": ["a", "b"]}
                {"id": "new3", "prompt": "p", "responses": ["a", "b"], "honeypot": {"choice": "c"}}
                {"id": "new1", "prompt": "p", "responses": ["a", "b"]}
                """);
        assertThatThrownBy(() -> ItemImport.run(db, p, bad, "bad.jsonl", admin)).isInstanceOf(ImportRefused.class)
                .hasMessageContaining("bad.jsonl: nothing imported, 3 bad lines")
                .hasMessageContaining("bad.jsonl:2: field \"prompt\": user message content must not be empty")
                .hasMessageContaining("bad.jsonl:3: field \"honeypot.choice\": must be one of a, b, tie, both_bad")
                .hasMessageContaining("field \"id\": 'new1' appears more than once");
        assertThat(items(p)).extracting(Item::externalId).containsExactly("keep");
        assertThatThrownBy(() -> ItemImport.run(db, p, file("alpaca.jsonl", "{\"instruction\": \"x\", \"input\": \"\", \"output\": \"y\"}\n"), "alpaca.jsonl", admin))
                .isInstanceOf(UserError.class).hasMessageContaining("alpaca.jsonl is Alpaca");
        assertThatThrownBy(() -> ItemImport.run(db, p, file("empty.jsonl", "\n"), "empty.jsonl", admin)).isInstanceOf(UserError.class).hasMessageContaining("empty.jsonl");
        Project critique = project("no honeypots", TaskKind.CRITIQUE);
        assertThatThrownBy(() -> ItemImport.run(db, critique, file("c.jsonl", "{\"prompt\": \"p\", \"responses\": [\"a\"], \"honeypot\": {\"stars\": 2}}\n"), "c.jsonl", admin))
                .hasMessageContaining("c.jsonl:1: critique projects take no honeypots");
    }
}
