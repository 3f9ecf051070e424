package org.rlhf4j.lm.tokenizer;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A trained byte-level BPE tokenizer, ready to be written as a Hugging Face {@code
 * tokenizer.json} (the format the Rust {@code tokenizers} library, and therefore
 * {@link Tokenizer}, {@code transformers} and most other tools, read).
 *
 * @param vocab every token, at the index that is its id; the special tokens come first
 * @param merges the learned merges in priority order (earlier merges apply first)
 * @param specialTokens the special tokens, equal to the first entries of {@code vocab}
 * @param splitDigits whether the pre-tokenizer cuts every digit out on its own before the
 *     byte-level split (written as {@code Sequence[Digits(individual_digits), ByteLevel]}, as
 *     Hugging Face writes it); see {@link BpeTrainerConfig#splitDigits()}
 */
public record TokenizerJson(List<String> vocab, List<Merge> merges, List<String> specialTokens,
        boolean splitDigits) {

    /** One BPE merge: two adjacent tokens that become one. */
    public record Merge(String left, String right) {
        public Merge {
            // The file stores a merge as "left right", which a space inside a token would break.
            if (left.isEmpty() || right.isEmpty() || left.contains(" ") || right.contains(" ")) {
                throw new IllegalArgumentException("merge tokens must be non-empty and contain no"
                        + " space, got \"" + left + "\" + \"" + right + "\"");
            }
        }
    }

    public TokenizerJson {
        vocab = List.copyOf(vocab);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
        if (!vocab.subList(0, Math.min(specialTokens.size(), vocab.size())).equals(specialTokens)) {
            throw new IllegalArgumentException("vocab must start with the special tokens "
                    + specialTokens + " (their ids are 0.." + (specialTokens.size() - 1) + ")");
        }
        Set<String> distinct = new HashSet<>(vocab);
        if (distinct.size() != vocab.size()) {
            throw new IllegalArgumentException("vocab holds a token twice; a token has one id");
        }
    }

    /** Number of ids, special tokens included: the size of a model's embedding table. */
    public int vocabSize() {
        return vocab.size();
    }

    /**
     * The {@code tokenizer.json} text: pretty-printed with "\n" line ends and keys in a fixed
     * order, so equal tokenizers give byte-identical files on every platform.
     */
    public String toJson() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(toTree()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise a JSON tree held in memory", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, atomically: readers never see half a file. */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), ".tokenizer", ".json.tmp");
        try {
            Files.write(temp, toJson().getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // Field names and order follow what tokenizers 0.21 (bundled by DJL 0.34) itself writes.
    private ObjectNode toTree() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < specialTokens.size(); id++) {
            added.addObject()
                    .put("id", id)
                    .put("content", specialTokens.get(id))
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", preTokenizer(f));
        // No post-processor: rlhf4j adds BOS/EOS itself, where a sequence really starts and ends.
        root.putNull("post_processor");
        root.set("decoder", byteLevel(f));
        root.set("model", model(f));
        return root;
    }

    private ObjectNode preTokenizer(JsonNodeFactory f) {
        if (!splitDigits) {
            return byteLevel(f);
        }
        ObjectNode sequence = f.objectNode().put("type", "Sequence");
        ArrayNode steps = sequence.putArray("pretokenizers");
        steps.addObject().put("type", "Digits").put("individual_digits", true);
        steps.add(byteLevel(f));
        return sequence;
    }

    private static ObjectNode byteLevel(JsonNodeFactory f) {
        return f.objectNode()
                .put("type", "ByteLevel")
                .put("add_prefix_space", false)
                .put("trim_offsets", true)
                .put("use_regex", true);
    }

    private ObjectNode model(JsonNodeFactory f) {
        ObjectNode model = f.objectNode()
                .put("type", "BPE")
                .putNull("dropout")
                .putNull("unk_token") // every byte has a symbol, so nothing is unknown
                .putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix")
                .put("fuse_unk", false)
                .put("byte_fallback", false)
                .put("ignore_merges", false);
        ObjectNode vocabNode = model.putObject("vocab");
        for (int id = 0; id < vocab.size(); id++) {
            vocabNode.put(vocab.get(id), id);
        }
        // "left right" strings: every tokenizers version reads them (the newer [left, right]
        // pairs need 0.20+). Byte-level tokens never contain a space, so the split is unambiguous.
        ArrayNode mergesNode = model.putArray("merges");
        for (Merge merge : merges) {
            mergesNode.add(merge.left() + " " + merge.right());
        }
        return model;
    }
}
