package org.rlhf4j.lm.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.rlhf4j.core.UserError;

/**
 * Reads a pretraining corpus: {@code .jsonl} (one {@code {"text": ...}} object per line, optionally
 * gzipped) or plain text (documents separated by blank lines). Invalid UTF-8, a line that is not
 * a JSON object or lacks a string {@code text} is an error naming the file and line.
 */
public final class CorpusReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusReader() {}

    public static List<String> read(Path file) {
        String name = file.getFileName().toString();
        boolean jsonl = name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
        try (BufferedReader in = open(file)) {
            List<String> docs = jsonl ? jsonLines(file, in) : paragraphs(in);
            if (docs.isEmpty()) throw new UserError(file + ": the corpus holds no documents");
            return docs;
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": not found");
        } catch (CharacterCodingException e) {
            throw new UserError(file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new UserError(file + ": could not be read: " + e.getMessage(), e);
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        var raw = Files.newInputStream(file);
        var stream = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(stream, decoder));
    }

    private static List<String> jsonLines(Path file, BufferedReader in) throws IOException {
        List<String> docs = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                throw new UserError(file + ":" + number + ": not valid JSON");
            }
            if (n == null || !n.isObject()) throw new UserError(file + ":" + number + ": expected a JSON object with a \"text\" field");
            JsonNode text = n.get("text");
            if (text == null) throw new UserError(file + ":" + number + ": missing field \"text\"");
            if (!text.isTextual()) throw new UserError(file + ":" + number + ": field \"text\" must be a string, got " + text.getNodeType().toString().toLowerCase());
            if (!text.asText().isBlank()) docs.add(text.asText());
        }
        return docs;
    }

    private static List<String> paragraphs(BufferedReader in) throws IOException {
        List<String> docs = new ArrayList<>();
        StringBuilder doc = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                if (doc.length() > 0) docs.add(doc.toString());
                doc.setLength(0);
            } else {
                if (doc.length() > 0) doc.append('\n');
                doc.append(line);
            }
        }
        if (doc.length() > 0) docs.add(doc.toString());
        return docs;
    }
}
