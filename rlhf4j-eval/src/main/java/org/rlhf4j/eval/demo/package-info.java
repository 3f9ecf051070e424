/**
 * The embedded demo's whole loop as a library: {@link org.rlhf4j.eval.demo.SupportDemo} runs
 * pretraining, simulated feedback, SFT, the reward model, PPO and the evaluations with the
 * support world's gold score, sized by {@link org.rlhf4j.eval.demo.DemoConfig}. {@code rlhf4j demo}
 * is a thin adapter over it.
 */
package org.rlhf4j.eval.demo;
