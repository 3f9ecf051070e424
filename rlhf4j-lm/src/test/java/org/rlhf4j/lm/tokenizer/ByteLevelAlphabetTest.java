package org.rlhf4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteLevelAlphabetTest {

    @Test
    void matchesGpt2OnTheWellKnownSymbols() {
        assertThat(ByteLevelAlphabet.symbol(' ')).isEqualTo('Ġ'); // U+0120
        assertThat(ByteLevelAlphabet.symbol('\n')).isEqualTo('Ċ'); // U+010A
        assertThat(ByteLevelAlphabet.symbol('\t')).isEqualTo('ĉ'); // U+0109
        assertThat(ByteLevelAlphabet.symbol(0)).isEqualTo('Ā'); // U+0100
        assertThat(ByteLevelAlphabet.symbol('a')).isEqualTo('a');
        assertThat(ByteLevelAlphabet.symbol(0xE9)).isEqualTo('é');
        assertThat(ByteLevelAlphabet.symbol(0xAD)).isEqualTo('Ń'); // soft hyphen, U+0143
    }

    @Test
    void isABijectionOnto256Symbols() {
        Set<Character> symbols = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            symbols.add(ByteLevelAlphabet.symbol(b));
        }
        assertThat(symbols).hasSize(256);
    }

    @Test
    void vocabularyOrderIsByCodePointLikeGpt2() {
        List<String> order = ByteLevelAlphabet.symbolsInVocabularyOrder();
        assertThat(order).hasSize(256);
        assertThat(order.get(0)).isEqualTo("!");
        assertThat(order.get(93)).isEqualTo("~");
        assertThat(order.get(188)).isEqualTo("Ā");
        assertThat(order.get(255)).isEqualTo("Ń");
    }
}
