package org.rlhf4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLevelPreTokenizerTest {

    private final ByteLevelPreTokenizer plain = new ByteLevelPreTokenizer(List.of());

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
        ByteLevelPreTokenizer withSpecials = new ByteLevelPreTokenizer(List.of("<|s|>", "<|s|>x"));
        assertThat(withSpecials.words("hi<|s|>x there<|s|>"))
                .containsExactly("hi", " there");
    }
}
