package org.rlhf4j.lm.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code tokenizer.json} read and checked in Java before the native library sees it, so that a
 * bad file gets an error naming the file and the problem rather than a message from Rust. Also
 * holds the token-to-id map, which DJL's binding does not expose.
 *
 * @param path the file that was read
 * @param json its bytes
 * @param tokenIds every token of the model's vocabulary and of {@code added_tokens}, with its id
 * @param vocabSize highest id + 1: the rows a model's embedding table needs
 */
record TokenizerFile(Path path, byte[] json, Map<String, Integer> tokenIds, int vocabSize) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads {@code path}, or {@code path/tokenizer.json} when it is a directory. */
    static TokenizerFile read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        byte[] bytes = readBytes(file);
        if (bytes.length == 0) {
            throw new TokenizerFileException(file, "the file is empty", null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new TokenizerFileException(file, "not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new TokenizerFileException(file, "cannot parse it: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenizerFileException(file, "expected a JSON object at the top level, found "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()),
                    null);
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isObject()) {
            throw new TokenizerFileException(file, "no \"model\" object; a tokenizer.json keeps"
                    + " its vocabulary and merges under \"model\"", null);
        }
        Map<String, Integer> ids = new HashMap<>();
        readModelVocab(file, model.get("vocab"), ids);
        readAddedTokens(file, root.get("added_tokens"), ids);
        int vocabSize = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        return new TokenizerFile(file, bytes, Map.copyOf(ids), vocabSize);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerFileException(file, "the file does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TokenizerFileException(file, "permission denied", e);
        } catch (IOException e) {
            throw new TokenizerFileException(file, "cannot read it: " + e, e);
        }
    }

    // BPE, WordPiece and WordLevel store {"token": id}; Unigram stores [["piece", score], ...]
    // where the position is the id.
    private static void readModelVocab(Path file, JsonNode vocab, Map<String, Integer> ids) {
        if (vocab == null || vocab.isNull()) {
            throw new TokenizerFileException(file, "no \"model.vocab\"", null);
        }
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> e : vocab.properties()) {
                if (!e.getValue().canConvertToInt() || e.getValue().intValue() < 0) {
                    throw new TokenizerFileException(file, "model.vocab[\"" + e.getKey()
                            + "\"] must be a non-negative integer id, got " + e.getValue(), null);
                }
                ids.put(e.getKey(), e.getValue().intValue());
            }
        } else if (vocab.isArray()) {
            for (int id = 0; id < vocab.size(); id++) {
                JsonNode entry = vocab.get(id);
                JsonNode piece = entry.isArray() ? entry.get(0) : null;
                if (piece == null || !piece.isTextual()) {
                    throw new TokenizerFileException(file, "model.vocab[" + id
                            + "] must be a [\"piece\", score] pair, got " + entry, null);
                }
                ids.put(piece.textValue(), id);
            }
        } else {
            throw new TokenizerFileException(file, "model.vocab must be an object or an array, got "
                    + vocab.getNodeType().toString().toLowerCase(), null);
        }
    }

    private static void readAddedTokens(Path file, JsonNode added, Map<String, Integer> ids) {
        if (added == null || added.isNull()) {
            return;
        }
        for (int i = 0; i < added.size(); i++) {
            JsonNode token = added.get(i);
            JsonNode id = token.get("id");
            JsonNode content = token.get("content");
            if (id == null || !id.canConvertToInt() || content == null || !content.isTextual()) {
                throw new TokenizerFileException(file, "added_tokens[" + i
                        + "] needs an integer \"id\" and a string \"content\", got " + token, null);
            }
            ids.put(content.textValue(), id.intValue());
        }
    }
}
