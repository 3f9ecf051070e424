package org.rlhf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.Role;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseLocation;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.queue.Lease;
import org.rlhf4j.server.queue.Queue;

/**
 * {@code control train --feedback preferences --teacher web --no-serve}: the run writes its clip
 * queries into the database of a feedback app running elsewhere (here: the queue used directly
 * on a second connection, as that app would); every answer reaches the run's comparison log.
 */
class ControlWebTeacherTest {
    @TempDir
    Path tmp;

    @Test
    void aRunOnARunningAppsDatabaseGetsTheAnnotatorsLabels() throws Exception {
        Path db = tmp.resolve("f.db"), out = tmp.resolve("run");
        try (Database d = Database.open(DatabaseLocation.sqlite(db))) {
            User ann = new Accounts(d, new PasswordHasher(PasswordHasher.MIN_ITERATIONS)).create("ann", "correct horse battery", Role.ANNOTATOR);
            CompletableFuture<CliTest.Run> run = CompletableFuture.supplyAsync(() -> CliTest.run("control", "train", "--env", "CartPole-v1", "--feedback", "preferences",
                    "--teacher", "web", "--no-serve", "--db", db.toString(), "--labels", "2", "--rounds", "1", "--steps", "2048", "--seed", "4", "--out", out.toString()));
            Queue queue = new Queue(d, System::currentTimeMillis);
            String[] answers = {"{\"choice\": \"b\"}", "{\"choice\": \"tie\"}"};
            for (String answer : answers) {
                Lease lease = null;
                for (int i = 0; i < 3000 && lease == null && !run.isDone(); i++) {
                    Optional<Project> p = new Projects(d).find("CartPole-v1 clips");
                    lease = p.flatMap(project -> queue.next(ann, project)).orElse(null);
                    if (lease == null) Thread.sleep(20);
                }
                assertThat(lease).as("a query reached the database; run so far: %s", run.isDone() ? run.get() : "running").isNotNull();
                queue.submit(ann, new Projects(d).find("CartPole-v1 clips").orElseThrow(), lease.item().id(), org.rlhf4j.server.project.ItemJson.read(answer));
            }
            CliTest.Run r = run.get(300, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("clip queries go to project 'CartPole-v1 clips': open the feedback app on jdbc:sqlite:")
                    .contains("query 1: ann says B (right) is better").contains("query 2: ann says equally good").contains("labels: 2 asked, 2 answered");
            assertThat(Files.readAllLines(out.resolve(org.rlhf4j.control.preference.ComparisonLog.FILE_NAME))).hasSize(2);
        }
    }
}
