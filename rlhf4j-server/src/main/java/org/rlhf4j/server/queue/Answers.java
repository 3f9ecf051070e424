package org.rlhf4j.server.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;
import org.rlhf4j.server.project.Item;
import org.rlhf4j.server.project.ItemJson;
import org.rlhf4j.server.project.Project;

/**
 * An annotator's answer as JSON, checked by building the rlhf4j-feedback record it stands for, so
 * the web app accepts exactly what the feedback store would: per task kind
 * <pre>
 * comparison {"choice": "a|b|tie|both_bad", "strength"?: 1|2|3}
 * rating     {"stars": 1..5, "criteria"?: {"name": 1..5, ...}}
 * ranking    {"ranks": [rank of response 1, rank of response 2, ...]}   (1 best; ties share)
 * critique   {"critique": text, "corrected"?: text}
 * clips      {"choice": "a|b|tie"}   (left clip, right clip, equally good)
 * </pre>
 */
public final class Answers {
    public static final int MAX_STRENGTH = 3, MAX_CRITIQUE = 20_000, MAX_CORRECTED = 100_000, MAX_SKIP_REASON = 500;

    private Answers() {
    }

    /** The feedback record an answer stands for; throws {@link IllegalArgumentException} naming the field at fault. */
    public static Feedback toFeedback(Project project, Item item, JsonNode answer, String id, Attribution attribution) {
        if (answer == null || !answer.isObject()) throw new IllegalArgumentException("answer must be a JSON object");
        List<String> responses = item.responses();
        return switch (project.kind()) {
            case COMPARISON -> {
                only(answer, Set.of("choice", "strength"));
                Choice choice = ItemJson.choice("choice", answer.get("choice"));
                Double strength = null;
                if (answer.hasNonNull("strength")) {
                    int s = ItemJson.integer("strength", answer.get("strength"));
                    if (s < 1 || s > MAX_STRENGTH) throw new IllegalArgumentException("strength must be in 1.." + MAX_STRENGTH + ", got " + s);
                    strength = (double) s;
                }
                yield new Comparison(id, item.prompt(), responses.get(0), responses.get(1), choice, strength, attribution);
            }
            case RATING -> {
                only(answer, Set.of("stars", "criteria"));
                int stars = ItemJson.integer("stars", answer.get("stars"));
                Map<String, Integer> criteria = new LinkedHashMap<>();
                JsonNode given = answer.get("criteria");
                if (given != null && !given.isNull()) {
                    if (!given.isObject()) throw new IllegalArgumentException("criteria must be an object of name: 1..5");
                    for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
                        String name = names.next();
                        if (!project.spec().criteria().contains(name)) throw new IllegalArgumentException("criteria." + name + " is not a criterion of this project " + project.spec().criteria());
                        criteria.put(name, ItemJson.integer("criteria." + name, given.get(name)));
                    }
                }
                yield new Rating(id, item.prompt(), responses.get(0), stars, criteria, attribution);
            }
            case RANKING -> {
                only(answer, Set.of("ranks"));
                JsonNode ranks = answer.get("ranks");
                if (ranks == null || !ranks.isArray()) throw new IllegalArgumentException("ranks must be a list of integers, one per response");
                List<Integer> list = new ArrayList<>();
                for (int i = 0; i < ranks.size(); i++) list.add(ItemJson.integer("ranks[" + i + "]", ranks.get(i)));
                yield new Ranking(id, item.prompt(), responses, list, attribution);
            }
            case CLIPS -> {
                only(answer, Set.of("choice"));
                JsonNode given = answer.get("choice");
                if (given == null || !given.isTextual() || !Set.of("a", "b", "tie").contains(given.textValue())) {
                    throw new IllegalArgumentException("choice must be one of a, b, tie (left clip, right clip, equally good)");
                }
                Choice choice = ItemJson.choice("choice", given);
                yield new Comparison(id, item.prompt(), responses.get(0), responses.get(1), choice, null, attribution);
            }
            case CRITIQUE -> {
                only(answer, Set.of("critique", "corrected"));
                String critique = text(answer, "critique", MAX_CRITIQUE, true);
                String corrected = text(answer, "corrected", MAX_CORRECTED, false);
                yield new Critique(id, item.prompt(), responses.get(0), critique, corrected, attribution);
            }
        };
    }

    /** The answer as stored: rebuilt from the record, so stored JSON holds nothing unchecked. */
    public static String canonical(Feedback f) {
        ObjectNode o = ItemJson.JSON.createObjectNode();
        if (f instanceof Comparison c) {
            o.put("choice", c.choice().name().toLowerCase(Locale.ROOT));
            if (c.strength() != null) o.put("strength", c.strength().intValue());
        } else if (f instanceof Rating r) {
            o.put("stars", r.stars());
            if (!r.criteria().isEmpty()) {
                ObjectNode cr = o.putObject("criteria");
                new java.util.TreeMap<>(r.criteria()).forEach(cr::put);
            }
        } else if (f instanceof Ranking r) {
            ArrayNode a = o.putArray("ranks");
            r.ranks().forEach(a::add);
        } else if (f instanceof Critique c) {
            o.put("critique", c.critique());
            if (c.correctedResponse() != null) o.put("corrected", c.correctedResponse());
        } else {
            throw new IllegalArgumentException("no web answer for " + f.kind());
        }
        return o.toString();
    }

    /** Whether an answer matches a honeypot's known answer (for a ranking: the known best is ranked first). */
    public static boolean matchesKnown(Feedback f, org.rlhf4j.server.project.KnownAnswer known) {
        if (f instanceof Comparison c) return c.choice() == known.choice();
        if (f instanceof Rating r) return known.stars() != null && r.stars() == known.stars();
        if (f instanceof Ranking r) return known.best() != null && r.ranks().get(known.best()) == 1;
        return false;
    }

    static String skipReason(String reason) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason must say why the item is skipped");
        if (reason.length() > MAX_SKIP_REASON) throw new IllegalArgumentException("reason must have at most " + MAX_SKIP_REASON + " characters, got " + reason.length());
        return reason.strip();
    }

    private static void only(JsonNode answer, Set<String> allowed) {
        for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
            String n = names.next();
            if (!allowed.contains(n)) throw new IllegalArgumentException(n + " is not a field of this answer (expected " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        }
    }

    private static String text(JsonNode answer, String field, int max, boolean required) {
        JsonNode n = answer.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.textValue().isBlank() && !required)) {
            if (required) throw new IllegalArgumentException(field + " must be set");
            return null;
        }
        if (!n.isTextual()) throw new IllegalArgumentException(field + " must be text");
        if (n.textValue().isBlank()) throw new IllegalArgumentException(field + " must not be empty");
        if (n.textValue().length() > max) throw new IllegalArgumentException(field + " must have at most " + max + " characters, got " + n.textValue().length());
        return n.textValue();
    }
}
