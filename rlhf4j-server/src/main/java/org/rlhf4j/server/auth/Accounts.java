package org.rlhf4j.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseException;

/** Accounts: creation with a hashed password, and checking a login. */
public final class Accounts {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Database db;
    private final PasswordHasher hasher;

    public Accounts(Database db, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
    }

    public static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Creates an account; a taken name is refused with 409. */
    public User create(String username, String password, Role role) {
        return create(username, password, role, (c, created) -> { });
    }

    /**
     * Creates an account and records it in the audit log in the same transaction, as done by
     * {@code admin}, or by the new account itself when {@code admin} is null (the first admin,
     * created with the setup token).
     */
    public User createAudited(String username, String password, Role role, User admin) {
        return create(username, password, role, (c, created) -> {
            if (admin == null) AuditLog.record(c, created, "setup", "first admin " + username + " created with the setup token");
            else AuditLog.record(c, admin, "user.create", "account " + username + " (" + role.dbName() + ")");
        });
    }

    private interface Audit {
        void record(Connection c, User created) throws SQLException;
    }

    private User create(String username, String password, Role role, Audit audit) {
        checkUsername(username);
        PasswordHasher.checkPassword(password);
        String hash = hasher.hash(password);
        try {
            return db.transaction(c -> {
                User created = insert(c, username, hash, role);
                audit.record(c, created);
                return created;
            });
        } catch (DatabaseException e) {
            if (e.getCause() instanceof SQLException s && DatabaseException.isUniqueViolation(s)) {
                throw new Refusal(409, "username " + username + " is taken");
            }
            throw e;
        }
    }

    private static User insert(Connection c, String username, String hash, Role role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING id")) {
            s.setString(1, username);
            s.setString(2, hash);
            s.setString(3, role.dbName());
            s.setLong(4, System.currentTimeMillis());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new User(r.getLong(1), username, role);
            }
        }
    }

    /** The account whose name and password match, or empty; takes as long for an unknown name. */
    public Optional<User> authenticate(String username, String password) {
        record Row(User user, String hash) {}
        Optional<Row> row = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, username, role, password_hash FROM users WHERE username = ?")) {
                s.setString(1, username);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return Optional.<Row>empty();
                    return Optional.of(new Row(new User(r.getLong(1), r.getString(2), Role.fromDb(r.getString(3))), r.getString(4)));
                }
            }
        });
        if (row.isEmpty()) {
            hasher.verifyNobody(password);
            return Optional.empty();
        }
        return hasher.verify(password, row.get().hash()) ? Optional.of(row.get().user()) : Optional.empty();
    }

    public boolean anyAdmin() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users WHERE role = ?")) {
                s.setString(1, Role.ADMIN.dbName());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1) > 0;
                }
            }
        });
    }

    public List<User> list() {
        return db.transaction(c -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, username, role FROM users ORDER BY username");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) users.add(new User(r.getLong(1), r.getString(2), Role.fromDb(r.getString(3))));
            }
            return users;
        });
    }
}
