package org.rlhf4j.lm.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Encodes text to token ids and decodes them back with any Hugging Face {@code tokenizer.json}:
 * one trained by {@link BpeTrainer} or one downloaded with a model. The work is done by the Rust
 * {@code tokenizers} library through DJL's binding ({@code ai.djl.huggingface:tokenizers}).
 *
 * <p>DJL's defaults are made for classifiers and would corrupt language-model data, so all three
 * are turned off: truncation (to 512 tokens), padding (of batches to the longest), and adding the
 * model's special tokens. {@link #encode} returns exactly the tokens of the text; callers add
 * {@link #bosId()} and {@link #eosId()} where a sequence really starts and ends.
 *
 * <p>Native library: the tokenizers jar bundles the Rust library (tokenizers 0.21) for
 * linux-x86_64, linux-aarch64, osx-aarch64 and win-x86_64. On first use DJL copies it out of the
 * jar to {@code <cache>/tokenizers/0.21.0-0.34.0-cpu-linux-x86_64/} (for DJL 0.34 on Linux
 * x86-64) and loads it from there. {@code <cache>} is {@code ENGINE_CACHE_DIR} if set, else
 * {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai} ({@code <java.io.tmpdir>/.djl.ai} when the home
 * directory is not writable); each may be an environment variable or a system property of that
 * name, and the environment wins. DJL 0.34 reads no {@code ai.djl.cache_dir} property. An empty
 * cache is fine and nothing is downloaded: the CPU build is pinned (on a machine with an NVIDIA
 * GPU DJL would otherwise fetch a CUDA build from the internet) and DJL's telemetry is opted out.
 * Set {@code RUST_FLAVOR} or {@code OPT_OUT_TRACKING} yourself to override either.
 *
 * <p>Close the tokenizer to free its native memory; it is not usable afterwards.
 */
public final class Tokenizer implements AutoCloseable {

    private static final Map<String, String> DJL_OPTIONS = Map.of(
            "truncation", "false",
            "padding", "false",
            "addSpecialTokens", "false");

    private final HuggingFaceTokenizer runtime;
    private final Path source;
    private final Map<String, Integer> tokenIds;
    private final int vocabSize;

    private Tokenizer(HuggingFaceTokenizer runtime, TokenizerFile file) {
        this.runtime = runtime;
        this.source = file.path();
        this.tokenIds = file.tokenIds();
        this.vocabSize = file.vocabSize();
    }

    /**
     * Loads a {@code tokenizer.json}, or the {@code tokenizer.json} inside a model directory.
     *
     * @throws TokenizerFileException if the file is missing, unreadable, not JSON, or not a
     *     tokenizer the library accepts; the message names the file and the problem
     * @throws IllegalStateException if the native library cannot be loaded on this platform
     */
    public static Tokenizer load(Path tokenizerJson) {
        TokenizerFile file = TokenizerFile.read(tokenizerJson);
        DjlNatives.prepare();
        try {
            return new Tokenizer(HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(file.json()), DJL_OPTIONS), file);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerFileException(file.path(),
                    "the tokenizers library rejected it: " + e.getMessage(), e);
        }
    }

    /** The ids of {@code text}'s tokens; no special tokens are added and nothing is cut. */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        return toInts(runtime.encode(text, false, false).getIds());
    }

    /** {@link #encode} for many texts at once, in parallel inside the native library. */
    public List<int[]> encodeBatch(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new NullPointerException("texts[" + i + "] is null");
            }
        }
        Encoding[] encodings = runtime.batchEncode(texts, false, false);
        List<int[]> ids = new ArrayList<>(encodings.length);
        for (Encoding encoding : encodings) {
            ids.add(toInts(encoding.getIds()));
        }
        return ids;
    }

    /** The text of {@code ids}, special tokens included as their text. */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /**
     * The text of {@code ids}.
     *
     * @param skipSpecialTokens leave out special tokens (padding, BOS, EOS, chat markers)
     * @throws IllegalArgumentException if an id is outside [0, {@link #vocabSize()})
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw new IllegalArgumentException("ids[" + i + "] = " + ids[i] + " is outside [0, "
                        + vocabSize + "), the vocabulary of " + source);
            }
            longs[i] = ids[i];
        }
        return runtime.decode(longs, skipSpecialTokens);
    }

    /** Highest id + 1, special tokens included: the rows a model's embedding table needs. */
    public int vocabSize() {
        return vocabSize;
    }

    /**
     * The id of {@code token}, written as it appears in the vocabulary (byte-level symbols, so a
     * leading space is "Ġ").
     *
     * @throws IllegalArgumentException if the vocabulary has no such token
     */
    public int tokenId(String token) {
        Integer id = tokenIds.get(token);
        if (id == null) {
            throw new IllegalArgumentException(
                    "Token \"" + token + "\" is not in the vocabulary of " + source);
        }
        return id;
    }

    /** The id of {@code token}, or empty if the vocabulary has no such token. */
    public OptionalInt findTokenId(String token) {
        Integer id = tokenIds.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Id of {@link SpecialTokens#BOS}; throws if this tokenizer does not have it. */
    public int bosId() {
        return tokenId(SpecialTokens.BOS);
    }

    /** Id of {@link SpecialTokens#EOS}; throws if this tokenizer does not have it. */
    public int eosId() {
        return tokenId(SpecialTokens.EOS);
    }

    /** Id of {@link SpecialTokens#PAD}; throws if this tokenizer does not have it. */
    public int padId() {
        return tokenId(SpecialTokens.PAD);
    }

    /** The {@code tokenizer.json} this was loaded from. */
    public Path source() {
        return source;
    }

    @Override
    public void close() {
        runtime.close();
    }

    private static int[] toInts(long[] ids) {
        int[] ints = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ints[i] = Math.toIntExact(ids[i]);
        }
        return ints;
    }
}
