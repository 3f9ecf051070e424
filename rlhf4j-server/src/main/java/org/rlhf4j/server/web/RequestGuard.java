package org.rlhf4j.server.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.auth.Session;
import org.rlhf4j.server.auth.Sessions;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.Projects;

/**
 * The checks every request passes, in one place so no route can forget one: security headers,
 * the session from its cookie, a CSRF token on every state-changing request, admin-only paths,
 * body size limits, and strict parsing of ids and JSON.
 */
final class RequestGuard {
    static final String SESSION_COOKIE = "rlhf4j_session", LOGIN_COOKIE = "rlhf4j_login", CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION = "session";
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Sessions sessions;
    private final Projects projects;
    private final org.rlhf4j.server.project.Members members;
    private final int maxBodyBytes;
    private final long maxImportBytes;
    private final boolean secureCookies;

    RequestGuard(Sessions sessions, Projects projects, int maxBodyBytes, long maxImportBytes, boolean secureCookies) {
        this.sessions = sessions;
        this.projects = projects;
        this.members = new org.rlhf4j.server.project.Members(projects.database());
        this.maxBodyBytes = maxBodyBytes;
        this.maxImportBytes = maxImportBytes;
        this.secureCookies = secureCookies;
    }

    /** Runs before every handler, static files included. */
    void before(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" on form posts, which checkOrigin refuses.
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (!ctx.path().startsWith("/static/")) ctx.header("Cache-Control", "no-store");
        checkLength(ctx);
        sessions.find(ctx.cookie(SESSION_COOKIE)).ifPresent(s -> ctx.attribute(SESSION, s));
        String path = ctx.path();
        boolean changes = !(ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD"));
        if (changes) checkOrigin(ctx);
        boolean open = path.equals("/login") || path.equals("/setup") || path.startsWith("/static/") || path.equals("/") || path.equals("/favicon.ico");
        if (open) return;
        Optional<Session> session = session(ctx);
        if (session.isEmpty()) {
            if (path.startsWith("/api/") || changes) throw new Refusal(401, "log in first");
            ctx.redirect("/login");
            ctx.skipRemainingHandlers();
            return;
        }
        if (path.startsWith("/admin") && !session.get().user().admin()) throw new Refusal(403, "this page is for admins");
        if (changes) checkCsrf(ctx, session.get());
    }

    private void checkLength(Context ctx) {
        long limit = ctx.path().matches("/admin/projects/[^/]+/items") ? maxImportBytes : maxBodyBytes;
        String length = ctx.header("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) throw new Refusal(413, "request body is larger than " + limit + " bytes");
            } catch (NumberFormatException e) {
                throw new Refusal(400, "Content-Length is not a number");
            }
        }
    }

    /** A browser names the page a request came from; one from another site is refused (SameSite cookies also stop it). */
    private static void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) return;
        String host = ctx.header("Host");
        if (host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host))) {
            throw new Refusal(403, "request from another origin (" + origin + ") refused");
        }
    }

    private static void checkCsrf(Context ctx, Session session) {
        String given = ctx.header(CSRF_HEADER);
        if (given == null && isForm(ctx)) given = ctx.formParam("csrf");
        if (!sameSecret(given, session.csrfToken())) throw new Refusal(403, "missing or wrong CSRF token; reload the page");
    }

    static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    static boolean sameSecret(String given, String expected) {
        if (given == null || expected == null) return false;
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }

    static Session requireSession(Context ctx) {
        return session(ctx).orElseThrow(() -> new Refusal(401, "log in first"));
    }

    /** The cookie header of a new session: HttpOnly, SameSite=Strict, Secure under TLS. */
    String sessionCookie(String value, long maxAgeSeconds) {
        return cookie(SESSION_COOKIE, value, "/", maxAgeSeconds);
    }

    String cookie(String name, String value, String path, long maxAgeSeconds) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "");
    }

    static long pathId(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        if (!raw.matches("[0-9]{1,18}")) throw new Refusal(400, name + " must be a number, got '" + (raw.length() > 40 ? raw.substring(0, 40) + "..." : raw) + "'");
        return Long.parseLong(raw);
    }

    /** The project in the path, if the caller may see it: to an annotator outside its members it does not exist. */
    Project project(Context ctx) {
        long id = pathId(ctx, "project");
        Project p = projects.find(id).orElseThrow(() -> new Refusal(404, "no project " + id));
        Optional<Session> s = session(ctx);
        if (s.isPresent() && !members.maySee(s.get().user(), id)) throw new Refusal(404, "no project " + id);
        return p;
    }

    /** The request body as a JSON object, read up to the size limit. */
    JsonNode jsonBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.startsWith("application/json")) throw new Refusal(415, "body must be JSON (Content-Type: application/json)");
        byte[] body = bounded(ctx, maxBodyBytes);
        try {
            JsonNode n = STRICT.readTree(body);
            if (n == null || !n.isObject()) throw new Refusal(400, "body must be a JSON object");
            return n;
        } catch (JsonProcessingException e) {
            throw new Refusal(400, "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads at most {@code limit} bytes; a longer body (even one without Content-Length) is refused. */
    static byte[] bounded(Context ctx, long limit) {
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                if (out.size() > limit) throw new Refusal(413, "request body is larger than " + limit + " bytes");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A required form field of at most {@code max} characters. */
    static String formField(Context ctx, String name, int max) {
        if (!isForm(ctx)) throw new Refusal(415, "body must be a form (application/x-www-form-urlencoded)");
        String v = ctx.formParam(name);
        if (v == null || v.isEmpty()) throw new Refusal(400, name + " must be given");
        if (v.length() > max) throw new Refusal(400, name + " must have at most " + max + " characters");
        return v;
    }

    static String optionalFormField(Context ctx, String name, int max) {
        String v = ctx.formParam(name);
        if (v != null && v.length() > max) throw new Refusal(400, name + " must have at most " + max + " characters");
        return v == null ? "" : v;
    }
}
