package org.rlhf4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BpeTrainerConfigTest {

    @Test
    void defaultsAreValidAndDocumented() {
        BpeTrainerConfig defaults = BpeTrainerConfig.defaults();
        assertThat(defaults.vocabSize()).isEqualTo(4096);
        assertThat(defaults.minFrequency()).isEqualTo(2);
        assertThat(defaults.specialTokens()).isEqualTo(SpecialTokens.DEFAULTS);
        assertThat(defaults.splitDigits()).isFalse();
    }

    @Test
    void withersKeepTheOtherFields() {
        BpeTrainerConfig gpt2Style = BpeTrainerConfig.defaults().withSplitDigits(true).withSplitDigits(false);
        assertThat(gpt2Style.splitDigits()).isFalse();
        assertThat(gpt2Style.withVocabSize(500).withMinFrequency(3).splitDigits()).isFalse();
        assertThat(gpt2Style.withVocabSize(500).vocabSize()).isEqualTo(500);
    }

    @Test
    void smallestVocabularyIsTheByteAlphabetPlusSpecials() {
        assertThat(new BpeTrainerConfig(256, 1, List.of(), true).vocabSize()).isEqualTo(256);
        assertThat(new BpeTrainerConfig(262, 1, SpecialTokens.DEFAULTS, true).vocabSize()).isEqualTo(262);
    }

    @Test
    void specialTokensAreCopiedSoTheRecordStaysImmutable() {
        List<String> tokens = new java.util.ArrayList<>(List.of("<a>", "<b>"));
        BpeTrainerConfig config = new BpeTrainerConfig(300, 1, tokens, true);
        tokens.add("<c>");
        assertThat(config.specialTokens()).containsExactly("<a>", "<b>");
    }

    static Stream<Arguments> badConfigs() {
        List<String> six = SpecialTokens.DEFAULTS;
        return Stream.of(
                Arguments.of(261, 2, six, "vocabSize must be in [262, 1048576]", "got 261"),
                Arguments.of(0, 2, List.of(), "vocabSize must be in [256, 1048576]", "got 0"),
                Arguments.of(-5, 2, six, "vocabSize must be in [262, ", "got -5"),
                Arguments.of(2_000_000, 2, six, "vocabSize must be in [262, 1048576]", "2000000"),
                Arguments.of(4096, 0, six, "minFrequency must be >= 1", "got 0"),
                Arguments.of(4096, -1, six, "minFrequency must be >= 1", "got -1"),
                Arguments.of(4096, 2, List.of("<a>", "<a>"), "specialTokens[1]", "appears twice"),
                Arguments.of(4096, 2, List.of("<| x |>"), "specialTokens[0]", "visible ASCII"),
                Arguments.of(4096, 2, List.of("<a>", "x"), "specialTokens[1]", "at least 2"),
                Arguments.of(4096, 2, List.of(""), "specialTokens[0]", "at least 2"),
                Arguments.of(4096, 2, List.of("<|é|>"), "specialTokens[0]", "0x21-0x7E"),
                Arguments.of(4096, 2, List.of("<a>\n"), "specialTokens[0]", "no spaces"));
    }

    @ParameterizedTest(name = "[{index}] vocab={0} minFreq={1} specials={2}")
    @MethodSource("badConfigs")
    void badConfigNamesTheFieldAndTheAllowedRange(int vocabSize, int minFrequency,
            List<String> specials, String field, String detail) {
        assertThatThrownBy(() -> new BpeTrainerConfig(vocabSize, minFrequency, specials, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field)
                .hasMessageContaining(detail);
    }

    @Test
    void nullSpecialTokensAreRejected() {
        assertThatThrownBy(() -> new BpeTrainerConfig(4096, 2, null, true))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("specialTokens");
        assertThatThrownBy(() -> new BpeTrainerConfig(4096, 2, Arrays.asList("<a>", null), true))
                .isInstanceOf(NullPointerException.class);
    }
}
