package org.rlhf4j.lm.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits text into the words BPE merges within, exactly as Hugging Face's {@code ByteLevel}
 * pre-tokenizer does with {@code use_regex: true, add_prefix_space: false}: the GPT-2 regex, with
 * special tokens cut out first as the runtime's added-token matcher would. Training must split
 * the way encoding will, or it learns merges the runtime never gets to apply.
 *
 * <p>With digits split, every digit is first cut out as a word of its own, as the runtime's
 * {@code Sequence[Digits(individual_digits: true), ByteLevel]} does (Rust's
 * {@code char::is_numeric}, Unicode category N, isolated one code point at a time); the GPT-2
 * regex then splits the text between digits. So "order 19212" is "order", " ", "1", "9", "2",
 * "1", "2": the space before a number is its own word, and the digits are the same tokens
 * after "order " as after "#".
 *
 * <p>One known difference: the character classes follow the JDK's Unicode version (13 in Java
 * 17), the Rust library a newer one, so a letter assigned since (e.g. U+9FFD, Unicode 14) is
 * "other" here and a letter there. That only changes how such rare words are counted during
 * training; encoding is always done by the runtime, and round trips are unaffected.
 */
final class ByteLevelPreTokenizer {

    /*
     * The Rust library runs the regex in Oniguruma, where \s means Unicode space separators and
     * line/paragraph separators plus \t\n\v\f\r and NEL; Java's \s is ASCII-only, so spell it out.
     */
    private static final String SPACE = "\\t\\n\\x0B\\f\\r\\x20\\x85\\p{Zs}\\u2028\\u2029";
    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d"
                    + "| ?\\p{L}+| ?\\p{N}+| ?[^" + SPACE + "\\p{L}\\p{N}]+"
                    + "|[" + SPACE + "]+(?![^" + SPACE + "])|[" + SPACE + "]+");

    /** One numeric code point: Java's \p{N} is Rust's char::is_numeric (Nd, Nl, No). */
    private static final Pattern DIGIT = Pattern.compile("\\p{N}");

    private final Pattern specialTokens; // null when there are none
    private final boolean splitDigits;

    ByteLevelPreTokenizer(List<String> specialTokens, boolean splitDigits) {
        this.splitDigits = splitDigits;
        // Longest first, so that a special token that contains another wins, as in the runtime.
        this.specialTokens = specialTokens.isEmpty() ? null : Pattern.compile(specialTokens.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
    }

    /** The words of {@code text}, special tokens removed, in order. */
    List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (specialTokens == null) {
            addDigitsAndWords(text, words);
        } else {
            for (String piece : specialTokens.split(text, -1)) {
                addDigitsAndWords(piece, words);
            }
        }
        return words;
    }

    private void addDigitsAndWords(String text, List<String> words) {
        if (!splitDigits) {
            addWords(text, words);
            return;
        }
        Matcher digit = DIGIT.matcher(text);
        int end = 0;
        while (digit.find()) {
            addWords(text.substring(end, digit.start()), words);
            words.add(digit.group());
            end = digit.end();
        }
        addWords(text.substring(end), words);
    }

    private static void addWords(String text, List<String> words) {
        Matcher m = GPT2.matcher(text);
        int end = 0;
        while (m.find()) {
            // Every character is a letter, number, space or other, so no text falls between
            // matches; keep any that would, as the runtime's Isolated split does.
            if (m.start() > end) {
                words.add(text.substring(end, m.start()));
            }
            words.add(m.group());
            end = m.end();
        }
        if (end < text.length()) {
            words.add(text.substring(end));
        }
    }
}
