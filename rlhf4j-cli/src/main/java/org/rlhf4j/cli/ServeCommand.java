package org.rlhf4j.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.server.FeedbackServer;
import org.rlhf4j.server.ServerConfig;
import org.rlhf4j.server.auth.Accounts;
import org.rlhf4j.server.auth.PasswordHasher;
import org.rlhf4j.server.auth.Role;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.db.DatabaseLocation;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.report.ProjectExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the feedback web app: people compare, rate, rank and critique responses in a browser. "
                + "The first start prints a one-time setup token for the first admin (or use `serve create-admin`).",
        subcommands = {ServeCommand.CreateAdmin.class, ServeCommand.Export.class, ServeGenerate.class})
final class ServeCommand implements Callable<Integer> {
    /** The {@code --db} option every serve command shares. */
    static final class DatabaseOption {
        @Option(names = "--db", paramLabel = "FILE|JDBC-URL", description = "SQLite file, or jdbc:postgresql://host/db?user=..&password=.. (default: ${DEFAULT-VALUE}).")
        String db = "feedback.db";

        DatabaseLocation location() {
            return DatabaseLocation.parse(db);
        }
    }

    @Mixin
    DatabaseOption database;

    @Option(names = "--port", paramLabel = "N", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the app to the network: put it behind TLS).")
    String bind = "127.0.0.1";

    @Option(names = "--secure-cookies", description = "Mark cookies Secure (set when a TLS proxy serves the app).")
    boolean secureCookies;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = ServerConfig.defaults(database.location()).withPort(port).withBindAddress(bind).withSecureCookies(secureCookies);
        try (FeedbackServer server = FeedbackServer.start(config, System.out::println)) {
            System.out.println("press Ctrl-C to stop");
            server.join();
        }
        return 0;
    }

    @Command(name = "create-admin", mixinStandardHelpOptions = true,
            description = "Create an admin account in the database (the password is asked for, or read from the first line of standard input or --password-file).")
    static final class CreateAdmin implements Callable<Integer> {
        @Mixin
        DatabaseOption database;

        @Option(names = "--username", required = true, paramLabel = "NAME")
        String username;

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of this file.")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            String password = password();
            try (Database db = Database.open(database.location())) {
                new Accounts(db, new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS)).create(username, password, Role.ADMIN);
            }
            System.out.println("admin " + username + " created in " + database.location().display());
            return 0;
        }

        private String password() throws IOException {
            if (passwordFile != null) return firstLine(Files.readAllLines(passwordFile, StandardCharsets.UTF_8), passwordFile.toString());
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("password for %s: ", username);
                char[] again = console.readPassword("again: ");
                if (first == null || again == null || !new String(first).equals(new String(again))) throw new UserError("the two passwords differ");
                return new String(first);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            return firstLine(line == null ? List.of() : List.of(line), "standard input");
        }

        private static String firstLine(List<String> lines, String from) {
            if (lines.isEmpty() || lines.get(0).isEmpty()) throw new UserError("no password on the first line of " + from);
            PasswordHasher.checkPassword(lines.get(0));
            return lines.get(0);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a project's answers as feedback records (what `rlhf4j reward train --data` reads), TRL prompt/chosen/rejected or HH-RLHF chosen/rejected.")
    static final class Export implements Callable<Integer> {
        @Mixin
        DatabaseOption database;

        @Option(names = "--project", required = true, paramLabel = "ID|NAME")
        String project;

        @Option(names = "--format", paramLabel = "feedback|trl|hh", description = "Default: ${DEFAULT-VALUE}.")
        String format = "feedback";

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Override
        public Integer call() {
            if (!List.of("feedback", "trl", "hh").contains(format)) throw new UserError("--format must be feedback, trl or hh, got " + format);
            try (Database db = Database.open(database.location())) {
                Project p = new Projects(db).find(project).orElseThrow(() -> new UserError("no project '" + project + "' in " + db.location().display()));
                List<Feedback> records = db.transaction(c -> ProjectExport.records(c, p));
                if (format.equals("feedback")) {
                    if (Files.exists(out)) throw new UserError(out + " exists; choose a new file (export does not append to old records)");
                    ProjectExport.appendToStore(records, out);
                    System.out.println(records.size() + " feedback records of project '" + p.name() + "' written to " + out);
                } else {
                    var r = format.equals("trl") ? ProjectExport.trl(records, p, out) : ProjectExport.hhRlhf(records, p, out);
                    System.out.println(r.written() + (format.equals("trl") ? " TRL" : " HH-RLHF") + " pairs of project '" + p.name() + "' written to " + out
                            + (r.skipped().isEmpty() ? "" : " (" + r.skipped().size() + " left out: " + r.skipped().get(0).reason() + (r.skipped().size() > 1 ? ", ..." : "") + ")"));
                }
            }
            return 0;
        }
    }
}
