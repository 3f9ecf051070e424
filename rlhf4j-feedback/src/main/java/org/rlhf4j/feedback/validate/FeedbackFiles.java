package org.rlhf4j.feedback.validate;

import org.rlhf4j.feedback.LineProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.format.AlpacaReader;
import org.rlhf4j.feedback.format.FeedbackFormat;
import org.rlhf4j.feedback.format.FormatDetector;
import org.rlhf4j.feedback.format.HhRlhfReader;
import org.rlhf4j.feedback.format.ImportResult;
import org.rlhf4j.feedback.format.TrlPreferenceReader;
import org.rlhf4j.feedback.store.FeedbackCodec;
import org.rlhf4j.feedback.store.FeedbackFormatException;

/**
 * Reads a feedback file in any format rlhf4j knows: its own store format (lines with
 * {@code "schema"} and {@code "type"}), Anthropic HH-RLHF, TRL preference data, Alpaca and
 * Self-Instruct seed tasks. (TRL unpaired/KTO examples are not judgements of a pair or a rating
 * and are read with {@code UnpairedReader} instead.)
 */
public final class FeedbackFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE_IN_ID = Pattern.compile(":(\\d+)(#\\d+)?$");

    private FeedbackFiles() {}

    /** A file's valid records (with the line each came from) and its issues. */
    public record Loaded(Path file, String format, List<Feedback> records, List<Long> lines, List<LineProblem> issues) {}

    public static Loaded read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserError(file + ": not found");
        if (isStoreFormat(file)) return readStore(file);
        FeedbackFormat format = FormatDetector.detect(file);
        ImportResult<? extends Feedback> result = switch (format) {
            case HH_RLHF -> HhRlhfReader.read(file);
            case TRL_PREFERENCE, TRL_IMPLICIT_PREFERENCE -> TrlPreferenceReader.read(file);
            case ALPACA -> AlpacaReader.read(file);
            case SELF_INSTRUCT_SEED -> AlpacaReader.readSeedTasks(file);
            case TRL_UNPAIRED -> throw new UserError(file + ": TRL unpaired (KTO) examples are not comparisons or ratings; convert them with 'rlhf4j data convert'");
        };
        List<Feedback> records = new ArrayList<>(result.records());
        List<Long> lines = new ArrayList<>();
        for (Feedback f : records) lines.add(lineOf(f.id()));
        List<LineProblem> issues = new ArrayList<>();
        for (LineProblem p : result.problems()) issues.add(new LineProblem(p.file(), p.line(), p.field(), p.message()));
        return new Loaded(file, format.name().toLowerCase(), records, lines, issues);
    }

    /**
     * The valid records of several files, for training: each file's problems are passed to
     * {@code warn} as one summary line plus its first three {@code file:line: field: reason} lines
     * (the records on those lines are left out; {@code rlhf4j data validate} lists them all).
     */
    public static List<Feedback> readAll(List<Path> files, java.util.function.Consumer<String> warn) {
        List<Feedback> all = new ArrayList<>();
        for (Path f : files) {
            Loaded l = read(f);
            all.addAll(l.records());
            if (!l.issues().isEmpty()) {
                warn.accept(f + ": " + l.issues().size() + " line(s) could not be used (run `rlhf4j data validate " + f + "` for all of them):");
                for (LineProblem p : l.issues().subList(0, Math.min(3, l.issues().size()))) warn.accept("  " + p);
            }
        }
        return all;
    }

    /** The line number importers put at the end of record ids ({@code source:17} or {@code source:17#2}); 0 if none. */
    static long lineOf(String id) {
        Matcher m = LINE_IN_ID.matcher(id);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** True when the file holds rlhf4j store lines (its first record has "schema" and "type"). */
    public static boolean isStoreFormat(Path file) {
        try (InputStream in = new BufferedInputStream(openBytes(file))) {
            // The first non-blank line only, decoded leniently: a bad byte further on is that line's problem, not the format's.
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && first.size() < (1 << 20)) {
                if (b != '\n') {
                    first.write(b);
                } else if (!first.toString(StandardCharsets.UTF_8).isBlank()) {
                    break;
                } else {
                    first.reset();
                }
            }
            JsonNode n = JSON.readTree(first.toString(StandardCharsets.UTF_8));
            return n != null && n.isObject() && n.has("schema") && n.has("type");
        } catch (IOException e) {
            return false; // not JSON on its first line: let the format detector say what it expected
        }
    }

    private static Loaded readStore(Path file) {
        List<Feedback> records = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<LineProblem> issues = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(openBytes(file))) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            long number = 0;
            int b;
            boolean more = true;
            while (more) {
                b = in.read();
                if (b != '\n' && b != -1) {
                    buffer.write(b);
                    continue;
                }
                more = b != -1;
                if (!more && buffer.size() == 0) break;
                number++;
                decodeLine(file, number, buffer.toByteArray(), records, lines, issues);
                buffer.reset();
            }
        } catch (IOException e) {
            issues.add(new LineProblem(file, 0, null, "could not be read to the end: " + e.getMessage()));
        }
        return new Loaded(file, "rlhf4j", records, lines, issues);
    }

    /** One line: invalid UTF-8 or a bad record is an issue of that line only. */
    private static void decodeLine(Path file, long number, byte[] bytes, List<Feedback> records, List<Long> lines, List<LineProblem> issues) {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            issues.add(new LineProblem(file, number, null, "not valid UTF-8"));
            return;
        }
        if (line.isBlank()) return;
        try {
            records.add(FeedbackCodec.decode(line));
            lines.add(number);
        } catch (FeedbackFormatException e) {
            issues.add(new LineProblem(file, number, e.field(), e.detail()));
        }
    }

    private static InputStream openBytes(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    }

    /** Copies the lines whose numbers {@code wanted} accepts (1-based) from {@code file} (gzip aware) to a list. */
    public static List<String> lines(Path file, LongPredicate wanted) {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = open(file)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                if (wanted.test(++number)) out.add(line);
            }
        } catch (IOException e) {
            // A file that cannot be read to the end still gives the lines before the problem.
        }
        return out;
    }

    static BufferedReader open(Path file) throws IOException {
        try {
            var raw = Files.newInputStream(file);
            var stream = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": not found");
        }
    }
}
