/**
 * Feedback on disk: {@link org.rlhf4j.feedback.store.FeedbackCodec} turns one record into one line
 * of versioned JSON, and {@link org.rlhf4j.feedback.store.FeedbackStore} keeps an append-only JSON
 * Lines file of them that survives crashes (a batch is forced to disk before append returns) and
 * reads back everything valid while reporting every bad line by file, line and field. Bad input
 * is reported, never silently dropped: a reader gets a
 * {@link org.rlhf4j.feedback.store.ReadResult} with the records and the
 * {@link org.rlhf4j.feedback.store.Problem}s.
 */
package org.rlhf4j.feedback.store;
