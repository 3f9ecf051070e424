package org.rlhf4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.Role;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseLocation;
import org.rlhf4j.server.project.ItemImport;
import org.rlhf4j.server.project.ItemJson;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.ProjectSpec;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.project.TaskKind;
import org.rlhf4j.server.queue.Queue;

/**
 * A feedback app database as annotators leave it: project "orders" (comparisons of simulated
 * pairs, each answered "A" by ann, where A is the chosen reply) and project "fixes" (4 critiques
 * of the rejected replies, each corrected to the chosen one: demonstrations for SFT).
 */
final class FeedbackAppFixture {
    private FeedbackAppFixture() {
    }

    static void fill(Path file, List<Feedback> simulated, int comparisons) throws java.io.IOException {
        List<Comparison> pairs = simulated.stream().filter(f -> f instanceof Comparison c && c.choice().decisive()).map(Comparison.class::cast).limit(comparisons).toList();
        try (Database db = Database.open(DatabaseLocation.sqlite(file))) {
            Accounts accounts = new Accounts(db, new PasswordHasher(PasswordHasher.MIN_ITERATIONS));
            User admin = accounts.create("admin", "correct horse battery", Role.ADMIN), ann = accounts.create("ann", "correct horse battery", Role.ANNOTATOR);
            Projects projects = new Projects(db);
            Project orders = projects.create(new ProjectSpec("orders", TaskKind.COMPARISON, "", 1, 600, List.of()), admin);
            Project fixes = projects.create(new ProjectSpec("fixes", TaskKind.CRITIQUE, "", 1, 600, List.of()), admin);
            List<String> orderLines = new ArrayList<>(), fixLines = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                Comparison c = pairs.get(i);
                String prompt = ItemJson.prompt(c.prompt());
                orderLines.add("{\"id\": \"c" + i + "\", \"prompt\": " + prompt + ", \"responses\": [" + json(c.chosen()) + ", " + json(c.rejected()) + "]}");
                if (i < 4) fixLines.add("{\"id\": \"f" + i + "\", \"prompt\": " + prompt + ", \"responses\": [" + json(c.rejected()) + "]}");
            }
            Path items = Files.write(file.resolveSibling("orders-items.jsonl"), orderLines), critiques = Files.write(file.resolveSibling("fixes-items.jsonl"), fixLines);
            ItemImport.run(db, orders, items, "orders-items.jsonl", admin);
            ItemImport.run(db, fixes, critiques, "fixes-items.jsonl", admin);
            Queue queue = new Queue(db, System::currentTimeMillis);
            for (int i = 0; i < pairs.size(); i++) {
                queue.submit(ann, orders, queue.next(ann, orders).orElseThrow().item().id(), ItemJson.read("{\"choice\": \"a\"}"));
            }
            for (int i = 0; i < fixLines.size(); i++) {
                queue.submit(ann, fixes, queue.next(ann, fixes).orElseThrow().item().id(),
                        ItemJson.read("{\"critique\": \"wrong details\", \"corrected\": " + json(pairs.get(i).chosen()) + "}"));
            }
        }
    }

    private static String json(String s) {
        return ItemJson.JSON.valueToTree(s).toString();
    }
}
