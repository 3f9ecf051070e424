package org.rlhf4j.server.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.LineProblem;
import org.rlhf4j.feedback.format.FeedbackFormat;
import org.rlhf4j.feedback.format.FormatDetector;
import org.rlhf4j.feedback.format.HhRlhfReader;
import org.rlhf4j.feedback.format.ImportResult;
import org.rlhf4j.feedback.format.TrlPreferenceReader;
import org.rlhf4j.server.auth.AuditLog;
import org.rlhf4j.server.auth.User;
import org.rlhf4j.server.db.Database;

/**
 * Reads items from a file rlhf4j reads and stores them in one transaction: either every line is
 * good and all new items are added, or nothing is (and the error names file, line and field).
 * Items whose id the project already holds are left as they are, so importing a file twice adds
 * nothing the second time.
 *
 * <p>Formats: rlhf4j's item lines {@code {"id"?, "prompt": text | [{role, content}...],
 * "responses": [text...], "honeypot"?: {"choice"|"stars"|"best": ...}}}, or preference pairs
 * (HH-RLHF, TRL prompt/chosen/rejected) through rlhf4j-feedback's readers. A pair becomes one
 * comparison or ranking item with its two responses in an order fixed by its id (so the chosen one
 * is not always A), or two items for a rating or critique project.
 */
public final class ItemImport {
    public record Report(int added, int alreadyPresent) {
    }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("id", "prompt", "responses", "honeypot");

    private ItemImport() {
    }

    /**
     * Imports {@code file} into {@code project}; {@code displayName} is how errors name the file
     * (an upload's own name rather than its temporary copy).
     */
    public static Report run(Database db, Project project, Path file, String displayName, User admin) {
        if (project.kind() == TaskKind.CLIPS) throw new UserError("project '" + project.name() + "' holds clips, which come from its training run (rlhf4j control train --teacher web), not from a file");
        List<String> problems = new ArrayList<>();
        List<ItemDraft> drafts = read(project.kind(), file, displayName, problems);
        Set<String> seen = new HashSet<>();
        for (ItemDraft d : drafts) {
            if (!seen.add(d.externalId())) problems.add(displayName + ": field \"id\": '" + d.externalId() + "' appears more than once");
        }
        if (!problems.isEmpty()) throw new ImportRefused(displayName, problems);
        if (drafts.isEmpty()) throw new UserError(displayName + ": no items in the file");
        return db.transaction(c -> {
            Set<String> existing = new HashSet<>(Projects.existingIds(c, project.id()));
            List<ItemDraft> fresh = drafts.stream().filter(d -> !existing.contains(d.externalId())).toList();
            Projects.insertItems(c, project.id(), fresh);
            AuditLog.record(c, admin, "items.import", "project " + project.id() + ": " + fresh.size() + " items from " + displayName
                    + (fresh.size() < drafts.size() ? " (" + (drafts.size() - fresh.size()) + " already present)" : ""));
            return new Report(fresh.size(), drafts.size() - fresh.size());
        });
    }

    static List<ItemDraft> read(TaskKind kind, Path file, String displayName, List<String> problems) {
        JsonNode first = firstObject(file, displayName);
        if (first != null && first.has("responses")) return readItemLines(kind, file, displayName, problems);
        FeedbackFormat format;
        try {
            format = FormatDetector.detect(file);
        } catch (UserError e) {
            throw new UserError(e.getMessage().replace(file.toString(), displayName) + "; or rlhf4j item lines {\"prompt\", \"responses\"}");
        }
        ImportResult<Comparison> pairs = switch (format) {
            case HH_RLHF -> HhRlhfReader.read(file, displayName);
            case TRL_PREFERENCE, TRL_IMPLICIT_PREFERENCE -> TrlPreferenceReader.read(file, displayName);
            default -> throw new UserError(displayName + " is " + format.description() + "; items come from rlhf4j item lines {\"prompt\", \"responses\"} or preference pairs (HH-RLHF, TRL)");
        };
        for (LineProblem p : pairs.problems()) problems.add(p.toString().replace(file.toString(), displayName));
        List<ItemDraft> drafts = new ArrayList<>();
        for (Comparison pair : pairs.records()) {
            try {
                drafts.addAll(fromPair(kind, pair));
            } catch (IllegalArgumentException e) {
                problems.add(displayName + ": pair " + pair.id() + ": " + e.getMessage());
            }
        }
        return drafts;
    }

