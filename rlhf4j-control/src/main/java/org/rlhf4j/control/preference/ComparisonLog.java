package org.rlhf4j.control.preference;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends every answered query to a JSON Lines file as it comes, flushed line by line, so that a
 * person's labels survive a crash: {@code label} (0-based question number), {@code preference_for_a}
 * (1, 0.5 or 0) and the two clips with their episode, start, real steps, true return,
 * observations and actions.
 */
public final class ComparisonLog implements Closeable {
    public static final String FILE_NAME = "comparisons.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    public ComparisonLog(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public void append(Comparison c) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("label", c.labelIndex());
        line.put("preference_for_a", c.preferenceForA());
        line.put("a", clip(c.a()));
        line.put("b", clip(c.b()));
        out.write(JSON.writeValueAsString(line));
        out.newLine();
        out.flush();
    }

    private static Map<String, Object> clip(Segment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("episode", s.episode());
        m.put("start", s.start());
        m.put("length", s.length());
        m.put("real_steps", s.realSteps());
        m.put("true_return", s.trueReturn());
        m.put("observations", s.observations());
        m.put("actions", s.actions());
        return m;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
