/**
 * The support-assistant world: rlhf4j's embedded demo domain, generated deterministically from a
 * seed.
 *
 * <p>Customers of an online shop write in about orders, refunds, passwords, deliveries,
 * cancellations, damaged items, account e-mail changes and double charges, always with concrete
 * details (order numbers, products, dates, amounts, e-mail addresses). Agents answer them the way
 * real support logs do: some replies are relevant, correct, polite, concise and actionable; many
 * are not (off-topic, wrong order number, curt or rude, rambling, boilerplate, asking again for
 * what the customer already said). Each generated {@link org.rlhf4j.feedback.world.Reply} keeps
 * the hidden quality attributes it was written with.
 *
 * <p>Where it sits in the pipeline: {@link org.rlhf4j.feedback.world.PretrainingCorpus} feeds
 * tokenizer training and pretraining, {@link org.rlhf4j.feedback.world.SupportDatasets} gives SFT
 * demonstrations, RL prompts and held-out evaluation prompts, and
 * {@link org.rlhf4j.feedback.world.GoldSatisfaction} is the hidden customer-satisfaction score that
 * simulated customers give feedback from and that tells whether RLHF really helped (the policy
 * only ever sees a learned reward model). The RLHF framing follows Ouyang et al. 2022, "Training
 * language models to follow instructions with human feedback" (arXiv:2203.02155); the gold score
 * plays the role of the "gold reward model" in Gao et al. 2022, "Scaling Laws for Reward Model
 * Overoptimization" (arXiv:2210.10760). See {@code docs/support-world.md}.
 */
package org.rlhf4j.feedback.world;
