/**
 * Simulated people: annotators built from any scoring function, with the knobs research uses for
 * imperfect teachers (B-Pref, Lee et al. 2021, arXiv:2111.03026: "equal", "myopic", "mistake",
 * "skip" and "stochastic" teachers), generalising the CartPole example's
 * {@code human_feedback(observation)}.
 *
 * <ul>
 *   <li>{@link org.rlhf4j.feedback.simulate.ScoreFunction}: the hidden utility of what is judged;
 *       {@link org.rlhf4j.feedback.simulate.SupportScore} adapts the support world's
 *       {@code GoldSatisfaction} (utility on the 1-5 star scale).</li>
 *   <li>{@link org.rlhf4j.feedback.simulate.AnnotatorConfig}: temperature, mistakes, skips, tie and
 *       both-bad thresholds, myopia, skim-reading, length bias, rating noise.</li>
 *   <li>{@link org.rlhf4j.feedback.simulate.Teacher}: the noisy decisions over any item type
 *       (text, trajectories of per-step rewards).</li>
 *   <li>{@link org.rlhf4j.feedback.simulate.SimulatedAnnotator}: a teacher of text that writes
 *       every feedback record (comparison, rating, ranking, critique), attributed with source
 *       {@code simulated}.</li>
 *   <li>{@link org.rlhf4j.feedback.simulate.Panel}: several annotators judging the same items, for
 *       agreement statistics.</li>
 * </ul>
 *
 * <p>Everything is deterministic given a seed: each annotator owns a {@link java.util.SplittableRandom};
 * annotators are therefore not thread-safe (give each thread its own).
 */
package org.rlhf4j.feedback.simulate;
