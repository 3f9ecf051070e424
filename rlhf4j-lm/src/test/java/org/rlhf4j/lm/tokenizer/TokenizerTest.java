package org.rlhf4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenizerTest {

    @TempDir
    static Path dir;
    private static Path file;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void trainOnce() throws IOException {
        file = dir.resolve("tokenizer.json");
        BpeTrainer.train(SyntheticCorpus.exchanges(300, 7),
                BpeTrainerConfig.defaults().withVocabSize(500).withSplitDigits(true)).write(file);
        tokenizer = Tokenizer.load(file);
    }

    /**
     * The issue this fixes: GPT-2's split cut "19212" as " 1|92|12" after "order" and as
     * "19|212" after "#", so copying a number from a message meant re-segmenting it.
     */
    @Test
    void digitsAreSingleTokensAfterAWordAndAfterAHash() {
        int[] digits = {digit('1'), digit('9'), digit('2'), digit('1'), digit('2')};
        int[] afterWord = tokenizer.encode("order 19212");
        assertThat(Arrays.copyOfRange(afterWord, afterWord.length - 6, afterWord.length))
                .startsWith(tokenizer.tokenId("Ġ")).endsWith(digits);
        assertThat(tokenizer.encode("#19212")).startsWith(tokenizer.tokenId("#")).endsWith(digits)
                .hasSize(6);
        assertThat(tokenizer.decode(afterWord)).isEqualTo("order 19212");
    }

    private static int digit(char c) {
        return tokenizer.tokenId(String.valueOf(c));
    }

    /** Written by the version before digit splitting (see {@link #OLD_ENCODINGS}). */
    private static Path oldTokenizerJson() throws Exception {
        URL url = TokenizerTest.class.getResource("/golden/tokenizer-v1/tokenizer.json");
        assertThat(url).as("golden resource golden/tokenizer-v1/tokenizer.json is missing")
                .isNotNull();
        return Path.of(url.toURI());
    }

    /**
     * Ids the version before digit splitting gave with that file (trained on
     * {@code SyntheticCorpus.exchanges(300, 7)}, 700 tokens, GPT-2's split): numbers in pieces.
     */
    private static final Map<String, int[]> OLD_ENCODINGS = Map.of(
            "order 19212", new int[] {263, 272, 407, 615, 544},
            "#19212", new int[] {8, 568, 23, 544},
            "order 49312", new int[] {263, 272, 611, 24, 544},
            "#49312", new int[] {8, 570, 24, 544},
            "My order #4821 has not arrived yet.",
            new int[] {517, 284, 282, 545, 582, 535, 534, 537, 529, 19},
            "A refund of $250 will reach your card within 5 days.",
            new int[] {38, 329, 321, 337, 23, 579, 403, 405, 289, 404, 406, 358, 333, 19});

    @Test
    void aTokenizerWrittenBeforeDigitSplittingStillEncodesAsBefore() throws Exception {
        try (Tokenizer old = Tokenizer.load(oldTokenizerJson())) {
            assertThat(old.vocabSize()).isEqualTo(700);
            for (Map.Entry<String, int[]> e : OLD_ENCODINGS.entrySet()) {
                assertThat(old.encode(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
                assertThat(old.decode(e.getValue())).isEqualTo(e.getKey());
            }
        }
    }

    @Test
    void trainingWithoutDigitSplittingWritesTheFileTheEarlierVersionWrote() throws Exception {
        String trained = BpeTrainer.train(SyntheticCorpus.exchanges(300, 7),
                BpeTrainerConfig.defaults().withVocabSize(700).withSplitDigits(false)).toJson();
        assertThat(trained).isEqualTo(Files.readString(oldTokenizerJson()));
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    @Test
    void nothingIsCutAt512Tokens() {
        String eos5000 = SpecialTokens.EOS.repeat(5000);
        int[] ids = tokenizer.encode(eos5000);
        assertThat(ids).hasSize(5000).containsOnly(tokenizer.eosId());

        String longText = String.join("", SyntheticCorpus.exchanges(200, 3));
        int[] longIds = tokenizer.encode(longText);
        assertThat(longIds.length).isGreaterThan(5000);
        assertThat(tokenizer.decode(longIds)).isEqualTo(longText);
    }

    /** The hazard the options guard against, so that the test above can fail. */
    @Test
    void djlDefaultsWouldHaveCutAt512Tokens() throws IOException {
        try (HuggingFaceTokenizer raw = HuggingFaceTokenizer.newInstance(file)) {
            assertThat(raw.encode(SpecialTokens.EOS.repeat(5000)).getIds()).hasSize(512);
        }
    }

    @Test
    void encodeAddsNoSpecialTokens() {
        assertThat(tokenizer.encode("")).isEmpty();
        assertThat(tokenizer.encode("Hello there")).isNotEmpty().doesNotContain(0, 1, 2, 3, 4, 5);
        assertThat(tokenizer.encode("a" + SpecialTokens.EOS))
                .containsExactly(tokenizer.tokenId("a"), tokenizer.eosId());
    }

    @Test
    void aForeignTokenizerWithATemplateGetsNoSpecialTokensAddedEither() throws IOException {
        Path bert = dir.resolve("bert-like.json");
        Files.writeString(bert, """
                {"version": "1.0", "truncation": null, "padding": null,
                 "added_tokens": [
                   {"id": 3, "content": "[CLS]", "single_word": false, "lstrip": false,
                    "rstrip": false, "normalized": false, "special": true},
                   {"id": 4, "content": "[SEP]", "single_word": false, "lstrip": false,
                    "rstrip": false, "normalized": false, "special": true}],
                 "normalizer": null, "pre_tokenizer": {"type": "Whitespace"},
                 "post_processor": {"type": "TemplateProcessing",
                   "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                              {"Sequence": {"id": "A", "type_id": 0}},
                              {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                   "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                            {"Sequence": {"id": "B", "type_id": 1}}],
                   "special_tokens": {
                     "[CLS]": {"id": "[CLS]", "ids": [3], "tokens": ["[CLS]"]},
                     "[SEP]": {"id": "[SEP]", "ids": [4], "tokens": ["[SEP]"]}}},
                 "decoder": null,
                 "model": {"type": "WordLevel", "unk_token": "[UNK]",
                           "vocab": {"hello": 0, "world": 1, "[UNK]": 2}}}
                """);
        try (Tokenizer foreign = Tokenizer.load(bert);
                HuggingFaceTokenizer raw = HuggingFaceTokenizer.newInstance(bert)) {
            assertThat(raw.encode("hello world").getIds()).containsExactly(3, 0, 1, 4);
            assertThat(foreign.encode("hello world")).containsExactly(0, 1);
            assertThat(foreign.vocabSize()).isEqualTo(5);
            assertThat(foreign.tokenId("[SEP]")).isEqualTo(4);
            assertThatThrownBy(foreign::bosId)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(SpecialTokens.BOS)
                    .hasMessageContaining(bert.toString());
        }
    }

    @Test
    void batchEncodingMatchesOneByOneWithoutPadding() {
        List<String> texts = List.of("Hi", "I want a refund for order #12345.", "", "😀 ok");
        List<int[]> batch = tokenizer.encodeBatch(texts);
        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batch.get(i)).containsExactly(tokenizer.encode(texts.get(i)));
        }
        assertThat(batch.get(2)).isEmpty();
    }

    @Test
    void decodeKeepsOrSkipsSpecialTokens() {
        String text = SpecialTokens.USER + "Where is my order?" + SpecialTokens.EOS;
        int[] ids = tokenizer.encode(text);
        assertThat(ids[0]).isEqualTo(tokenizer.tokenId(SpecialTokens.USER));
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
        assertThat(tokenizer.decode(ids, true)).isEqualTo("Where is my order?");
    }

    @Test
    void decodeRejectsIdsOutsideTheVocabulary() {
        assertThatThrownBy(() -> tokenizer.decode(new int[] {5, 500}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ids[1] = 500")
                .hasMessageContaining("[0, 500)");
        assertThatThrownBy(() -> tokenizer.decode(new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownTokenNamesTheTokenAndTheFile() {
        assertThat(tokenizer.findTokenId("no-such-token")).isEmpty();
        assertThat(tokenizer.findTokenId("Ġ")).isPresent();
        assertThatThrownBy(() -> tokenizer.tokenId("no-such-token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"no-such-token\"")
                .hasMessageContaining(file.toString());
    }

    @Test
    void loadsTheTokenizerJsonInsideAModelDirectory() {
        try (Tokenizer fromDir = Tokenizer.load(dir)) {
            assertThat(fromDir.source()).isEqualTo(file);
            assertThat(fromDir.encode("refund")).containsExactly(tokenizer.encode("refund"));
        }
    }

    @Test
    void cannotBeUsedAfterClose() {
        Tokenizer closed = Tokenizer.load(file);
        closed.close();
        assertThatThrownBy(() -> closed.encode("x")).isInstanceOf(IllegalStateException.class);
    }

    static Stream<Arguments> badFiles() {
        String model = "{\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": []}";
        return Stream.of(
                Arguments.of("missing.json", null, "does not exist"),
                Arguments.of("empty.json", "", "the file is empty"),
                Arguments.of("text.json", "this is not json", "not valid JSON"),
                Arguments.of("truncated.json", "{\"model\": {\"vocab\": {", "not valid JSON"),
                Arguments.of("array.json", "[1, 2]", "expected a JSON object"),
                Arguments.of("no-model.json", "{\"version\": \"1.0\"}", "no \"model\" object"),
                Arguments.of("no-vocab.json", "{\"model\": {\"type\": \"BPE\"}}", "model.vocab"),
                Arguments.of("bad-id.json", "{\"model\": {\"vocab\": {\"a\": \"x\"}}}",
                        "model.vocab[\"a\"] must be a non-negative integer id"),
                Arguments.of("bad-added.json", "{\"added_tokens\": [{\"id\": 1}], \"model\": "
                        + model + "}", "added_tokens[0] needs"),
                Arguments.of("unknown-model.json",
                        "{\"model\": {\"type\": \"Nope\", \"vocab\": {\"a\": 0}}}",
                        "the tokenizers library rejected it"),
                Arguments.of("bad-merge.json", "{\"model\": {\"type\": \"BPE\","
                        + " \"vocab\": {\"a\": 0}, \"merges\": [\"a b\"]}}",
                        "rejected it: Token `b` out of vocabulary"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesGiveOneClearMessageNamingTheFile(String name, String content, String problem)
            throws IOException {
        Path bad = dir.resolve("bad").resolve(name);
        Files.createDirectories(bad.getParent());
        if (content != null) {
            Files.writeString(bad, content);
        }
        assertThatThrownBy(() -> Tokenizer.load(bad))
                .isInstanceOf(TokenizerFileException.class)
                .hasMessageStartingWith("Cannot load tokenizer " + bad + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((TokenizerFileException) e).file()).isEqualTo(bad));
    }

    @Test
    void encodeBatchRejectsNullTexts() {
        List<String> texts = new ArrayList<>(Arrays.asList("a", null));
        assertThatThrownBy(() -> tokenizer.encodeBatch(texts))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("texts[1]");
    }
}
