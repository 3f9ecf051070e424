/**
 * The loop with people in it, iterated: each round the current policy's replies are compared
 * (by simulated customers here; the web app's export is the same kind of file), the reward model
 * is trained again on everything collected so far, a method (PPO by default) improves the policy
 * against it, and the new policy is evaluated against the gold score.
 */
package org.rlhf4j.eval.iterate;
