/**
 * Feedback as a function of the state: a {@link org.rlhf4j.control.feedback.FeedbackFunction}
 * scores the state a step reached and {@link org.rlhf4j.control.feedback.RewardShaping} adds the
 * score to, or puts it in place of, the environment's reward (reward shaping, Ng, Harada and
 * Russell 1999). {@link org.rlhf4j.control.feedback.CartPoleFeedback#documents()} is the project
 * documents' CartPole function: -1 when the pole leans beyond 0.05 rad, -1 when the cart is beyond
 * 0.5 m. Learners report the true and the shaped return side by side. Rewards learned from
 * people's comparisons of trajectory segments (Christiano et al. 2017) build on the same hook.
 */
package org.rlhf4j.control.feedback;
