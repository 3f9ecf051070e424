package org.rlhf4j.lm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a byte-level BPE tokenizer, the kind GPT-2 uses, and returns it in Hugging Face's
 * {@code tokenizer.json} format so that {@link Tokenizer} (the Rust {@code tokenizers} library)
 * runs it.
 *
 * <p>Ids: the special tokens first, in the configured order; then the 256 byte symbols; then one
 * token per merge, in the order learned. Ties between equally frequent pairs go to the pair of
 * smaller ids, so the same corpus and config give a byte-identical file.
 *
 * <p>By default digits are split one by one before the byte-level split (Llama 2, DeepSeek), so
 * a number is the same tokens wherever it stands and a model can copy it from a prompt digit by
 * digit; see {@link BpeTrainerConfig#splitDigits()}.
 *
 * <pre>{@code
 * TokenizerJson trained = BpeTrainer.train(documents, BpeTrainerConfig.defaults());
 * trained.write(runDir.resolve("tokenizer.json"));
 * }</pre>
 */
public final class BpeTrainer {

    private BpeTrainer() {}

    /**
     * Learns merges from {@code documents} until the vocabulary holds {@code config.vocabSize()}
     * tokens or no pair occurs {@code config.minFrequency()} times. Special tokens that appear in
     * a document are cut out before counting, as the runtime matches them before BPE.
     */
    public static TokenizerJson train(Iterable<String> documents, BpeTrainerConfig config) {
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(config, "config");
        Map<String, Long> wordFrequencies = countWords(documents,
                new ByteLevelPreTokenizer(config.specialTokens(), config.splitDigits()));

        List<String> vocab = new ArrayList<>(config.specialTokens());
        vocab.addAll(ByteLevelAlphabet.symbolsInVocabularyOrder());
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < vocab.size(); id++) {
            ids.put(vocab.get(id), id);
        }

        PairCounts pairs = toSymbolIds(wordFrequencies, ids);
        List<TokenizerJson.Merge> merges = learnMerges(pairs, vocab, ids, config);
        return new TokenizerJson(vocab, merges, config.specialTokens(), config.splitDigits());
    }

    private static Map<String, Long> countWords(Iterable<String> documents,
            ByteLevelPreTokenizer preTokenizer) {
        Map<String, Long> frequencies = new HashMap<>();
        for (String document : documents) {
            for (String word : preTokenizer.words(document)) {
                frequencies.merge(word, 1L, Long::sum);
            }
        }
        return frequencies;
    }

    private static PairCounts toSymbolIds(Map<String, Long> wordFrequencies,
            Map<String, Integer> ids) {
        int[] idOfByte = new int[256];
        for (int b = 0; b < 256; b++) {
            idOfByte[b] = ids.get(String.valueOf(ByteLevelAlphabet.symbol(b)));
        }
        List<int[]> words = new ArrayList<>(wordFrequencies.size());
        long[] frequencies = new long[wordFrequencies.size()];
        for (Map.Entry<String, Long> entry : wordFrequencies.entrySet()) {
            byte[] utf8 = entry.getKey().getBytes(StandardCharsets.UTF_8);
            int[] symbols = new int[utf8.length];
            for (int i = 0; i < utf8.length; i++) {
                symbols[i] = idOfByte[utf8[i] & 0xFF];
            }
            frequencies[words.size()] = entry.getValue();
            words.add(symbols);
        }
        return new PairCounts(words, frequencies);
    }

    private static List<TokenizerJson.Merge> learnMerges(PairCounts pairs, List<String> vocab,
            Map<String, Integer> ids, BpeTrainerConfig config) {
        List<TokenizerJson.Merge> merges = new ArrayList<>();
        while (vocab.size() < config.vocabSize()) {
            PairCounts.Candidate best = pairs.pollMostFrequent();
            if (best == null || best.count() < config.minFrequency()) {
                break;
            }
            String left = vocab.get(best.left());
            String right = vocab.get(best.right());
            // Two merges can spell the same token ("ab"+"c", "a"+"bc"); both map to one id.
            Integer id = ids.get(left + right);
            if (id == null) {
                id = vocab.size();
                vocab.add(left + right);
                ids.put(left + right, id);
            }
            merges.add(new TokenizerJson.Merge(left, right));
            pairs.merge(best.left(), best.right(), id);
        }
        return merges;
    }
}
