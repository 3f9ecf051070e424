package org.rlhf4j.server;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.rlhf4j.core.UserError;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.LoginThrottle;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.Sessions;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.queue.Queue;
import org.rlhf4j.server.web.WebApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback web app, embedded: opens (and migrates) the database, then serves on
 * {@link ServerConfig#bindAddress()}:{@link #port()} until {@link #close}.
 * <pre>
 * try (FeedbackServer server = FeedbackServer.start(ServerConfig.defaults(DatabaseLocation.sqlite(Path.of("feedback.db"))), System.out::println)) {
 *     server.join();
 * }
 * </pre>
 * When the database has no admin yet, a one-time setup token is handed to {@code announce}
 * (printed by {@code rlhf4j serve}); whoever has it creates the first admin at {@code /setup}.
 */
public final class FeedbackServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackServer.class);

    private final Database db;
    private final Javalin app;
    private final Accounts accounts;

    private FeedbackServer(Database db, Javalin app, Accounts accounts) {
        this.db = db;
        this.app = app;
        this.accounts = accounts;
    }

    public static FeedbackServer start(ServerConfig config, Consumer<String> announce) {
        Database db = Database.open(config.database());
        try {
            PasswordHasher hasher = new PasswordHasher(config.passwordIterations());
            Accounts accounts = new Accounts(db, hasher);
            AtomicReference<String> setupToken = new AtomicReference<>(accounts.anyAdmin() ? null : Sessions.randomToken());
            Javalin app = Javalin.create(c -> {
                c.showJavalinBanner = false;
                c.http.maxRequestSize = config.maxBodyBytes();
                c.http.defaultContentType = "text/plain; charset=utf-8";
                c.jetty.multipartConfig.maxFileSize(config.maxImportBytes(), SizeUnit.BYTES);
                c.jetty.multipartConfig.maxTotalRequestSize(config.maxImportBytes() + 65_536, SizeUnit.BYTES);
                c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
                // The server's name and version help attackers more than anyone else.
                c.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
            });
            WebApp.register(app, db, accounts, new Sessions(db, config.sessionLifetime()), new Projects(db), new Queue(db, System::currentTimeMillis),
                    new LoginThrottle(config.loginFailuresPerUser(), config.loginFailuresPerAddress(), config.loginWindow(), Clock.systemUTC()),
                    config, setupToken);
            registerErrors(app);
            app.start(config.bindAddress(), config.port());
            FeedbackServer server = new FeedbackServer(db, app, accounts);
            String where = "http://" + (config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress()) + ":" + server.port();
            announce.accept("rlhf4j feedback app on " + where + " (database " + config.database().display() + ")");
            if (setupToken.get() != null) {
                announce.accept("no admin yet: open " + where + "/setup and paste this one-time setup token: " + setupToken.get());
                announce.accept("(or stop the server and run: rlhf4j serve create-admin --db ...)");
            }
            return server;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static void registerErrors(Javalin app) {
        app.exception(Refusal.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage()));
        app.exception(UserError.class, (e, ctx) -> refuse(ctx, 400, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> refuse(ctx, 400, e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            refuse(ctx, 500, "internal error; the server log has the details");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) refuse(ctx, 404, "no such page: " + ctx.path());
        });
    }

    /** A refusal as {@code {"error": ...}} for the API and as a small page otherwise; the message is always escaped. */
    private static void refuse(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.skipRemainingHandlers();
        if (ctx.path().startsWith("/api/")) {
            ctx.contentType("application/json; charset=utf-8").result(org.rlhf4j.server.project.ItemJson.JSON.createObjectNode().put("error", message).toString());
        } else {
            ctx.html(org.rlhf4j.server.web.Html.page("Error " + status, null, null, "error",
                    "<h1>Error " + status + "</h1><p class=\"error\" id=\"error\">" + org.rlhf4j.server.web.Html.escape(message) + "</p><p><a href=\"/\">Start page</a></p>"));
        }
    }

    /** The port actually bound (useful when the config asked for 0). */
    public int port() {
        return app.port();
    }

    public Database database() {
        return db;
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Blocks until the JVM is told to stop (Ctrl-C); the shutdown hook closes the server. */
    public void join() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "rlhf4j-server-shutdown"));
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        app.stop();
        db.close();
    }
}
