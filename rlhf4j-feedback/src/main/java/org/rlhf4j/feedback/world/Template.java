package org.rlhf4j.feedback.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A tiny phrase-template language: {@code [a|b|c]} picks one alternative uniformly (alternatives
 * may be empty and may nest), {@code {slot}} inserts a fact. A slot name starting with an upper-case
 * letter capitalises the inserted value, for slots at the start of a sentence.
 *
 * <p>Example: {@code "[Hi|Hello] {name}, [your|the] {product} [has shipped|is on its way]."}
 *
 * <p>Templates are parsed once and cached: the phrase lists are fixed, and walking a parsed tree
 * keeps corpus generation fast even before the JIT has warmed up.
 */
final class Template {
    private static final Map<String, Node> PARSED = new ConcurrentHashMap<>();

    private Template() {
    }

    private sealed interface Node permits Literal, Slot, Choice, Sequence {
    }

    private record Literal(String text) implements Node {
    }

    private record Slot(String name, boolean capitalised) implements Node {
    }

    private record Choice(List<Node> alternatives) implements Node {
    }

    private record Sequence(List<Node> parts) implements Node {
    }

    static String expand(String template, Function<String, String> slots, RandomGenerator rng) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        render(PARSED.computeIfAbsent(template, t -> parseRange(t, 0, t.length())), slots, rng, out);
        return out.toString();
    }

    private static void render(Node node, Function<String, String> slots, RandomGenerator rng, StringBuilder out) {
        if (node instanceof Literal literal) {
            out.append(literal.text());
        } else if (node instanceof Slot slot) {
            String value = slots.apply(slot.name());
            out.append(slot.capitalised() ? capitalise(value) : value);
        } else if (node instanceof Choice choice) {
            render(choice.alternatives().get(rng.nextInt(choice.alternatives().size())), slots, rng, out);
        } else {
            for (Node part : ((Sequence) node).parts()) {
                render(part, slots, rng, out);
            }
        }
    }

    private static Node parseRange(String t, int from, int to) {
        List<Node> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = from;
        while (i < to) {
            char c = t.charAt(i);
            if (c == '[' || c == '{') {
                flush(literal, parts);
                int close = c == '[' ? matchingBracket(t, i, to) : slotEnd(t, i, to);
                parts.add(c == '[' ? parseChoice(t, i + 1, close) : slot(t.substring(i + 1, close), t));
                i = close + 1;
            } else if (c == ']' || c == '|') {
                throw new IllegalArgumentException("stray '" + c + "' at " + i + " in template: " + t);
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, parts);
        return parts.size() == 1 ? parts.get(0) : new Sequence(List.copyOf(parts));
    }

    /** The {@code |}-separated alternatives at depth 0 between from and to. */
    private static Node parseChoice(String t, int from, int to) {
        List<Node> alternatives = new ArrayList<>();
        int start = from;
        int depth = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? t.charAt(i) : '|';
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == '|' && depth == 0) {
                alternatives.add(parseRange(t, start, i));
                start = i + 1;
            }
        }
        return new Choice(List.copyOf(alternatives));
    }

    private static void flush(StringBuilder literal, List<Node> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private static int matchingBracket(String t, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = t.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed '[' at " + open + " in template: " + t);
    }

    private static int slotEnd(String t, int open, int to) {
        int close = t.indexOf('}', open);
        if (close < 0 || close >= to) {
            throw new IllegalArgumentException("unclosed '{' at " + open + " in template: " + t);
        }
        return close;
    }

    private static Slot slot(String name, String template) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty slot '{}' in template: " + template);
        }
        boolean capitalised = Character.isUpperCase(name.charAt(0));
        return new Slot(capitalised ? Character.toLowerCase(name.charAt(0)) + name.substring(1) : name, capitalised);
    }

    static String capitalise(String text) {
        if (text.isEmpty() || Character.isUpperCase(text.charAt(0))) {
            return text;
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Joins sentence parts with single spaces and removes spaces left before punctuation. */
    static String tidy(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean space = c == ' ';
            boolean lastIsSpace = out.length() > 0 && out.charAt(out.length() - 1) == ' ';
            if (space && (out.length() == 0 || lastIsSpace)) {
                continue;
            }
            if (lastIsSpace && (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':')) {
                out.setLength(out.length() - 1);
            }
            out.append(c);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }
}
