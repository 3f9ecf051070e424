package org.rlhf4j.server.clips;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.project.ItemDraft;
import org.rlhf4j.server.project.ItemJson;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.ProjectSpec;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.project.TaskKind;

/**
 * The database side of clip queries: a {@code clips} project, one item per query (overlap 1: one
 * person answers it), and closing an item once its asker has acted on it, so the queue hands it
 * out no more and its answer cannot be undone behind the run's back.
 */
public final class ClipQueries {
    /** What came of a query: {@code choice} a, b or tie, or null when the annotator skipped it. */
    public record Outcome(Choice choice, String annotator, String skipReason) {
        public boolean skipped() {
            return choice == null;
        }
    }

    private final Database db;
    private final LongSupplier clockMillis;

    public ClipQueries(Database db, LongSupplier clockMillis) {
        this.db = db;
        this.clockMillis = clockMillis;
    }

    public Database database() {
        return db;
    }

    /** The guidelines a new clips project shows above each pair. */
    public static String guidelines(String environmentId) {
        return "# Which clip is better?\n\nA training run (" + environmentId + ") shows two clips of its episodes, A on the left and B on the right, "
                + "and learns its reward from your answers alone. Better means: the pole stays upright and the cart stays near the middle of the track. "
                + "A clip whose episode ended (the pole fell or the cart left the track) shows *episode over* for its last steps.\n\n"
                + "Keys: `a` or `1` the left clip, `b` or `2` the right clip, `=` equally good, `s` skip (with a reason), `u` undo "
                + "(until the run has taken the answer, which is at once).";
    }

    /** The clips project of that name, created (overlap 1, default lease) when missing; a project of another kind with that name is refused. */
    public Project project(String name, String environmentId) {
        return db.transaction(c -> {
            Optional<Project> existing = byName(c, name);
            if (existing.isPresent()) {
                if (existing.get().kind() != TaskKind.CLIPS) {
                    throw new UserError("project '" + name + "' exists and is a " + existing.get().kind().dbName() + " project, not clips; choose another --project");
                }
                return existing.get();
            }
            ProjectSpec spec = new ProjectSpec(name, TaskKind.CLIPS, guidelines(environmentId), 1, ProjectSpec.DEFAULT_LEASE_SECONDS, List.of());
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO projects (name, kind, guidelines, overlap, lease_seconds, criteria, created_at) VALUES (?, ?, ?, ?, ?, '', ?) RETURNING id")) {
                s.setString(1, spec.name());
                s.setString(2, spec.kind().dbName());
                s.setString(3, spec.guidelines());
                s.setInt(4, spec.overlap());
                s.setInt(5, spec.leaseSeconds());
                s.setLong(6, clockMillis.getAsLong());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Project(r.getLong(1), spec);
                }
            }
        });
    }

    private static Optional<Project> byName(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM projects WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Projects.find(c, r.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Puts one query into the project's queue and returns its item id. */
    public long post(Project project, String externalId, String question, String clipA, String clipB) {
        if (project.kind() != TaskKind.CLIPS) throw new IllegalArgumentException("project '" + project.name() + "' is not a clips project");
        ItemDraft draft = new ItemDraft(externalId, Prompt.of(question), List.of(clipA, clipB), null);
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO items (project_id, external_id, prompt, responses, honeypot, created_at) VALUES (?, ?, ?, ?, NULL, ?) RETURNING id")) {
                s.setLong(1, project.id());
                s.setString(2, draft.externalId());
                s.setString(3, ItemJson.prompt(draft.prompt()));
                s.setString(4, ItemJson.responses(draft.responses()));
                s.setLong(5, clockMillis.getAsLong());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /** The query's outcome if someone answered or skipped it (an answer wins over a skip), closing the item; empty (and nothing changed) while it waits. */
    public Optional<Outcome> take(Project project, long itemId) {
        return close(project, itemId, false);
    }

    /** Closes the query whatever happened: returns the outcome if one came in before, else empty (the item leaves the queue unanswered). */
    public Optional<Outcome> withdraw(Project project, long itemId) {
        return close(project, itemId, true);
    }

    /**
     * Closes every query still open in the project and returns how many: a run that starts
     * withdraws those an earlier run left behind when it stopped (nobody waits for their answers).
     * One run per project at a time, then.
     */
    public int withdrawAll(Project project) {
        long now = clockMillis.getAsLong();
        return db.transaction(c -> {
            db.dialect().lockProject(c, project.id());
            try (PreparedStatement s = c.prepareStatement("DELETE FROM leases WHERE project_id = ? AND item_id IN (SELECT id FROM items WHERE project_id = ? AND closed_at IS NULL)")) {
                s.setLong(1, project.id());
                s.setLong(2, project.id());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE items SET closed_at = ? WHERE project_id = ? AND closed_at IS NULL")) {
                s.setLong(1, now);
                s.setLong(2, project.id());
                return s.executeUpdate();
            }
        });
    }

    private Optional<Outcome> close(Project project, long itemId, boolean evenUnanswered) {
        long now = clockMillis.getAsLong();
        return db.transaction(c -> {
            db.dialect().lockProject(c, project.id());
            Optional<Outcome> outcome = outcome(c, itemId);
            if (outcome.isPresent() || evenUnanswered) {
                try (PreparedStatement s = c.prepareStatement("UPDATE items SET closed_at = ? WHERE id = ? AND project_id = ? AND closed_at IS NULL")) {
                    s.setLong(1, now);
                    s.setLong(2, itemId);
                    s.setLong(3, project.id());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM leases WHERE item_id = ?")) {
                    s.setLong(1, itemId);
                    s.executeUpdate();
                }
            }
            return outcome;
        });
    }

    private static Optional<Outcome> outcome(Connection c, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT a.answer, a.skip_reason, u.username FROM answers a JOIN users u ON u.id = a.user_id WHERE a.item_id = ? ORDER BY CASE WHEN a.answer IS NULL THEN 1 ELSE 0 END, a.id LIMIT 1")) {
            s.setLong(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                String answer = r.getString(1);
                Choice choice = answer == null ? null : ItemJson.choice("choice", ItemJson.read(answer).get("choice"));
                return Optional.of(new Outcome(choice, r.getString(3), r.getString(2)));
            }
        }
    }
}
