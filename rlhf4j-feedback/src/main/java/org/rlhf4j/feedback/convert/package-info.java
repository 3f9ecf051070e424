/**
 * What trainers need from feedback, as pure functions: {@link org.rlhf4j.feedback.convert.PreferencePairs}
 * turns comparisons, rankings (all K(K-1)/2 pairs, as in InstructGPT, Ouyang et al. 2022,
 * arXiv:2203.02155), ratings of the same prompt and corrected critiques into
 * {@link org.rlhf4j.feedback.convert.PreferencePair}s with Bradley-Terry margins, and corrected
 * critiques into demonstrations for SFT. Nothing is dropped silently: ties, both-bad judgements and
 * records that give no pair are counted in a {@link org.rlhf4j.feedback.convert.ConversionReport}.
 */
package org.rlhf4j.feedback.convert;
