package org.rlhf4j.feedback;

import java.time.Instant;
import java.util.Map;

/**
 * Who gave a piece of feedback, when, and where it came from. Every field but {@code metadata}
 * may be null when unknown (imported data sets often name no annotator or time).
 *
 * @param annotator an annotator's id (a person, a simulated annotator, an AI judge)
 * @param time      when the judgement was given
 * @param source    where the record came from, e.g. {@code hh-rlhf/helpful-online}, {@code web}, {@code simulated}
 * @param metadata  free-form key/value pairs kept as they are
 */
public record Attribution(String annotator, Instant time, String source, Map<String, String> metadata) {
    public Attribution {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (annotator != null && annotator.isBlank()) throw new IllegalArgumentException("annotator must not be blank (leave it out when unknown)");
        if (source != null && source.isBlank()) throw new IllegalArgumentException("source must not be blank (leave it out when unknown)");
    }

    public static Attribution none() {
        return new Attribution(null, null, null, Map.of());
    }

    public static Attribution of(String annotator, Instant time, String source) {
        return new Attribution(annotator, time, source, Map.of());
    }

    public static Attribution source(String source) {
        return new Attribution(null, null, source, Map.of());
    }
}
