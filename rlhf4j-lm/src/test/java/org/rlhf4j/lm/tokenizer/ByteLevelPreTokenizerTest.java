package org.rlhf4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLevelPreTokenizerTest {

    private final ByteLevelPreTokenizer plain = new ByteLevelPreTokenizer(List.of(), false);
    private final ByteLevelPreTokenizer digits = new ByteLevelPreTokenizer(List.of(), true);

    @Test
    void splitsLikeGpt2() {
        assertThat(plain.words("Hello world's end!! 2024 costs $12.50"))
                .containsExactly("Hello", " world", "'s", " end", "!!", " 2024", " costs", " $",
                        "12", ".", "50");
    }

    @Test
    void keepsOneSpaceForTheNextWordAndRunsOfWhitespaceApart() {
        assertThat(plain.words("a   b\n\n c  "))
                .containsExactly("a", "  ", " b", "\n\n", " c", "  ");
    }

    @Test
    void treatsUnicodeSpacesAsSpacesButNotUnitSeparators() {
        // U+3000 and U+00A0 are whitespace to Oniguruma; U+001F is not.
        assertThat(plain.words("a\u3000b")).containsExactly("a", "\u3000", "b");
        assertThat(plain.words("a\u00A0\u00A0b")).containsExactly("a", "\u00A0", "\u00A0", "b");
        assertThat(plain.words("a\u001Fb")).containsExactly("a", "\u001F", "b");
    }

    @Test
    void cutsOutSpecialTokensLongestFirst() {
        ByteLevelPreTokenizer withSpecials = new ByteLevelPreTokenizer(List.of("<|s|>", "<|s|>x"), true);
        assertThat(withSpecials.words("hi<|s|>x there<|s|>"))
                .containsExactly("hi", " there");
    }

    @Test
    void splitsEveryDigitOutAndTheSpaceBeforeANumberToo() {
        assertThat(digits.words("order 19212")).containsExactly("order", " ", "1", "9", "2", "1",
                "2");
        assertThat(digits.words("#19212")).containsExactly("#", "1", "9", "2", "1", "2");
        assertThat(digits.words("costs $12.50!")).containsExactly("costs", " $", "1", "2", ".",
                "5", "0", "!");
    }

    @Test
    void splitsOtherNumericCodePointsOneByOneAsRustsIsNumericDoes() {
        // U+0663 Arabic-Indic three (Nd), U+00BD one half (No), U+2163 Roman four (Nl), U+1D7D8
        // mathematical double-struck zero (Nd, outside the BMP: one word, not two surrogates).
        assertThat(digits.words("x\u0663\u00BD\u2163\uD835\uDFD8y"))
                .containsExactly("x", "\u0663", "\u00BD", "\u2163", "\uD835\uDFD8", "y");
    }

    @Test
    void digitsAroundSpecialTokensAreSplitWithinEachPiece() {
        ByteLevelPreTokenizer withSpecials = new ByteLevelPreTokenizer(List.of("<|eos|>"), true);
        assertThat(withSpecials.words("42<|eos|>7 up")).containsExactly("4", "2", "7", " up");
    }
}
