package org.rlhf4j.server.web;

import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicReference;
import org.rlhf4j.server.ServerConfig;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.LoginThrottle;
import org.rlhf4j.server.auth.Sessions;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.queue.Queue;

/** Wires the guard and the three groups of routes onto a Javalin app. */
public final class WebApp {
    private WebApp() {
    }

    public static void register(Javalin app, Database db, Accounts accounts, Sessions sessions, Projects projects, Queue queue, LoginThrottle throttle,
            ServerConfig config, AtomicReference<String> setupToken) {
        RequestGuard guard = new RequestGuard(sessions, projects, config.maxBodyBytes(), config.maxImportBytes(), config.secureCookies());
        app.before(guard::before);
        new AuthRoutes(accounts, sessions, throttle, guard, config.sessionLifetime().toSeconds(), setupToken).register(app);
        new AnnotatorRoutes(projects, queue, guard).register(app);
        new AdminRoutes(db, projects, accounts, guard, config.maxImportBytes()).register(app);
    }
}
