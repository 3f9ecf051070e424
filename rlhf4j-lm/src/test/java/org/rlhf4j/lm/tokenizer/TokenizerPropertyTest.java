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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Properties over arbitrary Unicode text, against a tokenizer trained once. */
class TokenizerPropertyTest {

    private static final BpeTrainerConfig DIGITS_SPLIT = BpeTrainerConfig.defaults()
            .withVocabSize(600).withSplitDigits(true);
    private static final BpeTrainerConfig GPT2_SPLIT = DIGITS_SPLIT.withSplitDigits(false);

    private static Path dir;
    private static Tokenizer tokenizer;
    private static HuggingFaceTokenizer runtime;
    private static HuggingFaceTokenizer gpt2Runtime;

    @BeforeContainer
    static void trainOnce() throws IOException {
        dir = Files.createTempDirectory("tokenizer-properties");
        Path file = dir.resolve("tokenizer.json");
        BpeTrainer.train(SyntheticCorpus.exchanges(300, 11), DIGITS_SPLIT).write(file);
        tokenizer = Tokenizer.load(file);
        runtime = rawRuntime(file);
        Path gpt2File = dir.resolve("gpt2-split.json");
        BpeTrainer.train(SyntheticCorpus.exchanges(300, 11), GPT2_SPLIT).write(gpt2File);
        gpt2Runtime = rawRuntime(gpt2File);
    }

    private static HuggingFaceTokenizer rawRuntime(Path file) throws IOException {
        return HuggingFaceTokenizer.newInstance(file, Map.of(
                "truncation", "false", "padding", "false", "addSpecialTokens", "false"));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        tokenizer.close();
        runtime.close();
        gpt2Runtime.close();
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
     * across boundaries the runtime never joins. The runtime's word ids show its split. Digits
     * split one by one (the default) and GPT-2's split (files written before digit splitting).
     */
    @Property(tries = 400)
    void trainerSplitsWordsExactlyAsTheRuntimeDoes(@ForAll("textJavaKnows") String text) {
        assertThat(trainerWords(DIGITS_SPLIT, text)).isEqualTo(runtimeWords(runtime, text));
        assertThat(trainerWords(GPT2_SPLIT, text)).isEqualTo(runtimeWords(gpt2Runtime, text));
    }

    /** The same on the kind of text the models are trained on: numbers, ids, prices, e-mails. */
    @Example
    void trainerSplitsACorpusSampleExactlyAsTheRuntimeDoes() {
        List<String> sample = new ArrayList<>(SyntheticCorpus.exchanges(200, 5));
        sample.add("Order #19212 for jane.doe42@example.com, $1,299.99 on 2024-03-07 at 10:45.");
        for (String text : sample) {
            assertThat(trainerWords(DIGITS_SPLIT, text)).isEqualTo(runtimeWords(runtime, text));
            assertThat(trainerWords(GPT2_SPLIT, text)).isEqualTo(runtimeWords(gpt2Runtime, text));
        }
    }

    private static List<String> runtimeWords(HuggingFaceTokenizer runtime, String text) {
        Encoding encoding = runtime.encode(text, false, false);
        List<String> words = new ArrayList<>();
        long[] wordIds = encoding.getWordIds();
        String[] tokens = encoding.getTokens();
        for (int i = 0; i < tokens.length; i++) {
            if (i == 0 || wordIds[i] != wordIds[i - 1]) {
                words.add("");
            }
            int last = words.size() - 1;
            words.set(last, words.get(last) + tokens[i]);
        }
        return words;
    }

    private static List<String> trainerWords(BpeTrainerConfig config, String text) {
        List<String> words = new ArrayList<>();
        for (String word : new ByteLevelPreTokenizer(config.specialTokens(), config.splitDigits())
                .words(text)) {
            words.add(symbols(word));
        }
        return words;
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
                Tuple.of(4, Arbitraries.of(0x0660, 0x0669, 0x00B2, 0x00BD, 0x2163, 0x3007, 0xFF11,
                        0x1D7D8, 0x10107)),
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
