package org.rlhf4j.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.server.Refusal;
import org.rlhf4j.server.auth.Session;
import org.rlhf4j.server.project.ItemJson;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.queue.Lease;
import org.rlhf4j.server.queue.Progress;
import org.rlhf4j.server.queue.Queue;
import org.rlhf4j.server.queue.StoredAnswer;

/**
 * The annotator's side: the project list, the annotation page (a shell that app.js fills through
 * the JSON API below, writing data only as text), and the API: next item, answer, skip, undo, and
 * the annotator's own answers. Every call acts only on items leased to the caller.
 */
final class AnnotatorRoutes {
    private final Projects projects;
    private final Queue queue;
    private final RequestGuard guard;

    AnnotatorRoutes(Projects projects, Queue queue, RequestGuard guard) {
        this.projects = projects;
        this.queue = queue;
        this.guard = guard;
    }

    void register(Javalin app) {
        app.get("/projects", this::projectList);
        app.get("/projects/{project}/annotate", this::annotatePage);
        app.get("/api/projects/{project}/next", ctx -> {
            Session s = RequestGuard.requireSession(ctx);
            Project p = guard.project(ctx);
            Optional<Lease> lease = queue.next(s.user(), p);
            ObjectNode out = ItemJson.JSON.createObjectNode();
            out.put("done", lease.isEmpty());
            if (lease.isPresent()) {
                Lease l = lease.get();
                ObjectNode item = out.putObject("item");
                item.put("id", l.item().id());
                ArrayNode prompt = item.putArray("prompt");
                for (Message m : l.item().prompt().messages()) prompt.addObject().put("role", m.role().name().toLowerCase()).put("content", m.content());
                ArrayNode responses = item.putArray("responses");
                l.item().responses().forEach(responses::add);
                out.put("expiresAt", l.expiresAtMillis());
            }
            progress(out, lease.map(Lease::progress).orElseGet(() -> queue.progress(s.user(), p)));
            json(ctx, 200, out);
        });
        app.post("/api/projects/{project}/items/{item}/answer", ctx -> {
            Session s = RequestGuard.requireSession(ctx);
            Project p = guard.project(ctx);
            long item = RequestGuard.pathId(ctx, "item");
            JsonNode body = guard.jsonBody(ctx);
            long id = queue.submit(s.user(), p, item, body.get("answer"));
            acknowledge(ctx, id);
        });
        app.post("/api/projects/{project}/items/{item}/skip", ctx -> {
            Session s = RequestGuard.requireSession(ctx);
            Project p = guard.project(ctx);
            long item = RequestGuard.pathId(ctx, "item");
            JsonNode reason = guard.jsonBody(ctx).get("reason");
            if (reason != null && !reason.isTextual()) throw new Refusal(400, "reason must be text");
            long id = queue.skip(s.user(), p, item, reason == null ? null : reason.textValue());
            acknowledge(ctx, id);
        });
        app.post("/api/projects/{project}/undo", ctx -> {
            Session s = RequestGuard.requireSession(ctx);
            Project p = guard.project(ctx);
            long item = queue.undo(s.user(), p).orElseThrow(() -> new Refusal(409, "nothing to undo: you have no answers in this project"));
            ObjectNode out = ItemJson.JSON.createObjectNode().put("itemId", item);
            json(ctx, 200, out);
        });
        app.get("/api/projects/{project}/answers", ctx -> {
            Session s = RequestGuard.requireSession(ctx);
            Project p = guard.project(ctx);
            ArrayNode out = ItemJson.JSON.createArrayNode();
            for (StoredAnswer a : queue.answersOf(s.user(), p)) out.add(answerJson(a));
            json(ctx, 200, out);
        });
        app.get("/api/answers/{answer}", ctx -> {
            Session s = RequestGuard.requireSession(ctx);
            long id = RequestGuard.pathId(ctx, "answer");
            StoredAnswer a = queue.answer(s.user(), id).orElseThrow(() -> new Refusal(404, "no answer " + id + " of yours"));
            json(ctx, 200, answerJson(a));
        });
    }

    /** Only the id: the page asks for the next item (with the progress) right after, so counting here would be done twice. */
    private static void acknowledge(Context ctx, long answerId) {
        json(ctx, 200, ItemJson.JSON.createObjectNode().put("answerId", answerId));
    }

    private static ObjectNode answerJson(StoredAnswer a) {
        ObjectNode o = ItemJson.JSON.createObjectNode().put("id", a.id()).put("itemId", a.itemId()).put("annotator", a.username());
        if (a.skipped()) o.put("skipReason", a.skipReason());
        else o.set("answer", ItemJson.read(a.answerJson()));
        return o.put("answeredAt", a.answeredAtMillis());
    }

    private static void progress(ObjectNode out, Progress p) {
        out.putObject("progress").put("yourAnswers", p.yourAnswers()).put("items", p.items()).put("open", p.open());
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body.toString());
    }

    private void projectList(Context ctx) {
        Session s = RequestGuard.requireSession(ctx);
        org.rlhf4j.server.project.Members members = new org.rlhf4j.server.project.Members(projects.database());
        List<Project> all = projects.list().stream().filter(p -> members.maySee(s.user(), p.id())).toList();
        StringBuilder b = new StringBuilder("<h1>Projects</h1>");
        if (s.user().admin()) b.append("<p><a href=\"/admin\">Admin</a></p>");
        if (all.isEmpty()) b.append("<p>No projects yet.</p>");
        b.append("<ul class=\"projects\">");
        for (Project p : all) {
            b.append("<li><a href=\"/projects/").append(p.id()).append("/annotate\">").append(Html.escape(p.name())).append("</a> <span class=\"kind\">")
                    .append(p.kind().dbName()).append("</span></li>");
        }
        ctx.html(Html.page("Projects", s.user().username(), s.csrfToken(), "projects", b.append("</ul>").toString()));
    }

    private void annotatePage(Context ctx) {
        Session s = RequestGuard.requireSession(ctx);
        Project p = guard.project(ctx);
        String body = "<section class=\"guidelines\"><h1>" + Html.escape(p.name()) + "</h1>" + Html.markdown(p.spec().guidelines()) + "</section>"
                + "<div id=\"annotate\" data-project=\"" + p.id() + "\" data-kind=\"" + p.kind().dbName() + "\" data-criteria=\"" + Html.escape(String.join(",", p.spec().criteria())) + "\">"
                + "<p id=\"progress\" aria-live=\"polite\"></p><p id=\"status\" aria-live=\"assertive\"></p>"
                + "<div id=\"item\" hidden><div class=\"prompt\"><h2>" + (p.kind() == org.rlhf4j.server.project.TaskKind.CLIPS ? "Question" : "Prompt") + "</h2><div id=\"prompt\"></div></div><div id=\"responses\" class=\"responses\"></div></div>"
                + "<div id=\"controls\"></div><p id=\"keys\" class=\"keys\"></p></div>";
        ctx.html(Html.page(p.name(), s.user().username(), s.csrfToken(), "annotate", body));
    }
}
