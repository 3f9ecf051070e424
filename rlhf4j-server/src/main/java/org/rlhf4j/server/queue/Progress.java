package org.rlhf4j.server.queue;

/**
 * @param yourAnswers items this annotator answered or skipped in the project
 * @param items       items in the project
 * @param open        ordinary items still short of their overlap, plus honeypots this annotator has not seen
 */
public record Progress(long yourAnswers, long items, long open) {
}
