package org.rlhf4j.server;

import org.rlhf4j.server.db.DatabaseLocation;

/** The server alone in a child JVM, so a test can kill it with SIGKILL: {@code CrashTarget <jdbc-url> [user]}; prints "port N". */
public final class CrashTarget {
    private CrashTarget() {
    }

    public static void main(String[] args) throws InterruptedException {
        DatabaseLocation db = new DatabaseLocation(args[0], args.length > 1 ? args[1] : null, null);
        FeedbackServer server = FeedbackServer.start(TestServer.config(db), line -> { });
        System.out.println("port " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
