package org.rlhf4j.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.stats.FeedbackSummary.AgreementFigure;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.AuditLog;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.Role;
import org.rlhf4j.server.auth.Session;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.project.ItemImport;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.ProjectSpec;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.project.TaskKind;
import org.rlhf4j.server.report.Dashboard;
import org.rlhf4j.server.report.ProjectExport;

/** Admin pages (the guard lets only admins reach {@code /admin}): projects, imports, accounts, dashboards, exports, audit log. */
final class AdminRoutes {
    private final Database db;
    private final Projects projects;
    private final Accounts accounts;
    private final RequestGuard guard;
    private final long maxImportBytes;

    AdminRoutes(Database db, Projects projects, Accounts accounts, RequestGuard guard, long maxImportBytes) {
        this.db = db;
        this.projects = projects;
        this.accounts = accounts;
        this.guard = guard;
        this.maxImportBytes = maxImportBytes;
    }

    void register(Javalin app) {
        app.get("/admin", this::home);
        app.post("/admin/projects", this::createProject);
        app.post("/admin/users", this::createUser);
        app.get("/admin/projects/{project}", this::dashboard);
        app.post("/admin/projects/{project}/items", this::importItems);
        app.post("/admin/projects/{project}/members", ctx -> member(ctx, true));
        app.post("/admin/projects/{project}/members/remove", ctx -> member(ctx, false));
        app.get("/admin/projects/{project}/export", this::export);
        app.get("/admin/audit", this::audit);
    }

    private static Session admin(Context ctx) {
        Session s = RequestGuard.requireSession(ctx);
        if (!s.user().admin()) throw new Refusal(403, "this page is for admins");
        return s;
    }

    private void home(Context ctx) {
        Session s = admin(ctx);
        StringBuilder b = new StringBuilder("<h1>Admin</h1><h2>Projects</h2><table id=\"projects\"><tr><th>Project</th><th>Task</th><th>Overlap</th><th></th></tr>");
        for (Project p : projects.list()) {
            b.append("<tr><td><a href=\"/admin/projects/").append(p.id()).append("\">").append(Html.escape(p.name())).append("</a></td><td>")
                    .append(p.kind().dbName()).append("</td><td>").append(p.spec().overlap()).append("</td><td><a href=\"/projects/").append(p.id())
                    .append("/annotate\">annotate</a></td></tr>");
        }
        b.append("</table><h2>New project</h2><form method=\"post\" action=\"/admin/projects\" id=\"new-project\">").append(Html.hiddenCsrf(s.csrfToken()))
                .append("<label>Name <input name=\"name\" maxlength=\"80\" required></label>")
                .append("<label>Task <select name=\"kind\"><option>comparison</option><option>rating</option><option>ranking</option><option>critique</option></select></label>")
                .append("<label>Annotators per item <input name=\"overlap\" type=\"number\" min=\"1\" max=\"50\" value=\"1\"></label>")
                .append("<label>Lease (seconds) <input name=\"lease_seconds\" type=\"number\" min=\"1\" value=\"").append(ProjectSpec.DEFAULT_LEASE_SECONDS).append("\"></label>")
                .append("<label>Rating criteria (comma-separated, e.g. helpfulness,politeness) <input name=\"criteria\" maxlength=\"500\"></label>")
                .append("<label>Guidelines (Markdown) <textarea name=\"guidelines\" rows=\"6\" maxlength=\"50000\"></textarea></label>")
                .append("<button type=\"submit\">Create project</button></form>");
        b.append("<h2>Accounts</h2><ul id=\"users\">");
        for (User u : accounts.list()) b.append("<li>").append(Html.escape(u.username())).append(" <span class=\"kind\">").append(u.role().dbName()).append("</span></li>");
        b.append("</ul><form method=\"post\" action=\"/admin/users\" id=\"new-user\">").append(Html.hiddenCsrf(s.csrfToken()))
                .append("<label>Username <input name=\"username\" maxlength=\"64\" required></label>")
                .append("<label>Password <input name=\"password\" type=\"password\" maxlength=\"256\" required></label>")
                .append("<label>Role <select name=\"role\"><option>annotator</option><option>admin</option></select></label>")
                .append("<button type=\"submit\">Create account</button></form><p><a href=\"/admin/audit\">Audit log</a></p>");
        ctx.html(Html.page("Admin", s.user().username(), s.csrfToken(), "admin", b.toString()));
    }

