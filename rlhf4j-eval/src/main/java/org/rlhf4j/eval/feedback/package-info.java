/**
 * Feedback on a policy's own replies: samples from a checkpoint compared by the support world's
 * simulated customers (InstructGPT's labellers compared the model's completions, not logged
 * replies), the next round of the loop. Sampling needs {@code rlhf4j-lm}, which
 * {@code rlhf4j-feedback} cannot depend on, so it lives here.
 */
package org.rlhf4j.eval.feedback;
