package org.rlhf4j.server.queue;

/**
 * An answer row: {@code answerJson} is null and {@code skipReason} set for a skipped item.
 * {@code leasedAtMillis} to {@code answeredAtMillis} is the time the annotator spent.
 */
public record StoredAnswer(long id, long itemId, long userId, String username, String answerJson, String skipReason, long leasedAtMillis, long answeredAtMillis) {
    public boolean skipped() {
        return answerJson == null;
    }
}
