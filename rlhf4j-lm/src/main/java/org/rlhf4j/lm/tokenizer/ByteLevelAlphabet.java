package org.rlhf4j.lm.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2's reversible map from the 256 byte values to 256 printable characters, as Hugging Face's
 * {@code ByteLevel} pre-tokenizer and decoder use it. Printable Latin-1 bytes stand for
 * themselves; the others (controls, space, soft hyphen) are shifted to U+0100 and up, so a space
 * becomes "Ġ" and a newline "Ċ". Vocabulary entries are strings over this alphabet.
 */
final class ByteLevelAlphabet {

    private static final char[] SYMBOL_OF_BYTE = buildTable();

    private ByteLevelAlphabet() {}

    /** The symbol for one byte value (0-255). */
    static char symbol(int unsignedByte) {
        return SYMBOL_OF_BYTE[unsignedByte];
    }

    /**
     * The 256 symbols in the order Hugging Face's trainer numbers them (by code point), which is
     * also GPT-2's order: "!" first, then the rest of visible ASCII, Latin-1, and the shifted ones.
     */
    static List<String> symbolsInVocabularyOrder() {
        List<String> symbols = new ArrayList<>(256);
        for (char c : SYMBOL_OF_BYTE) {
            symbols.add(String.valueOf(c));
        }
        symbols.sort(null);
        return symbols;
    }

    private static char[] buildTable() {
        char[] table = new char[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            table[b] = standsForItself(b) ? (char) b : (char) (256 + shifted++);
        }
        return table;
    }

    private static boolean standsForItself(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }
}
