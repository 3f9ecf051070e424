package org.rlhf4j.server.queue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseException;
import org.rlhf4j.server.project.Item;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.Projects;

/**
 * Who answers what. An item is leased to one annotator at a time per slot: an ordinary item has
 * {@code overlap} slots, each held by an answer or by a lease that has not expired; a honeypot
 * goes to every annotator once. An annotator never gets an item they answered or skipped.
 *
 * <p>Every operation is one transaction that first locks the project ({@link
 * org.rlhf4j.server.db.Dialect#lockProject}), so two annotators asking at the same moment cannot
 * both take the last slot; the unique (item, annotator) key on answers makes a repeated submit
 * count once even if that lock were missing.
 *
 * <p>An item its asker closed ({@code items.closed_at}: a training run's clip query that was
 * answered, skipped or given up on) is handed out no more, takes no answer (410) and its answer
 * cannot be undone (409): the run has already acted on it.
 */
public final class Queue {
    private static final String ITEM_COLUMNS = "i.id, i.project_id, i.external_id, i.prompt, i.responses, i.honeypot";

    private final Database db;
    private final LongSupplier clockMillis;

    public Queue(Database db, LongSupplier clockMillis) {
        this.db = db;
        this.clockMillis = clockMillis;
    }

    /** The item this annotator should answer now (one they already hold, else a new lease), or empty when none is left. */
    public Optional<Lease> next(User user, Project project) {
        long now = clockMillis.getAsLong();
        return db.transaction(c -> {
            db.dialect().lockProject(c, project.id());
            Optional<Lease> held = held(c, user, project, now);
            if (held.isPresent()) return held;
            update(c, "DELETE FROM leases WHERE project_id = ? AND user_id = ? AND expires_at <= ?", project.id(), user.id(), now);
            Optional<Item> free = firstFree(c, user, project, now);
            if (free.isEmpty()) return Optional.empty();
            long expires = now + project.spec().leaseSeconds() * 1000L;
            update(c, "INSERT INTO leases (item_id, user_id, project_id, leased_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    free.get().id(), user.id(), project.id(), now, expires);
            return Optional.of(new Lease(free.get(), now, expires, progress(c, user, project, now)));
        });
    }

    private static Optional<Lease> held(Connection c, User user, Project project, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ITEM_COLUMNS + ", l.leased_at, l.expires_at FROM leases l JOIN items i ON i.id = l.item_id"
                + " WHERE l.project_id = ? AND l.user_id = ? AND l.expires_at > ? AND i.closed_at IS NULL ORDER BY l.leased_at DESC, l.item_id DESC LIMIT 1")) {
            bind(s, project.id(), user.id(), now);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(new Lease(Projects.item(r), r.getLong("leased_at"), r.getLong("expires_at"), progress(c, user, project, now)));
            }
        }
    }

    /** The first item (in import order) this annotator has not seen that still has a free slot. */
    private static Optional<Item> firstFree(Connection c, User user, Project project, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM items i WHERE i.project_id = ? AND i.closed_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.item_id = i.id AND a.user_id = ?)"
                + " AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.item_id = i.id AND l.user_id = ?)"
                + " AND (i.honeypot IS NOT NULL OR (i.answer_count < ? AND " + SLOTS_TAKEN + " < ?))"
                + " ORDER BY i.id LIMIT 1")) {
            bind(s, project.id(), user.id(), user.id(), project.spec().overlap(), now, project.spec().overlap());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Projects.item(r)) : Optional.empty();
            }
        }
    }

    /** Slots of item {@code i} held by answers (not skips) and by live leases; binds the time once. */
    private static final String SLOTS_TAKEN = "(i.answer_count + (SELECT COUNT(*) FROM leases l WHERE l.item_id = i.id AND l.expires_at > ?))";

    /**
     * Stores an answer to an item leased to this annotator and returns its id. A lease that ran
     * out still counts if nobody took the slot meanwhile, so a slow annotator loses nothing.
     */
    public long submit(User user, Project project, long itemId, JsonNode answer) {
        long now = clockMillis.getAsLong();
        return finish(user, project, itemId, now, item -> {
            Feedback f = Answers.toFeedback(project, item, answer, "check", null);
            return Answers.canonical(f);
        }, null);
    }

    /** Records that this annotator skipped a leased item and why; the item stays available to others. */
    public long skip(User user, Project project, long itemId, String reason) {
        String why = Answers.skipReason(reason);
        return finish(user, project, itemId, clockMillis.getAsLong(), item -> null, why);
    }

    private interface AnswerCheck {
        String canonicalAnswer(Item item);
    }

    private long finish(User user, Project project, long itemId, long now, AnswerCheck check, String skipReason) {
        try {
            return db.transaction(c -> {
                db.dialect().lockProject(c, project.id());
                Item item = Projects.item(c, project.id(), itemId).orElseThrow(() -> Refusal.notLeased(itemId));
                if (closed(c, item.id())) throw new Refusal(410, "item " + item.id() + " was withdrawn by whoever asked (a training run took an answer or stopped waiting); take the next one");
                long leasedAt = leasedAt(c, user, project, item, now);
                String answerJson = check.canonicalAnswer(item);
                long id;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO answers (item_id, user_id, project_id, answer, skip_reason, leased_at, answered_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                    bind(s, item.id(), user.id(), project.id(), answerJson, skipReason, leasedAt, now);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        id = r.getLong(1);
                    }
                }
                update(c, "DELETE FROM leases WHERE item_id = ? AND user_id = ?", item.id(), user.id());
                if (answerJson != null) update(c, "UPDATE items SET answer_count = answer_count + 1 WHERE id = ?", item.id());
                return id;
            });
        } catch (DatabaseException e) {
            if (e.getCause() instanceof SQLException s && DatabaseException.isUniqueViolation(s)) {
                throw new Refusal(409, "item " + itemId + " is already answered by you");
            }
            throw e;
        }
    }

    /** When this annotator's lease on the item began; refuses when they hold none (or lost it to someone else). */
    private static long leasedAt(Connection c, User user, Project project, Item item, long now) throws SQLException {
        if (hasAnswer(c, user, item.id())) throw new Refusal(409, "item " + item.id() + " is already answered by you");
        Long leasedAt = null, expiresAt = null;
        try (PreparedStatement s = c.prepareStatement("SELECT leased_at, expires_at FROM leases WHERE item_id = ? AND user_id = ?")) {
            bind(s, item.id(), user.id());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    leasedAt = r.getLong(1);
                    expiresAt = r.getLong(2);
                }
            }
        }
        if (leasedAt == null) throw Refusal.notLeased(item.id());
        if (expiresAt <= now && item.honeypot() == null) {
            try (PreparedStatement s = c.prepareStatement("SELECT " + SLOTS_TAKEN + " FROM items i WHERE i.id = ?")) {
                bind(s, now, item.id());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) >= project.spec().overlap()) {
                        throw new Refusal(409, "your lease on item " + item.id() + " ran out and the item went to other annotators; take the next one");
                    }
                }
            }
        }
        return leasedAt;
    }

    private static boolean closed(Connection c, long itemId) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM items WHERE id = ? AND closed_at IS NOT NULL", itemId) > 0;
    }

    private static boolean hasAnswer(Connection c, User user, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM answers WHERE item_id = ? AND user_id = ?")) {
            bind(s, itemId, user.id());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * Takes back this annotator's latest answer (or skip) in the project and leases its item to
     * them again, so it is the next one they see; the item they held instead returns to the queue. Returns the item's id, or empty when there is
     * nothing to undo.
     */
    public Optional<Long> undo(User user, Project project) {
        long now = clockMillis.getAsLong();
        return db.transaction(c -> {
            db.dialect().lockProject(c, project.id());
            long answerId, itemId;
            boolean skipped;
            try (PreparedStatement s = c.prepareStatement("SELECT id, item_id, answer IS NULL FROM answers WHERE project_id = ? AND user_id = ? ORDER BY answered_at DESC, id DESC LIMIT 1")) {
                bind(s, project.id(), user.id());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return Optional.empty();
                    answerId = r.getLong(1);
                    itemId = r.getLong(2);
                    skipped = r.getBoolean(3);
                }
            }
            if (closed(c, itemId)) throw new Refusal(409, "your last answer (item " + itemId + ") was already taken by whoever asked (a training run); it cannot be undone");
            update(c, "DELETE FROM answers WHERE id = ?", answerId);
            if (!skipped) update(c, "UPDATE items SET answer_count = answer_count - 1 WHERE id = ?", itemId);
            // The item they held goes back to the queue: an annotator holds one lease per project at a time.
            update(c, "DELETE FROM leases WHERE project_id = ? AND user_id = ?", project.id(), user.id());
            update(c, "INSERT INTO leases (item_id, user_id, project_id, leased_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    itemId, user.id(), project.id(), now, now + project.spec().leaseSeconds() * 1000L);
            return Optional.of(itemId);
        });
    }

    public Progress progress(User user, Project project) {
        long now = clockMillis.getAsLong();
        return db.transaction(c -> progress(c, user, project, now));
    }

    private static Progress progress(Connection c, User user, Project project, long now) throws SQLException {
        long yours = count(c, "SELECT COUNT(*) FROM answers WHERE project_id = ? AND user_id = ?", project.id(), user.id());
        long items = count(c, "SELECT COUNT(*) FROM items WHERE project_id = ?", project.id());
        long open = count(c, "SELECT COUNT(*) FROM items i WHERE i.project_id = ? AND i.closed_at IS NULL AND ("
                + "(i.honeypot IS NULL AND i.answer_count < ?)"
                + " OR (i.honeypot IS NOT NULL AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.item_id = i.id AND a.user_id = ?)))",
                project.id(), project.spec().overlap(), user.id());
        return new Progress(yours, items, open);
    }

    /** This annotator's own answers in a project, oldest first. */
    public List<StoredAnswer> answersOf(User user, Project project) {
        return db.transaction(c -> answers(c, "a.project_id = ? AND a.user_id = ?", project.id(), user.id()));
    }

    /** An answer by id, only if it is this user's own (admins may read any); otherwise empty. */
    public Optional<StoredAnswer> answer(User user, long answerId) {
        return db.transaction(c -> {
            List<StoredAnswer> found = user.admin() ? answers(c, "a.id = ?", answerId) : answers(c, "a.id = ? AND a.user_id = ?", answerId, user.id());
            return found.stream().findFirst();
        });
    }

    /** Every answer of a project (admin export and dashboards), oldest first. */
    public static List<StoredAnswer> all(Connection c, long projectId) throws SQLException {
        return answers(c, "a.project_id = ?", projectId);
    }

    private static List<StoredAnswer> answers(Connection c, String where, Object... args) throws SQLException {
        List<StoredAnswer> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT a.id, a.item_id, a.user_id, u.username, a.answer, a.skip_reason, a.leased_at, a.answered_at"
                + " FROM answers a JOIN users u ON u.id = a.user_id WHERE " + where + " ORDER BY a.answered_at, a.id")) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(new StoredAnswer(r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4), r.getString(5), r.getString(6), r.getLong(7), r.getLong(8)));
            }
        }
        return out;
    }


    private static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) s.setNull(i + 1, java.sql.Types.VARCHAR);
            else if (a instanceof Long l) s.setLong(i + 1, l);
            else if (a instanceof Integer n) s.setInt(i + 1, n);
            else s.setString(i + 1, (String) a);
        }
    }
}
