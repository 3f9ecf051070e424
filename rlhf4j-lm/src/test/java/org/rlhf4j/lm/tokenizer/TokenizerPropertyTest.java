package org.rlhf4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Properties over arbitrary Unicode text, against a tokenizer trained once. */
class TokenizerPropertyTest {

    private static Path dir;
    private static Tokenizer tokenizer;
    private static HuggingFaceTokenizer runtime;

    @BeforeContainer
    static void trainOnce() throws IOException {
        dir = Files.createTempDirectory("tokenizer-properties");
        Path file = dir.resolve("tokenizer.json");
        BpeTrainer.train(SyntheticCorpus.exchanges(300, 11),
                new BpeTrainerConfig(600, 2, SpecialTokens.DEFAULTS)).write(file);
        tokenizer = Tokenizer.load(file);
        runtime = HuggingFaceTokenizer.newInstance(file, Map.of(
                "truncation", "false", "padding", "false", "addSpecialTokens", "false"));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        tokenizer.close();
        runtime.close();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 600)
    void decodeInvertsEncodeForAnyUnicodeText(@ForAll("unicodeText") String text) {
        assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
    }

    /**
     * The trainer must split text into words exactly where the runtime will, or it learns merges
     * across boundaries the runtime never joins. The runtime's word ids show its split.
     */
    @Property(tries = 400)
    void trainerSplitsWordsExactlyAsTheRuntimeDoes(@ForAll("textJavaKnows") String text) {
        Encoding encoding = runtime.encode(text, false, false);
        List<String> runtimeWords = new ArrayList<>();
        long[] wordIds = encoding.getWordIds();
        String[] tokens = encoding.getTokens();
        for (int i = 0; i < tokens.length; i++) {
            if (i == 0 || wordIds[i] != wordIds[i - 1]) {
                runtimeWords.add("");
            }
            int last = runtimeWords.size() - 1;
            runtimeWords.set(last, runtimeWords.get(last) + tokens[i]);
        }

        List<String> trainerWords = new ArrayList<>();
        for (String word : new ByteLevelPreTokenizer(SpecialTokens.DEFAULTS).words(text)) {
            trainerWords.add(symbols(word));
        }
        assertThat(trainerWords).isEqualTo(runtimeWords);
    }

    /** Valid code points only (no lone surrogates, which are not UTF-8), weighted to the tricky. */
    @Provide
    Arbitrary<String> unicodeText() {
        return text(codePoint -> true);
    }

    /**
     * As {@link #unicodeText()}, without code points unassigned in the JDK's Unicode version (13
     * in Java 17): letters assigned since, e.g. U+9FFD (Unicode 14), are "other" to Java's regex
     * but letters to the Rust library's newer tables. See {@link ByteLevelPreTokenizer}.
     */
    @Provide
    Arbitrary<String> textJavaKnows() {
        return text(Character::isDefined);
    }

    private static Arbitrary<String> text(IntPredicate keep) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(8, Arbitraries.of(0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0xA0, 0x1680,
                        0x2000, 0x200B, 0x2028, 0x2029, 0x202F, 0x3000, 0x1C, 0x1F, 0xFEFF)),
                Tuple.of(5, Arbitraries.of((int) '\'', (int) 's', (int) 't', (int) 'l', (int) 'd')),
                Tuple.of(4, Arbitraries.integers().between(0x00, 0x1F)),
                Tuple.of(5, Arbitraries.integers().between(0x0300, 0x036F)),
                Tuple.of(5, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                Tuple.of(5, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
                Tuple.of(5, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(3, Arbitraries.of(0x200D, 0xFE0F, 0x1F3FB, 0xFFFD, 0xFFFF, 0x10FFFF)),
                Tuple.of(10, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(c -> c < 0xD800 || c > 0xDFFF)));
        return codePoint.filter(keep::test).list().ofMaxSize(40)
                .map(TokenizerPropertyTest::fromCodePoints);
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }

    private static String symbols(String word) {
        StringBuilder out = new StringBuilder();
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            out.append(ByteLevelAlphabet.symbol(b & 0xFF));
        }
        return out.toString();
    }
}
