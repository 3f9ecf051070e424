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

    /** A file from the jar's {@code web/} folder, read once; served with an exact type (nosniff makes browsers trust it). */
    private static void serveAsset(Javalin app, String name, String contentType) {
        byte[] bytes;
        try (var in = WebApp.class.getResourceAsStream("/web/" + name)) {
            if (in == null) throw new IllegalStateException("web/" + name + " is missing from the jar");
            bytes = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        app.get("/static/" + name, ctx -> ctx.contentType(contentType).header("Cache-Control", "no-cache").result(bytes));
    }

    public static void register(Javalin app, Database db, Accounts accounts, Sessions sessions, Projects projects, Queue queue, LoginThrottle throttle,
            ServerConfig config, AtomicReference<String> setupToken) {
        RequestGuard guard = new RequestGuard(sessions, projects, config.maxBodyBytes(), config.maxImportBytes(), config.secureCookies());
        app.before(guard::before);
        serveAsset(app, "app.js", "text/javascript; charset=utf-8");
        serveAsset(app, "app.css", "text/css; charset=utf-8");
        new AuthRoutes(accounts, sessions, throttle, guard, config.sessionLifetime().toSeconds(), setupToken).register(app);
        new AnnotatorRoutes(projects, queue, guard).register(app);
        new AdminRoutes(db, projects, accounts, guard, config.maxImportBytes()).register(app);
    }
}