    private void createProject(Context ctx) {
        Session s = admin(ctx);
        String name = RequestGuard.formField(ctx, "name", ProjectSpec.MAX_NAME);
        TaskKind kind = TaskKind.parse("kind", RequestGuard.formField(ctx, "kind", 20));
        if (kind == TaskKind.CLIPS) throw new Refusal(400, "kind clips: clip projects are made by a training run (rlhf4j control train --feedback preferences --teacher web)");
        int overlap = intField(ctx, "overlap", 1);
        int lease = intField(ctx, "lease_seconds", ProjectSpec.DEFAULT_LEASE_SECONDS);
        String criteriaText = RequestGuard.optionalFormField(ctx, "criteria", 500).strip();
        List<String> criteria = criteriaText.isEmpty() ? List.of() : Arrays.stream(criteriaText.split(",")).map(String::strip).toList();
        String guidelines = RequestGuard.optionalFormField(ctx, "guidelines", ProjectSpec.MAX_GUIDELINES);
        Project p = projects.create(new ProjectSpec(name, kind, guidelines, overlap, lease, criteria), s.user());
        ctx.redirect("/admin/projects/" + p.id(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static int intField(Context ctx, String name, int absent) {
        String v = RequestGuard.optionalFormField(ctx, name, 9).strip();
        if (v.isEmpty()) return absent;
        if (!v.matches("-?[0-9]{1,8}")) throw new Refusal(400, name + " must be an integer, got '" + v + "'");
        return Integer.parseInt(v);
    }

    private void createUser(Context ctx) {
        Session s = admin(ctx);
        String username = RequestGuard.formField(ctx, "username", 64);
        String password = RequestGuard.formField(ctx, "password", PasswordHasher.MAX_PASSWORD_LENGTH);
        String roleName = RequestGuard.formField(ctx, "role", 20);
        Role role = switch (roleName) {
            case "annotator" -> Role.ANNOTATOR;
            case "admin" -> Role.ADMIN;
            default -> throw new Refusal(400, "role must be annotator or admin, got '" + roleName + "'");
        };
        accounts.createAudited(username, password, role, s.user());
        ctx.redirect("/admin", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void importItems(Context ctx) {
        Session s = admin(ctx);
        Project p = guard.project(ctx);
        String type = ctx.contentType();
        if (type == null || !type.startsWith("multipart/form-data")) throw new Refusal(415, "upload the file as multipart/form-data in the field 'file'");
        UploadedFile upload = ctx.uploadedFile("file");
        if (upload == null) throw new Refusal(400, "file must be given");
        if (upload.size() > maxImportBytes) throw new Refusal(413, "file is larger than " + maxImportBytes + " bytes");
        String name = upload.filename() == null || upload.filename().isBlank() ? "upload.jsonl" : Path.of(upload.filename()).getFileName().toString();
        if (name.length() > 200) name = name.substring(0, 200);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rlhf4j-import");
            Path file = dir.resolve(name.endsWith(".gz") ? "upload.jsonl.gz" : "upload.jsonl");
            try (InputStream in = upload.content()) {
                Files.copy(in, file);
            }
            ItemImport.Report r = ItemImport.run(db, p, file, name, s.user());
            ctx.html(Html.page("Imported", s.user().username(), s.csrfToken(), "imported", "<h1>Imported</h1><p id=\"result\">" + r.added() + " items added to "
                    + Html.escape(p.name()) + (r.alreadyPresent() > 0 ? ", " + r.alreadyPresent() + " already present" : "") + ".</p><p><a href=\"/admin/projects/" + p.id() + "\">Back to the project</a></p>"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless; the import's outcome stands
        }
    }

    private void export(Context ctx) {
        Session s = admin(ctx);
        Project p = guard.project(ctx);
        String format = ctx.queryParam("format") == null ? "feedback" : ctx.queryParam("format");
        if (!List.of("feedback", "trl", "hh").contains(format)) throw new Refusal(400, "format must be feedback, trl or hh, got '" + (format.length() > 20 ? format.substring(0, 20) : format) + "'");
        if (!format.equals("feedback") && p.kind() != TaskKind.COMPARISON) throw new Refusal(400, (format.equals("trl") ? "TRL" : "HH-RLHF") + " export is for comparison projects; export " + p.kind().dbName() + " projects as feedback");
        List<Feedback> records = ProjectExport.records(db, p, s.user(), format);
        String fileName = p.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + format + ".jsonl";
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.contentType("application/x-ndjson; charset=utf-8");
        if (format.equals("feedback")) {
            ctx.result(ProjectExport.feedbackLines(records));
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("rlhf4j-" + format, ".jsonl");
            if (format.equals("trl")) ProjectExport.trl(records, p, tmp);
            else ProjectExport.hhRlhf(records, p, tmp);
            ctx.result(Files.readString(tmp));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) tmp.toFile().delete();
        }
    }

    private void dashboard(Context ctx) {
        Session s = admin(ctx);
        Project p = guard.project(ctx);
        Dashboard d = Dashboard.of(db, p, System.currentTimeMillis());
        StringBuilder b = new StringBuilder("<h1>").append(Html.escape(p.name())).append("</h1><p>").append(p.kind().dbName()).append(", ")
                .append(p.spec().overlap()).append(" annotator(s) per item, lease ").append(p.spec().leaseSeconds()).append(" s. <a href=\"/projects/").append(p.id())
                .append("/annotate\">Annotate</a></p>");
        b.append("<h2>Progress</h2><table id=\"totals\">")
                .append(row("items", d.items())).append(row("honeypots", d.honeypots())).append(row("items with full overlap", d.itemsComplete()))
                .append(row("answers", d.answers())).append(row("skips", d.skips())).append(row("answers per hour", fixed(d.answersPerHour())))
                .append(row("answers in the last hour", d.lastHourAnswers())).append("</table>");
        b.append("<h2>Annotators</h2><table id=\"annotators\"><tr><th>Annotator</th><th>Answers</th><th>Skips</th><th>Median s per item</th><th>Honeypot accuracy</th></tr>");
        for (Dashboard.AnnotatorFigures a : d.annotators()) {
            b.append("<tr><td>").append(Html.escape(a.annotator())).append("</td><td>").append(a.answers()).append("</td><td>").append(a.skips()).append("</td><td>")
                    .append(fixed(a.medianSecondsPerItem())).append("</td><td>")
                    .append(a.honeypotsAnswered() == 0 ? "-" : fixed(a.honeypotAccuracy()) + " (" + a.honeypotsCorrect() + "/" + a.honeypotsAnswered() + ")").append("</td></tr>");
        }
        b.append("</table><h2>Agreement</h2><table id=\"agreement\"><tr><th>Statistic</th><th>Over</th><th>Value</th><th>Items</th></tr>");
        for (AgreementFigure f : d.summary().agreement()) {
            b.append("<tr><td>").append(Html.escape(f.statistic())).append("</td><td>").append(Html.escape(f.available() ? f.over() : f.absentReason())).append("</td><td>")
                    .append(f.available() ? fixed(f.value()) : "-").append("</td><td>").append(f.items()).append("</td></tr>");
        }
        b.append("</table><p>Longer response chosen: ").append(fixed(d.summary().lengthBias().longerChosenRate())).append(" of decisive comparisons whose responses differ in length.</p>");
        List<String> memberNames = new org.rlhf4j.server.project.Members(db).of(p.id());
        b.append("<h2>Members</h2><p id=\"members\">").append(memberNames.isEmpty() ? "Open to every annotator (no members yet: adding one restricts the project to its members)."
                : "Only these annotators (and admins) see this project: " + Html.escape(String.join(", ", memberNames)) + ".").append("</p>");
        for (String[] f : new String[][] {{"members", "Add member", "add-member"}, {"members/remove", "Remove member", "remove-member"}}) {
            b.append("<form method=\"post\" class=\"inline\" id=\"").append(f[2]).append("\" action=\"/admin/projects/").append(p.id()).append("/").append(f[0]).append("\">")
                    .append(Html.hiddenCsrf(s.csrfToken())).append("<label>Annotator <input name=\"username\" maxlength=\"64\" required></label><button type=\"submit\">")
                    .append(f[1]).append("</button></form> ");
        }
        b.append("<h2>Import items</h2><form method=\"post\" action=\"/admin/projects/").append(p.id()).append("/items\" enctype=\"multipart/form-data\" id=\"import\">")
                .append(Html.hiddenCsrf(s.csrfToken())).append("<input type=\"file\" name=\"file\" accept=\".jsonl,.json,.gz\" required><button type=\"submit\">Import</button></form>")
                .append("<p>rlhf4j item lines <code>{\"id\", \"prompt\", \"responses\": [...], \"honeypot\"?}</code>, or HH-RLHF / TRL preference pairs.</p>");
        b.append("<h2>Export</h2><p><a id=\"export-feedback\" href=\"/admin/projects/").append(p.id()).append("/export?format=feedback\">Feedback records (JSONL)</a>");
        if (p.kind() == TaskKind.COMPARISON) {
            b.append(" · <a id=\"export-trl\" href=\"/admin/projects/").append(p.id()).append("/export?format=trl\">TRL prompt/chosen/rejected</a>")
                    .append(" · <a id=\"export-hh\" href=\"/admin/projects/").append(p.id()).append("/export?format=hh\">HH-RLHF chosen/rejected</a>");
        }
        b.append("</p>");
        ctx.html(Html.page(p.name(), s.user().username(), s.csrfToken(), "dashboard", b.toString()));
    }

    private void member(Context ctx, boolean add) {
        Session s = admin(ctx);
        Project p = guard.project(ctx);
        String username = RequestGuard.formField(ctx, "username", 64);
        org.rlhf4j.server.project.Members members = new org.rlhf4j.server.project.Members(db);
        if (add) members.add(p, username, s.user());
        else members.remove(p, username, s.user());
        ctx.redirect("/admin/projects/" + p.id(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static String row(String label, Object value) {
        return "<tr><th>" + Html.escape(label) + "</th><td>" + Html.escape(String.valueOf(value)) + "</td></tr>";
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private void audit(Context ctx) {
        Session s = admin(ctx);
        StringBuilder b = new StringBuilder("<h1>Audit log</h1><table id=\"audit\"><tr><th>When (UTC)</th><th>Admin</th><th>Action</th><th>Detail</th></tr>");
        for (AuditLog.Entry e : AuditLog.newest(db, 500)) {
            b.append("<tr><td>").append(Instant.ofEpochMilli(e.atMillis())).append("</td><td>").append(Html.escape(e.username())).append("</td><td>")
                    .append(Html.escape(e.action())).append("</td><td>").append(Html.escape(e.detail())).append("</td></tr>");
        }
        ctx.html(Html.page("Audit log", s.user().username(), s.csrfToken(), "audit", b.append("</table>").toString()));
    }
}
