package org.rlhf4j.server;

import java.nio.file.Path;
import org.rlhf4j.server.auth.Role;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.DatabaseLocation;

/** The real server on a free loopback port with an admin account, for tests; HTTP through {@link WebClient}. */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN = "admin", PASSWORD = "correct horse battery";

    public final FeedbackServer server;
    public final User admin;
    public final String base;

    private TestServer(FeedbackServer server, User admin) {
        this.server = server;
        this.admin = admin;
        this.base = "http://127.0.0.1:" + server.port();
    }

    public static TestServer sqlite(Path dir) {
        return on(DatabaseLocation.sqlite(dir.resolve("feedback.db")));
    }

    public static TestServer on(DatabaseLocation db) {
        return start(config(db));
    }

    /** Defaults but a free port and the cheapest allowed password hash, so tests can make many accounts. */
    public static ServerConfig config(DatabaseLocation db) {
        return ServerConfig.defaults(db).withPort(0).withPasswordIterations(org.rlhf4j.server.auth.PasswordHasher.MIN_ITERATIONS);
    }

    public static TestServer start(ServerConfig config) {
        FeedbackServer s = FeedbackServer.start(config, line -> { });
        User admin = s.accounts().create(ADMIN, PASSWORD, Role.ADMIN);
        return new TestServer(s, admin);
    }

    /** The server on a database that already has its accounts (a restart). */
    public static TestServer startWithoutAdmin(DatabaseLocation db) {
        FeedbackServer s = FeedbackServer.start(config(db), line -> { });
        return new TestServer(s, null);
    }

    public User annotator(String name) {
        return server.accounts().create(name, PASSWORD, Role.ANNOTATOR);
    }

    public WebClient login(String username) {
        WebClient c = new WebClient(base);
        c.login(username, PASSWORD);
        return c;
    }

    @Override
    public void close() {
        server.close();
    }
}
