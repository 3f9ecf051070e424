package org.rlhf4j.feedback.world;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Just enough JSON to write JSONL: string escaping per RFC 8259 and one-object-per-line files.
 * Kept here so that the world needs nothing beyond the JDK.
 */
final class JsonLines {
    private JsonLines() {
    }

    /**
     * {@code text} as a JSON string literal, quotes included. Non-ASCII characters are written as
     * they are (the file is UTF-8); control characters, and lone surrogates that UTF-8 cannot
     * carry, are written as {@code \}{@code uXXXX}.
     */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Writes {@code {"text": "..."}} per text, one per line, UTF-8, replacing the file. */
    static void writeTexts(Path file, List<String> texts) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String text : texts) {
                out.write("{\"text\": ");
                out.write(quote(text));
                out.write("}\n");
            }
        }
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
