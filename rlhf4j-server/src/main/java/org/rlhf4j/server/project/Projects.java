package org.rlhf4j.server.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.auth.AuditLog;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseException;

/** Projects and their items in the database. */
public final class Projects {
    private final Database db;

    public Projects(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    public Project create(ProjectSpec spec, User admin) {
        try {
            return db.transaction(c -> {
                long id;
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO projects (name, kind, guidelines, overlap, lease_seconds, criteria, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                    s.setString(1, spec.name());
                    s.setString(2, spec.kind().dbName());
                    s.setString(3, spec.guidelines());
                    s.setInt(4, spec.overlap());
                    s.setInt(5, spec.leaseSeconds());
                    s.setString(6, String.join(",", spec.criteria()));
                    s.setLong(7, System.currentTimeMillis());
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        id = r.getLong(1);
                    }
                }
                AuditLog.record(c, admin, "project.create", "project " + id + " '" + spec.name() + "' (" + spec.kind().dbName() + ", overlap " + spec.overlap() + ")");
                return new Project(id, spec);
            });
        } catch (DatabaseException e) {
            if (e.getCause() instanceof SQLException s && DatabaseException.isUniqueViolation(s)) throw new Refusal(409, "a project named '" + spec.name() + "' exists");
            throw e;
        }
    }

    public Optional<Project> find(long id) {
        return db.transaction(c -> find(c, id));
    }

    public static Optional<Project> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, kind, guidelines, overlap, lease_seconds, criteria FROM projects WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(project(r)) : Optional.empty();
            }
        }
    }

    /** A project by id ("12") or by name. */
    public Optional<Project> find(String idOrName) {
        if (idOrName.matches("[0-9]{1,18}")) {
            Optional<Project> byId = find(Long.parseLong(idOrName));
            if (byId.isPresent()) return byId;
        }
        return list().stream().filter(p -> p.name().equals(idOrName)).findFirst();
    }

    public List<Project> list() {
        return db.transaction(c -> {
            List<Project> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, kind, guidelines, overlap, lease_seconds, criteria FROM projects ORDER BY id");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(project(r));
            }
            return out;
        });
    }

    private static Project project(ResultSet r) throws SQLException {
        String criteria = r.getString(7);
        return new Project(r.getLong(1), new ProjectSpec(r.getString(2), TaskKind.parse("kind", r.getString(3)), r.getString(4), r.getInt(5), r.getInt(6),
                criteria.isEmpty() ? List.of() : Arrays.asList(criteria.split(","))));
    }

    /** Ids of the items already in a project, among {@code externalIds}. */
    static List<String> existingIds(Connection c, long projectId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT external_id FROM items WHERE project_id = ?")) {
            s.setLong(1, projectId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
        }
        return out;
    }

    static void insertItems(Connection c, long projectId, List<ItemDraft> drafts) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO items (project_id, external_id, prompt, responses, honeypot, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ItemDraft d : drafts) {
                s.setLong(1, projectId);
                s.setString(2, d.externalId());
                s.setString(3, ItemJson.prompt(d.prompt()));
                s.setString(4, ItemJson.responses(d.responses()));
                s.setString(5, ItemJson.knownAnswer(d.honeypot()));
                s.setLong(6, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public static Item item(ResultSet r) throws SQLException {
        return new Item(r.getLong("id"), r.getLong("project_id"), r.getString("external_id"), ItemJson.prompt(r.getString("prompt")),
                ItemJson.responses(r.getString("responses")), ItemJson.knownAnswer(r.getString("honeypot")));
    }

    public static Optional<Item> item(Connection c, long projectId, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, project_id, external_id, prompt, responses, honeypot FROM items WHERE id = ? AND project_id = ?")) {
            s.setLong(1, itemId);
            s.setLong(2, projectId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(item(r)) : Optional.empty();
            }
        }
    }
}
