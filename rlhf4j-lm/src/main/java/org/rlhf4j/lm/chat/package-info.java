/**
 * How a conversation becomes tokens: {@link org.rlhf4j.lm.chat.ChatTemplate} renders a feedback
 * {@link org.rlhf4j.feedback.Prompt} and a response with role markers or role labels, keeping the
 * prompt and response token spans apart so that SFT can take its loss on the response only and a
 * reward model can read the response's last token. SFT, reward models and RL share one template
 * per model; it is saved with the model.
 */
package org.rlhf4j.lm.chat;
