package org.rlhf4j.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.LoginThrottle;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.Role;
import org.rlhf4j.server.auth.Session;
import org.rlhf4j.server.auth.Sessions;
import org.rlhf4j.server.auth.User;

/**
 * Login, logout and first-admin setup. A login form carries a token that must match a cookie set
 * with the form (so another site cannot log a browser in as someone else); failed logins are
 * throttled per name and per address.
 */
final class AuthRoutes {
    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final RequestGuard guard;
    private final long sessionSeconds;
    /** The one-time setup token while no admin exists; null after setup. */
    private final AtomicReference<String> setupToken;

    AuthRoutes(Accounts accounts, Sessions sessions, LoginThrottle throttle, RequestGuard guard, long sessionSeconds, AtomicReference<String> setupToken) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.guard = guard;
        this.sessionSeconds = sessionSeconds;
        this.setupToken = setupToken;
    }

    void register(Javalin app) {
        app.get("/", ctx -> {
            Optional<Session> s = RequestGuard.session(ctx);
            if (s.isEmpty()) ctx.redirect(setupToken.get() != null ? "/setup" : "/login");
            else ctx.redirect(s.get().user().admin() ? "/admin" : "/projects");
        });
        app.get("/login", ctx -> loginPage(ctx, 200, null));
        app.post("/login", this::login);
        app.post("/logout", ctx -> {
            sessions.end(ctx.cookie(RequestGuard.SESSION_COOKIE));
            ctx.res().addHeader("Set-Cookie", guard.sessionCookie("", 0));
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
        });
        app.get("/setup", ctx -> setupPage(ctx, 200, null));
        app.post("/setup", this::setup);
    }

    private void loginPage(Context ctx, int status, String error) {
        // Reuse the browser's token: a second GET (another tab, a favicon redirect) must not void an open form.
        String existing = ctx.cookie(RequestGuard.LOGIN_COOKIE);
        String token = existing != null && existing.matches("[A-Za-z0-9_-]{43}") ? existing : Sessions.randomToken();
        ctx.res().addHeader("Set-Cookie", guard.cookie(RequestGuard.LOGIN_COOKIE, token, "/", 3600));
        ctx.status(status).html(Html.page("Log in", null, null, "login",
                "<h1>Log in</h1>" + (error == null ? "" : "<p class=\"error\" id=\"error\">" + Html.escape(error) + "</p>")
                        + "<form method=\"post\" action=\"/login\" id=\"login\"><input type=\"hidden\" name=\"login_token\" value=\"" + token + "\">"
                        + "<label>Username <input name=\"username\" id=\"username\" autocomplete=\"username\" maxlength=\"64\" autofocus required></label>"
                        + "<label>Password <input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" maxlength=\"256\" required></label>"
                        + "<button type=\"submit\">Log in</button></form>"));
    }

    private void login(Context ctx) {
        if (!RequestGuard.sameSecret(ctx.cookie(RequestGuard.LOGIN_COOKIE), RequestGuard.isForm(ctx) ? ctx.formParam("login_token") : null)) {
            throw new Refusal(403, "the login form has expired; reload the page");
        }
        String username = RequestGuard.formField(ctx, "username", 64);
        String password = RequestGuard.formField(ctx, "password", PasswordHasher.MAX_PASSWORD_LENGTH);
        String address = ctx.ip();
        long wait = throttle.retryAfterSeconds(username, address);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            loginPage(ctx, 429, "too many failed logins; try again in " + wait + " seconds");
            return;
        }
        Optional<User> user = accounts.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(username, address);
            loginPage(ctx, 401, "wrong username or password");
            return;
        }
        throttle.succeeded(username);
        ctx.res().addHeader("Set-Cookie", guard.sessionCookie(sessions.start(user.get()), sessionSeconds));
        ctx.res().addHeader("Set-Cookie", guard.cookie(RequestGuard.LOGIN_COOKIE, "", "/", 0));
        ctx.redirect(user.get().admin() ? "/admin" : "/projects", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void setupPage(Context ctx, int status, String error) {
        if (setupToken.get() == null) {
            ctx.status(410).html(Html.page("Setup", null, null, "setup", "<h1>Setup is done</h1><p><a href=\"/login\">Log in</a></p>"));
            return;
        }
        ctx.status(status).html(Html.page("Create the first admin", null, null, "setup",
                "<h1>Create the first admin</h1><p>Paste the setup token the server printed when it started.</p>"
                        + (error == null ? "" : "<p class=\"error\" id=\"error\">" + Html.escape(error) + "</p>")
                        + "<form method=\"post\" action=\"/setup\"><label>Setup token <input name=\"token\" id=\"token\" maxlength=\"64\" required></label>"
                        + "<label>Username <input name=\"username\" id=\"username\" maxlength=\"64\" required></label>"
                        + "<label>Password (at least " + PasswordHasher.MIN_PASSWORD_LENGTH + " characters) <input name=\"password\" id=\"password\" type=\"password\" maxlength=\"256\" required></label>"
                        + "<button type=\"submit\">Create admin</button></form>"));
    }

    private synchronized void setup(Context ctx) {
        String expected = setupToken.get();
        if (expected == null || accounts.anyAdmin()) {
            setupToken.set(null);
            throw new Refusal(410, "setup is done: an admin exists");
        }
        String token = RequestGuard.formField(ctx, "token", 64);
        long wait = throttle.retryAfterSeconds("(setup)", ctx.ip());
        if (wait > 0) throw new Refusal(429, "too many wrong setup tokens; try again in " + wait + " seconds");
        if (!RequestGuard.sameSecret(token, expected)) {
            throttle.failed("(setup)", ctx.ip());
            throw new Refusal(403, "wrong setup token");
        }
        String username = RequestGuard.formField(ctx, "username", 64);
        String password = RequestGuard.formField(ctx, "password", PasswordHasher.MAX_PASSWORD_LENGTH);
        User admin = accounts.createAudited(username, password, Role.ADMIN, null);
        setupToken.set(null);
        ctx.res().addHeader("Set-Cookie", guard.sessionCookie(sessions.start(admin), sessionSeconds));
        ctx.redirect("/admin", io.javalin.http.HttpStatus.SEE_OTHER);
    }
}
