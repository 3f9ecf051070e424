package org.rlhf4j.feedback.format;

import org.rlhf4j.feedback.LineProblem;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.rlhf4j.core.UserError;

/**
 * Reads a {@code .jsonl} or {@code .jsonl.gz} file one object per line and hands each to a
 * converter. A bad line (invalid UTF-8, not JSON, not an object, a bad field) becomes an
 * {@link LineProblem} and reading goes on; a truncated or corrupt gzip stream ends the file with
 * one problem. Lines are split on raw bytes and decoded one at a time, so a bad byte spoils only
 * its own line. Blank lines are skipped but still counted, so line numbers match an editor's.
 */
final class JsonLinesFile {
    /** Converts one line's object; throws {@link BadField} to reject the line. */
    interface Converter<T> {
        void convert(JsonLine line, Consumer<T> out);
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLinesFile() {
    }

    static <T> ImportResult<T> read(Path file, String source, Converter<T> converter) {
        List<T> records = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        List<ImportNote> notes = new ArrayList<>();
        forEachObject(file, problems, (number, object) -> {
            try {
                converter.convert(new JsonLine(file, number, source, object, notes), records::add);
            } catch (BadField e) {
                problems.add(new LineProblem(file, number, e.field(), e.getMessage()));
            } catch (IllegalArgumentException e) {
                // a record's own check failed on a combination the converter did not foresee
                problems.add(new LineProblem(file, number, null, "not a valid record: " + e.getMessage()));
            }
        });
        return new ImportResult<>(records, problems, notes);
    }

    interface ObjectSink {
        void accept(long number, ObjectNode object);
    }

    /** Calls {@code sink} for every line holding a JSON object; every other non-blank line is a problem. */
    static void forEachObject(Path file, List<LineProblem> problems, ObjectSink sink) {
        try (InputStream in = open(file)) {
            LineSplitter lines = new LineSplitter(in);
            long number = 0;
            for (byte[] bytes = lines.next(); bytes != null; bytes = lines.next()) {
                number++;
                ObjectNode object = parse(file, number, bytes, problems);
                if (object != null) sink.accept(number, object);
            }
            if (lines.truncated() != null) {
                problems.add(new LineProblem(file, number + 1, null, "the file ends early (" + lines.truncated() + "): the gzip stream is truncated or corrupt; lines after " + number + " are lost"));
            }
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The source a file's records are attributed to when the caller names none: its folder and
     * base name, e.g. {@code alpaca/seed_tasks} for {@code .../alpaca/seed_tasks.jsonl}.
     */
    static String defaultSource(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.jsonl?$", "");
        Path parent = file.toAbsolutePath().getParent();
        return parent == null || parent.getFileName() == null ? name : parent.getFileName() + "/" + name;
    }

    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (!file.getFileName().toString().endsWith(".gz")) return raw;
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new UserError(file + " is named .gz but is not gzip data: " + e.getMessage(), e);
        }
    }

    private static ObjectNode parse(Path file, long number, byte[] bytes, List<LineProblem> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new LineProblem(file, number, null, "not valid UTF-8 (" + e.getMessage() + ")"));
            return null;
        }
        if (text.isBlank()) return null;
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(new LineProblem(file, number, null, "not JSON: " + e.getOriginalMessage()));
            return null;
        }
        if (!(node instanceof ObjectNode object)) {
            problems.add(new LineProblem(file, number, null, "expected a JSON object, got " + JsonLine.kind(node)));
            return null;
        }
        return object;
    }

    /** Splits a byte stream on '\n' (dropping a '\r' before it), remembering why it stopped early. */
    private static final class LineSplitter {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position, limit;
        private boolean ended;
        private String truncated;

        LineSplitter(InputStream in) {
            this.in = in;
        }

        /** The next line's bytes, or null at the end (or at a read error, see {@link #truncated()}). */
        byte[] next() {
            if (ended) return null;
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (true) {
                if (position == limit && !fill()) {
                    ended = true;
                    // a partial line before a read error is not trusted; a last line without '\n' is
                    return truncated == null && line.size() > 0 ? trimCr(line.toByteArray()) : null;
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') position++;
                line.write(buffer, start, position - start);
                if (position < limit) {
                    position++;
                    return trimCr(line.toByteArray());
                }
            }
        }

        private boolean fill() {
            try {
                int n = in.read(buffer);
                if (n <= 0) return false;
                position = 0;
                limit = n;
                return true;
            } catch (IOException e) {
                // EOFException "Unexpected end of ZLIB input stream", ZipException "invalid ..." or a CRC error
                truncated = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return false;
            }
        }

        private static byte[] trimCr(byte[] bytes) {
            int n = bytes.length;
            return n > 0 && bytes[n - 1] == '\r' ? java.util.Arrays.copyOf(bytes, n - 1) : bytes;
        }

        String truncated() {
            return truncated;
        }
    }
}
