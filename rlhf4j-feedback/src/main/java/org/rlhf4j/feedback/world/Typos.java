package org.rlhf4j.feedback.world;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Occasional typing slips in customer messages. Only plain lower-case words are touched, never
 * names, numbers, amounts or e-mail addresses: the details must stay exact for scoring.
 */
final class Typos {
    private Typos() {
    }

    static String inject(String text, int count, RandomGenerator rng) {
        List<int[]> words = plainWords(text);
        if (words.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        // Right to left, so earlier word offsets stay valid after a word changes length.
        List<int[]> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(words.get(rng.nextInt(words.size())));
        }
        chosen.sort((a, b) -> Integer.compare(b[0], a[0]));
        int lastStart = Integer.MAX_VALUE;
        for (int[] word : chosen) {
            if (word[0] != lastStart) {
                slip(out, word[0], word[1], rng);
                lastStart = word[0];
            }
        }
        return out.toString();
    }

    /** [start, end) of each word of four or more lower-case ASCII letters. */
    private static List<int[]> plainWords(String text) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int end = i;
            while (end > start && isPunctuation(text.charAt(end - 1))) {
                end--;
            }
            if (end - start >= 4 && allLowerAscii(text, start, end)) {
                words.add(new int[] {start, end});
            }
            i++;
        }
        return words;
    }

    private static void slip(StringBuilder out, int start, int end, RandomGenerator rng) {
        int at = start + 1 + rng.nextInt(end - start - 2);
        switch (rng.nextInt(3)) {
            case 0 -> {
                char c = out.charAt(at);
                out.setCharAt(at, out.charAt(at + 1));
                out.setCharAt(at + 1, c);
            }
            case 1 -> out.deleteCharAt(at);
            default -> out.insert(at, out.charAt(at));
        }
    }

    private static boolean isPunctuation(char c) {
        return c == '.' || c == ',' || c == '!' || c == '?' || c == ':' || c == ';' || c == ')';
    }

    private static boolean allLowerAscii(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
