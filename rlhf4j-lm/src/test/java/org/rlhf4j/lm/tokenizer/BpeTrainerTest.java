package org.rlhf4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {

    private static final List<String> CORPUS = SyntheticCorpus.exchanges(400, 42);

    @Test
    void reachesExactlyTheConfiguredVocabularySizeWithSpecialsFirst(@TempDir Path dir) {
        TokenizerJson trained = BpeTrainer.train(CORPUS, config(500));

        assertThat(trained.vocabSize()).isEqualTo(500);
        assertThat(trained.merges()).hasSize(500 - 256 - 6);
        assertThat(trained.vocab().subList(0, 6)).isEqualTo(SpecialTokens.DEFAULTS);
        try (Tokenizer tokenizer = load(trained, dir)) {
            assertThat(tokenizer.vocabSize()).isEqualTo(500);
            assertThat(tokenizer.padId()).isZero();
            assertThat(tokenizer.bosId()).isEqualTo(1);
            assertThat(tokenizer.eosId()).isEqualTo(2);
            assertThat(tokenizer.tokenId(SpecialTokens.SYSTEM)).isEqualTo(3);
            assertThat(tokenizer.tokenId(SpecialTokens.USER)).isEqualTo(4);
            assertThat(tokenizer.tokenId(SpecialTokens.ASSISTANT)).isEqualTo(5);
        }
    }

    @Test
    void keepsAll256ByteSymbolsRightAfterTheSpecials() {
        TokenizerJson trained = BpeTrainer.train(CORPUS, config(700));
        assertThat(trained.vocab().subList(6, 262))
                .isEqualTo(ByteLevelAlphabet.symbolsInVocabularyOrder());
    }

    @Test
    void encodesAndDecodesTheCorpusUnchanged(@TempDir Path dir) {
        try (Tokenizer tokenizer = load(BpeTrainer.train(CORPUS, config(700)), dir)) {
            for (String text : CORPUS.subList(0, 50)) {
                assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
            }
        }
    }

    @Test
    void learnsFrequentWordsAsSingleTokens(@TempDir Path dir) {
        TokenizerJson trained = BpeTrainer.train(CORPUS, config(700));
        assertThat(trained.vocab()).contains("Ġrefund", "Ġorder", "Ġyour");
        try (Tokenizer tokenizer = load(trained, dir)) {
            assertThat(tokenizer.encode(" refund")).containsExactly(tokenizer.tokenId("Ġrefund"));
            // Learned merges compress: far fewer tokens than bytes.
            String text = CORPUS.get(0);
            assertThat(tokenizer.encode(text).length).isLessThan(text.length() / 2);
        }
    }

    /** The Hugging Face course's BPE example, worked by hand (words without spaces). */
    @Test
    void learnsMergesInTheHandWorkedOrder() {
        List<String> documents = new ArrayList<>();
        documents.addAll(Collections.nCopies(10, "hug"));
        documents.addAll(Collections.nCopies(5, "pug"));
        documents.addAll(Collections.nCopies(12, "pun"));
        documents.addAll(Collections.nCopies(4, "bun"));
        documents.addAll(Collections.nCopies(5, "hugs"));

        TokenizerJson trained =
                BpeTrainer.train(documents, new BpeTrainerConfig(1000, 1, List.of(), true));

        // u+g: 10+5+5=20; u+n: 12+4=16; h+ug: 15; p+un: 12; then p+ug and hug+s tie at 5 and
        // the pair with the smaller ids ("p" is a byte, "hug" a later merge) goes first; b+un: 4.
        assertThat(trained.merges()).extracting(m -> m.left() + " " + m.right())
                .containsExactly("u g", "u n", "h ug", "p un", "p ug", "hug s", "b un");
        assertThat(trained.vocab().subList(256, trained.vocabSize()))
                .containsExactly("ug", "un", "hug", "pun", "pug", "hugs", "bun");
    }

    /**
     * Golden: Hugging Face tokenizers 0.23.2 (Python) trained on the same corpus with {@code
     * BpeTrainer(vocab_size=700, min_frequency=2, special_tokens=SpecialTokens.DEFAULTS,
     * initial_alphabet=ByteLevel.alphabet())} and the {@code ByteLevel(add_prefix_space=False)}
     * pre-tokenizer learns exactly these 438 merges, in this order. (Digits not split: the
     * golden predates digit splitting, and its last merges join digits.)
     */
    @Test
    void learnsTheSameMergesAsHuggingFaceTokenizers() throws Exception {
        TokenizerJson trained = BpeTrainer.train(SyntheticCorpus.exchanges(400, 42),
                config(700).withSplitDigits(false));
        List<String> merges = trained.merges().stream()
                .map(m -> m.left() + " " + m.right()).toList();

        assertThat(merges).hasSize(438)
                .startsWith("o u", "Ġ t", "o r", "a n", "e r", "i n", "Ġ a", "Ġ c")
                .endsWith("49 3", "68 8", "40 3");
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(String.join("\n", merges).getBytes(StandardCharsets.UTF_8));
        assertThat(java.util.HexFormat.of().formatHex(digest))
                .isEqualTo("8428c0a10d7ca70b1bc2e6415a917742d78149ad1e13c850f051320ed493e696");
    }

    @Test
    void stopsWhenNoPairIsFrequentEnough() {
        // "aaaa" has the pair (a, a) three times; after merging it, (aa, aa) occurs once.
        List<String> documents = List.of("aaaa");
        assertThat(BpeTrainer.train(documents, new BpeTrainerConfig(1000, 2, List.of(), true)).vocab())
                .hasSize(257).endsWith("aa");
        assertThat(BpeTrainer.train(documents, new BpeTrainerConfig(1000, 1, List.of(), true)).vocab())
                .hasSize(258).endsWith("aa", "aaaa");
    }

    @Test
    void trainingTwiceGivesByteIdenticalFiles(@TempDir Path dir) throws Exception {
        BpeTrainer.train(CORPUS, config(700)).write(dir.resolve("a.json"));
        BpeTrainer.train(new ArrayList<>(CORPUS), config(700)).write(dir.resolve("b.json"));
        assertThat(Files.readAllBytes(dir.resolve("a.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b.json")));
    }

    @Test
    void neverLearnsPiecesOfSpecialTokensThatAppearInTheText() {
        List<String> documents = new ArrayList<>();
        for (String exchange : CORPUS) {
            documents.add(SpecialTokens.USER + exchange + SpecialTokens.EOS);
        }
        TokenizerJson trained = BpeTrainer.train(documents, config(500));
        List<String> learned = trained.vocab().subList(262, trained.vocabSize());
        assertThat(learned).hasSize(500 - 262)
                .noneMatch(token -> token.contains("|") || token.contains("eos"));
    }

    @Test
    void anEmptyCorpusGivesTheByteAlphabetOnly(@TempDir Path dir) {
        TokenizerJson trained = BpeTrainer.train(List.of(), config(700));
        assertThat(trained.vocabSize()).isEqualTo(262);
        assertThat(trained.merges()).isEmpty();
        try (Tokenizer tokenizer = load(trained, dir)) {
            String text = "still encodes: é 😀";
            assertThat(tokenizer.encode(text))
                    .hasSize(text.getBytes(StandardCharsets.UTF_8).length);
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
    }

    @Test
    void writesTheHuggingFaceTokenizerJsonLayout() throws Exception {
        TokenizerJson trained = BpeTrainer.train(CORPUS, config(300).withSplitDigits(true));
        JsonNode root = new ObjectMapper().readTree(trained.toJson());

        assertThat(root.get("version").asText()).isEqualTo("1.0");
        assertThat(root.get("normalizer").isNull()).isTrue();
        assertThat(root.get("post_processor").isNull()).isTrue();
        JsonNode added = root.get("added_tokens");
        assertThat(added).hasSize(6);
        assertThat(added.get(2).get("content").asText()).isEqualTo(SpecialTokens.EOS);
        assertThat(added.get(2).get("id").asInt()).isEqualTo(2);
        assertThat(added.get(2).get("special").asBoolean()).isTrue();
        JsonNode pre = root.get("pre_tokenizer");
        assertThat(pre.get("type").asText()).isEqualTo("Sequence");
        assertThat(pre.get("pretokenizers")).hasSize(2);
        assertThat(pre.get("pretokenizers").get(0).get("type").asText()).isEqualTo("Digits");
        assertThat(pre.get("pretokenizers").get(0).get("individual_digits").asBoolean()).isTrue();
        pre = pre.get("pretokenizers").get(1);
        assertThat(pre.get("type").asText()).isEqualTo("ByteLevel");
        assertThat(pre.get("add_prefix_space").asBoolean()).isFalse();
        assertThat(pre.get("use_regex").asBoolean()).isTrue();
        assertThat(root.get("decoder").get("type").asText()).isEqualTo("ByteLevel");
        JsonNode model = root.get("model");
        assertThat(model.get("type").asText()).isEqualTo("BPE");
        assertThat(model.get("unk_token").isNull()).isTrue();
        assertThat(model.get("byte_fallback").asBoolean()).isFalse();
        assertThat(model.get("vocab").size()).isEqualTo(300);
        assertThat(model.get("vocab").get("Ġ").asInt()).isEqualTo(trained.vocab().indexOf("Ġ"));
        assertThat(model.get("merges")).hasSize(300 - 262);
        assertThat(model.get("merges").get(0).asText()).matches("\\S+ \\S+");
        assertThat(trained.toJson()).doesNotContain("\r");
    }

    @Test
    void withoutDigitSplittingThePreTokenizerIsByteLevelAlone() throws Exception {
        TokenizerJson trained = BpeTrainer.train(CORPUS, config(300).withSplitDigits(false));
        JsonNode pre = new ObjectMapper().readTree(trained.toJson()).get("pre_tokenizer");
        assertThat(pre.get("type").asText()).isEqualTo("ByteLevel");
        assertThat(pre.get("use_regex").asBoolean()).isTrue();
    }

    @Test
    void noMergeSpansTwoDigitsWhenDigitsAreSplit() {
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            numbered.add("order " + (19000 + i % 40) + " and #" + (19000 + i % 40) + " paid");
        }
        TokenizerJson split = BpeTrainer.train(numbered, config(700).withSplitDigits(true));
        assertThat(split.vocab().subList(262, split.vocabSize()))
                .isNotEmpty()
                .noneMatch(token -> token.chars().filter(Character::isDigit).count() > 0);
        // The same corpus without splitting learns the numbers as tokens.
        TokenizerJson whole = BpeTrainer.train(numbered, config(700).withSplitDigits(false));
        assertThat(whole.vocab()).anyMatch(token -> token.chars().filter(Character::isDigit).count() >= 2);
    }

    @Test
    void rejectsMergeTokensThatTheFileFormatCannotHold() {
        assertThatThrownBy(() -> new TokenizerJson.Merge("a b", "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no space");
        assertThatThrownBy(() -> new TokenizerJson(List.of("x"), List.of(), List.of("<s>"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with the special tokens");
    }

    private static BpeTrainerConfig config(int vocabSize) {
        return BpeTrainerConfig.defaults().withVocabSize(vocabSize);
    }

    private static Tokenizer load(TokenizerJson trained, Path dir) {
        Path file = dir.resolve("tokenizer.json");
        try {
            trained.write(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Tokenizer.load(file);
    }
}
