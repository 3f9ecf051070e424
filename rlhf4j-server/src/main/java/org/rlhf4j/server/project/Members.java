package org.rlhf4j.server.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.auth.AuditLog;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;

/**
 * Which annotators may work on a project. A project without members is open to every annotator
 * (how every project worked before V5); once an admin adds members, only they and admins see the
 * project, its items and its pages: to anyone else it does not exist (404). The last member
 * cannot be removed, since that would open the project to everyone without anyone deciding so.
 */
public final class Members {
    private final Database db;

    public Members(Database db) {
        this.db = db;
    }

    /** Whether {@code user} may see the project: an admin, a member, or anyone when it has no members. */
    public static boolean maySee(Connection c, User user, long projectId) throws SQLException {
        if (user.admin()) return true;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(CASE WHEN user_id = ? THEN 1 ELSE 0 END), 0) FROM project_members WHERE project_id = ?")) {
            s.setLong(1, user.id());
            s.setLong(2, projectId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) == 0 || r.getLong(2) > 0;
            }
        }
    }

    public boolean maySee(User user, long projectId) {
        return db.transaction(c -> maySee(c, user, projectId));
    }

    /** The members' names, in the order they were added. */
    public List<String> of(long projectId) {
        return db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT u.username FROM project_members m JOIN users u ON u.id = m.user_id WHERE m.project_id = ? ORDER BY m.added_at, u.id")) {
                s.setLong(1, projectId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(r.getString(1));
                }
            }
            return out;
        });
    }

    public void add(Project project, String username, User admin) {
        db.transaction(c -> {
            User member = annotator(c, username);
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?")) {
                s.setLong(1, project.id());
                s.setLong(2, member.id());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) throw new Refusal(409, username + " is already a member of project '" + project.name() + "'");
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO project_members (project_id, user_id, added_at) VALUES (?, ?, ?)")) {
                s.setLong(1, project.id());
                s.setLong(2, member.id());
                s.setLong(3, System.currentTimeMillis());
                s.executeUpdate();
            }
            AuditLog.record(c, admin, "project.member.add", "project " + project.id() + " '" + project.name() + "': " + username);
            return null;
        });
    }

    public void remove(Project project, String username, User admin) {
        db.transaction(c -> {
            User member = annotator(c, username);
            List<String> now = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT user_id FROM project_members WHERE project_id = ?")) {
                s.setLong(1, project.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) now.add(Long.toString(r.getLong(1)));
                }
            }
            if (!now.contains(Long.toString(member.id()))) throw new Refusal(409, username + " is not a member of project '" + project.name() + "'");
            if (now.size() == 1) throw new Refusal(409, username + " is the last member of project '" + project.name() + "'; removing them would open it to every annotator. Add another member first");
            try (PreparedStatement s = c.prepareStatement("DELETE FROM project_members WHERE project_id = ? AND user_id = ?")) {
                s.setLong(1, project.id());
                s.setLong(2, member.id());
                s.executeUpdate();
            }
            // a lease they hold ends now; the item goes back to the queue
            try (PreparedStatement s = c.prepareStatement("DELETE FROM leases WHERE project_id = ? AND user_id = ?")) {
                s.setLong(1, project.id());
                s.setLong(2, member.id());
                s.executeUpdate();
            }
            AuditLog.record(c, admin, "project.member.remove", "project " + project.id() + " '" + project.name() + "': " + username);
            return null;
        });
    }

    private static User annotator(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, username, role FROM users WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) throw new Refusal(404, "no account named " + username);
                if (!r.getString(3).equals("annotator")) throw new Refusal(400, username + " is an admin, and admins see every project already");
                return new User(r.getLong(1), r.getString(2), org.rlhf4j.server.auth.Role.ANNOTATOR);
            }
        }
    }
}
