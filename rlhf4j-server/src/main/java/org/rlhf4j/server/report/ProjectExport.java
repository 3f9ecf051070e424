package org.rlhf4j.server.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Role;
import org.rlhf4j.feedback.format.ExportResult;
import org.rlhf4j.feedback.format.ExportSkip;
import org.rlhf4j.feedback.format.TrlPreferenceWriter;
import org.rlhf4j.feedback.format.TrlStyle;
import org.rlhf4j.feedback.store.FeedbackCodec;
import org.rlhf4j.server.auth.AuditLog;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;
import org.rlhf4j.server.project.Item;
import org.rlhf4j.server.project.ItemJson;
import org.rlhf4j.server.project.Project;
import org.rlhf4j.server.project.Projects;
import org.rlhf4j.server.project.TaskKind;
import org.rlhf4j.server.queue.Answers;
import org.rlhf4j.server.queue.Queue;
import org.rlhf4j.server.queue.StoredAnswer;

/**
 * A project's answers as rlhf4j-feedback records: one per answer of an ordinary item (skips and
 * honeypots stay in the app), attributed to the annotator with the time, source
 * {@code web/<project>} and metadata {@code item} (the imported id) and {@code seconds} spent.
 * Written as the feedback store's JSON Lines ({@code rlhf4j reward train --data} reads them) or,
 * for comparisons, as TRL prompt/chosen/rejected or HH-RLHF chosen/rejected transcripts.
 */
public final class ProjectExport {
    /** An answer as a record, with the item it answers. */
    public record Answered(Feedback feedback, StoredAnswer answer, Item item) {
    }

    private ProjectExport() {
    }

    /** Every answer of a project, honeypots included (dashboards score them), skips left out. */
    public static List<Answered> answered(Connection c, Project project) throws SQLException {
        Map<Long, Item> items = items(c, project.id());
        List<Answered> out = new ArrayList<>();
        for (StoredAnswer a : Queue.all(c, project.id())) {
            if (a.skipped()) continue;
            Item item = items.get(a.itemId());
            Attribution who = new Attribution(a.username(), Instant.ofEpochMilli(a.answeredAtMillis()), "web/" + project.name(),
                    Map.of("item", item.externalId(), "seconds", Long.toString(Math.max(0, a.answeredAtMillis() - a.leasedAtMillis()) / 1000)));
            String id = project.name() + "/" + item.externalId() + "/" + a.username();
            out.add(new Answered(Answers.toFeedback(project, item, ItemJson.read(a.answerJson()), id, who), a, item));
        }
        return out;
    }

