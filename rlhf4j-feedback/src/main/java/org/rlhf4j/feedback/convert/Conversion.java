package org.rlhf4j.feedback.convert;

import java.util.List;

/** What a conversion made, and the report of what it counted and left out. */
public record Conversion<T>(List<T> items, ConversionReport report) {
    public Conversion {
        items = List.copyOf(items);
        if (report == null) throw new IllegalArgumentException("report must be set");
    }
}
