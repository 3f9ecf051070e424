package org.rlhf4j.feedback.world;

/**
 * What {@link GoldSatisfaction} saw in a reply: the five terms in [0, 1], the penalties, and the
 * score. Reports and tests read it to explain a score.
 *
 * @param relevance own-intent topic words, two distinct ones for 1
 * @param details 1 key detail right, 0.5 only other details (product, date) right, 0.25 none, 0 any wrong
 * @param politeness kinds of courtesy, three for 1; 0 when rude
 * @param concision 1 for 25 to 90 words, falling to 0 at 5 and at 150
 * @param actionability 0.6 for a concrete step on the intent plus 0.4 for a time frame
 * @param wrongDetail a wrong order number, amount, e-mail, date, name or product was stated
 * @param rude a rude phrase was used
 * @param asksForGivenDetail asks the customer for a detail their message already gave
 * @param deferral passes the request on without any concrete step
 * @param repetition penalty for repeated sentences or a handful of words said over and over
 * @param keywordStuffing over 40% of the words (twelve or more) sit inside topic or action phrases
 * @param otherAreaIntents intents of other areas whose topic words appear
 * @param words number of words
 * @param penalty sum of the penalties subtracted from the weighted terms
 * @param score the satisfaction in [1, 5]
 */
public record SatisfactionTerms(double relevance, double details, double politeness, double concision,
                                double actionability, boolean wrongDetail, boolean rude, boolean asksForGivenDetail,
                                boolean deferral, double repetition, boolean keywordStuffing, int otherAreaIntents, int words,
                                double penalty, double score) {
}