    private static Map<Long, Item> items(Connection c, long projectId) throws SQLException {
        Map<Long, Item> items = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, project_id, external_id, prompt, responses, honeypot FROM items WHERE project_id = ?")) {
            s.setLong(1, projectId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) items.put(r.getLong("id"), Projects.item(r));
            }
        }
        return items;
    }

    /** The records to export: answers of ordinary items. Audited as an export by {@code admin}. */
    public static List<Feedback> records(Database db, Project project, User admin, String format) {
        return db.transaction(c -> {
            List<Feedback> out = records(c, project);
            AuditLog.record(c, admin, "export", "project " + project.id() + " '" + project.name() + "' as " + format + ": " + out.size() + " records");
            return out;
        });
    }

    /**
     * The records to export, unaudited: for {@code rlhf4j serve export}, whose user reads the
     * database file directly and so has more than an admin's access already.
     */
    public static List<Feedback> records(Connection c, Project project) throws SQLException {
        List<Feedback> out = new ArrayList<>();
        for (Answered a : answered(c, project)) {
            if (a.item().honeypot() == null) out.add(a.feedback());
        }
        return out;
    }

    /**
     * Writes a project's feedback records, exactly what {@code rlhf4j serve export} writes, from
     * the database straight into {@code file} (replaced), so a trainer can read a project without
     * an export step; the file is the run's record of what it trained on. Returns the count.
     * Clip projects are refused: their records are control clips, not text for a language model.
     */
    public static int snapshot(org.rlhf4j.server.db.DatabaseLocation location, String project, Path file) {
        try (Database db = Database.open(location)) {
            Project p = new Projects(db).find(project).orElseThrow(() -> new UserError("no project '" + project + "' in " + location.display()));
            if (p.kind() == TaskKind.CLIPS) {
                throw new UserError("project '" + p.name() + "' holds control clips (rlhf4j control train --teacher web), not text a language model trains on");
            }
            List<Feedback> records = db.transaction(c -> records(c, p));
            if (records.isEmpty()) throw new UserError("project '" + p.name() + "' in " + location.display() + " has no answers yet");
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                Files.deleteIfExists(partial);
                appendToStore(records, partial);
                Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            return records.size();
        }
    }

    /** Appends the records to a feedback store file (created if missing), forced to disk once. */
    public static void appendToStore(List<Feedback> records, Path file) {
        try (var store = org.rlhf4j.feedback.store.FeedbackStore.open(file)) {
            store.append(records);
        }
    }

    /** The feedback store's JSON Lines, one record a line. */
    public static String feedbackLines(List<Feedback> records) {
        StringBuilder b = new StringBuilder();
        for (Feedback f : records) b.append(FeedbackCodec.encode(f)).append('\n');
        return b.toString();
    }

    /**
     * Anthropic HH-RLHF lines ({@code {"chosen", "rejected"}} transcripts of
     * {@code \n\nHuman: ...\n\nAssistant: ...}) for a comparison project's decisive answers; ties,
     * both-bad and prompts with a system message (HH-RLHF has no such turn) are in the skips.
     */
    public static ExportResult hhRlhf(List<Feedback> records, Project project, Path file) {
        requireComparisons(project, "HH-RLHF");
        List<String> lines = new ArrayList<>();
        List<ExportSkip> skipped = new ArrayList<>();
        for (Feedback f : records) {
            Comparison c = (Comparison) f;
            if (!c.choice().decisive()) {
                skipped.add(new ExportSkip(c.id(), "choice is " + c.choice() + ": no chosen response"));
                continue;
            }
            StringBuilder prompt = new StringBuilder();
            boolean system = false;
            for (Message m : c.prompt().messages()) {
                if (m.role() == Role.SYSTEM) system = true;
                prompt.append(m.role() == Role.USER ? "\n\nHuman: " : "\n\nAssistant: ").append(m.content());
            }
            if (system) {
                skipped.add(new ExportSkip(c.id(), "a system message has no place in an HH-RLHF transcript"));
                continue;
            }
            ObjectNode line = ItemJson.JSON.createObjectNode();
            line.put("chosen", prompt + "\n\nAssistant: " + c.chosen());
            line.put("rejected", prompt + "\n\nAssistant: " + c.rejected());
            lines.add(line.toString());
        }
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new ExportResult(file, lines.size(), skipped);
    }

    private static void requireComparisons(Project project, String format) {
        if (project.kind() != TaskKind.COMPARISON) {
            throw new UserError(format + " export is for comparison projects; project '" + project.name() + "' is " + project.kind().dbName() + " (export it as feedback records)");
        }
    }

    /** TRL preference lines for a comparison project's decisive answers; ties and both-bad are counted in the result's skips. */
    public static ExportResult trl(List<Feedback> records, Project project, Path file) {
        requireComparisons(project, "TRL");
        List<Comparison> comparisons = records.stream().map(Comparison.class::cast).toList();
        boolean multiTurn = comparisons.stream().anyMatch(c -> !c.prompt().singleTurn());
        return TrlPreferenceWriter.write(file, comparisons, multiTurn ? TrlStyle.CONVERSATIONAL : TrlStyle.PLAIN);
    }
}
