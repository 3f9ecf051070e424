package org.rlhf4j.server.clips;

import java.io.PrintStream;
import org.rlhf4j.server.FeedbackServer;
import org.rlhf4j.server.ServerConfig;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseLocation;
import org.rlhf4j.server.project.Project;

/**
 * What a training run with {@code --teacher web} holds open: the feedback app started in this
 * process on loopback (or, with {@code port} null, only the database of an app that already runs
 * elsewhere), the run's clips project and its {@link WebTeacher}. There are no default accounts:
 * on a database without an admin the server prints its one-time setup token, as {@code rlhf4j
 * serve} does.
 */
public final class WebTeaching implements AutoCloseable {
    private final FeedbackServer server;
    private final Database database;
    private final Project project;
    private final WebTeacher teacher;

    private WebTeaching(FeedbackServer server, Database database, Project project, WebTeacher teacher) {
        this.server = server;
        this.database = database;
        this.project = project;
        this.teacher = teacher;
    }

    /**
     * @param port          where to serve the app in this process (0: a free port), or null to only
     *                      write the queries into {@code db} for an app running elsewhere
     * @param timeoutMillis per query; 0 waits as long as it takes
     */
    public static WebTeaching open(DatabaseLocation db, Integer port, String environmentId, String projectName, long timeoutMillis, PrintStream out) {
        FeedbackServer server = port == null ? null : serve(db, port, out);
        Database database = server != null ? server.database() : Database.open(db);
        try {
            ClipQueries queries = new ClipQueries(database, System::currentTimeMillis);
            Project project = queries.project(projectName, environmentId);
            int stale = queries.withdrawAll(project);
            if (stale > 0) out.println("withdrew " + stale + " clip " + (stale == 1 ? "query" : "queries") + " an earlier run left open in project '" + project.name() + "'");
            String page = "/projects/" + project.id() + "/annotate";
            String url = server != null ? "http://127.0.0.1:" + server.port() + page : "the feedback app on " + db.display() + ", page " + page;
            out.println("clip queries go to project '" + project.name() + "': open " + url + " and log in"
                    + (server != null && !server.accounts().anyAdmin() ? " (first create the admin with the setup token above)" : ""));
            WebTeacher teacher = new WebTeacher(queries, project, environmentId, url, out, timeoutMillis, System::currentTimeMillis, Thread::sleep,
                    Long.toString(System.currentTimeMillis(), 36));
            return new WebTeaching(server, database, project, teacher);
        } catch (RuntimeException e) {
            if (server != null) server.close();
            else database.close();
            throw e;
        }
    }

    private static FeedbackServer serve(DatabaseLocation db, int port, PrintStream out) {
        try {
            return FeedbackServer.start(ServerConfig.defaults(db).withPort(port), out::println);
        } catch (org.rlhf4j.core.UserError e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException || t.getClass().getSimpleName().contains("Bind")) {
                    throw new org.rlhf4j.core.UserError("cannot serve the feedback app on 127.0.0.1:" + port + " (" + t.getMessage()
                            + "); choose another --port (0 picks a free one), or --no-serve to use an app already running on " + db.display());
                }
            }
            throw e;
        }
    }

    public WebTeacher teacher() {
        return teacher;
    }

    public Project project() {
        return project;
    }

    /** The in-process server, or null when the queries go to an app running elsewhere. */
    public FeedbackServer server() {
        return server;
    }

    @Override
    public void close() {
        if (server != null) server.close();
        else database.close();
    }
}
