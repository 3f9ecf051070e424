package org.rlhf4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.core.UserError;
import org.rlhf4j.server.db.DatabaseLocation;
import org.rlhf4j.server.report.ProjectExport;

/**
 * {@code --data} of the trainers: feedback files, or the feedback app's database (an SQLite file
 * or a JDBC URL) with {@code --project NAME}. A database's project is read into
 * {@code <out>/data/<project>.feedback.jsonl}, the records {@code rlhf4j serve export} writes, so
 * the run holds what it trained on (provenance hashes it) and {@code --resume} keeps that copy
 * rather than reading a database that has moved on.
 */
final class FeedbackData {
    private FeedbackData() {
    }

    static List<Path> files(List<String> data, String project, Path out, boolean resume) {
        List<Path> files = new ArrayList<>();
        int databases = 0;
        for (String d : data) {
            if (!DatabaseLocation.isDatabase(d)) {
                files.add(Path.of(d));
                continue;
            }
            if (project == null) throw new UserError(display(d) + " is a feedback app database: name its project with --project NAME");
            databases++;
            Path copy = out.resolve("data").resolve(project.replaceAll("[^A-Za-z0-9._-]", "_") + (databases > 1 ? "-" + databases : "") + ".feedback.jsonl");
            if (resume && Files.isRegularFile(copy)) {
                System.out.println("--resume: training on " + copy + ", the copy of project '" + project + "' this run started with");
            } else {
                DatabaseLocation location;
                try {
                    location = DatabaseLocation.parse(d);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                int n = ProjectExport.snapshot(location, project, copy);
                System.out.println(n + " feedback records of project '" + project + "' in " + location.display() + " copied to " + copy);
            }
            files.add(copy);
        }
        if (project != null && databases == 0) throw new UserError("--project names a project of a feedback app database, but no --data entry is one (an SQLite file or a jdbc: URL)");
        return files;
    }

    private static String display(String d) {
        return d.replaceAll("password=[^&]*", "password=...");
    }
}