    private static List<ItemDraft> fromPair(TaskKind kind, Comparison pair) {
        if (kind.minResponses() == 1) {
            return List.of(new ItemDraft(pair.id() + "/a", pair.prompt(), List.of(pair.responseA()), null),
                    new ItemDraft(pair.id() + "/b", pair.prompt(), List.of(pair.responseB()), null));
        }
        // A stable coin per pair: the same file always shows the same order.
        boolean swap = (pair.id().hashCode() & 1) == 1;
        List<String> responses = swap ? List.of(pair.responseB(), pair.responseA()) : List.of(pair.responseA(), pair.responseB());
        ItemDraft d = new ItemDraft(pair.id(), pair.prompt(), responses, null);
        d.checkFits(kind);
        return List.of(d);
    }

    private static List<ItemDraft> readItemLines(TaskKind kind, Path file, String displayName, List<String> problems) {
        List<ItemDraft> drafts = new ArrayList<>();
        long[] number = {0};
        forEachLine(file, displayName, line -> {
            number[0]++;
            if (line.isBlank()) return;
            String where = displayName + ":" + number[0] + ": ";
            try {
                JsonNode o = STRICT.readTree(line);
                if (!o.isObject()) throw new IllegalArgumentException("line must hold a JSON object");
                ItemDraft d = draft(o, displayName + ":" + number[0]);
                d.checkFits(kind);
                drafts.add(d);
            } catch (JsonProcessingException e) {
                problems.add(where + "not JSON: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                problems.add(where + fieldMessage(e.getMessage()));
            }
        });
        return drafts;
    }

    /** "responses[1] must ..." becomes {@code field "responses[1]": must ...}, matching rlhf4j's other file errors. */
    private static String fieldMessage(String message) {
        java.util.regex.Matcher m = FIELD_FIRST.matcher(message);
        return m.matches() ? "field \"" + m.group(1) + "\": " + m.group(2) : message;
    }

    /** A message that starts with an item field (e.g. {@code responses[1]} or {@code honeypot.best}, maybe followed by ':'). */
    private static final java.util.regex.Pattern FIELD_FIRST = java.util.regex.Pattern.compile("((?:id|prompt|responses|honeypot)(?:\\[\\d+])?(?:\\.[a-z_]+)?(?:\\[\\d+])?):? (.*)", java.util.regex.Pattern.DOTALL);

    private static ItemDraft draft(JsonNode o, String defaultId) {
        for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) throw new IllegalArgumentException("field \"" + name + "\": is not a field of an item (expected id, prompt, responses, honeypot)");
        }
        JsonNode id = o.get("id");
        if (id != null && !id.isTextual() && !id.isIntegralNumber()) throw new IllegalArgumentException("id must be text or an integer");
        JsonNode responses = o.get("responses");
        if (responses == null || !responses.isArray()) throw new IllegalArgumentException("responses must be a list of texts");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            if (!responses.get(i).isTextual()) throw new IllegalArgumentException("responses[" + i + "] must be text");
            texts.add(responses.get(i).textValue());
        }
        KnownAnswer honeypot = o.hasNonNull("honeypot") ? ItemJson.knownAnswerOf("honeypot", o.get("honeypot")) : null;
        org.rlhf4j.feedback.Prompt prompt;
        try {
            prompt = ItemJson.promptOf("prompt", o.get("prompt"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("prompt") ? e.getMessage() : "prompt: " + e.getMessage(), e);
        }
        return new ItemDraft(id == null ? defaultId : id.asText(), prompt, texts, honeypot);
    }

    private static JsonNode firstObject(Path file, String displayName) {
        JsonNode[] first = {null};
        forEachLine(file, displayName, line -> {
            if (first[0] != null || line.isBlank()) return;
            try {
                first[0] = STRICT.readTree(line);
            } catch (JsonProcessingException e) {
                first[0] = STRICT.createObjectNode();
            }
        });
        return first[0];
    }

    private static void forEachLine(Path file, String displayName, java.util.function.Consumer<String> each) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            for (String line; (line = r.readLine()) != null; ) each.accept(line);
        } catch (CharacterCodingException e) {
            throw new UserError(displayName + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + displayName, e);
        }
    }
}
