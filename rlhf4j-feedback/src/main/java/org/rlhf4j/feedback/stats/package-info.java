/**
 * Statistics of collected feedback: {@link org.rlhf4j.feedback.stats.Agreement} holds the
 * inter-annotator agreement coefficients as pure functions (Cohen 1960; Fleiss 1971;
 * Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"; Kendall's tau-b), and
 * {@link org.rlhf4j.feedback.stats.FeedbackStats} summarises a stream of feedback records in
 * bounded memory (counts, tie rate, length distributions, length bias, annotators, agreement where
 * items overlap) for the CLI's {@code stats} output. It sits after collection and import and
 * before reward-model training: it says whether the data are worth training on.
 */
package org.rlhf4j.feedback.stats;
