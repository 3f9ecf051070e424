package org.rlhf4j.feedback.format;

import java.nio.file.Path;
import java.util.List;

/** What an export wrote, and every record it could not write with the reason. */
public record ExportResult(Path file, int written, List<ExportSkip> skipped) {
    public ExportResult {
        skipped = List.copyOf(skipped);
    }
}
