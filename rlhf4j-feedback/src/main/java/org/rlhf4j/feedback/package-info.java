/**
 * People's judgements of model outputs, in every form the field uses: pairwise
 * {@link org.rlhf4j.feedback.Comparison}s (with tie and both-bad), star
 * {@link org.rlhf4j.feedback.Rating}s, {@link org.rlhf4j.feedback.Ranking}s of several responses,
 * {@link org.rlhf4j.feedback.Critique}s (a written critique and optionally a corrected response),
 * and {@link org.rlhf4j.feedback.Demonstration}s for supervised fine-tuning. Records are
 * immutable and check their own invariants (a field that is missing, empty or out of range is an
 * {@code IllegalArgumentException} naming the field); judgements about data quality, such as two
 * identical responses, belong to validation, because real data sets contain them.
 */
package org.rlhf4j.feedback;
