package org.rlhf4j.feedback.format;

/** A record an exporter left out, and why (e.g. a tie has no chosen response to write). */
public record ExportSkip(String id, String reason) {
}
