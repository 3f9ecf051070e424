package org.rlhf4j.eval.iterate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How {@code rlhf4j iterate} runs. {@link #defaults()} is the only place defaults live.
 *
 * @param rounds          rounds of feedback, reward model and policy improvement
 * @param method          the policy-improvement method of every round (a name {@code AlignmentMethods} knows; not best-of-n, which trains nothing)
 * @param policyTickets   RL-split tickets per round on which the panel compares the current policy's replies (fresh tickets each round)
 * @param firstTicket     the first RL-split ticket round 1 uses (after those the initial feedback used)
 * @param policyReplies   replies sampled per ticket; every pair is compared
 * @param rlTickets       RL-split tickets the method samples prompts from
 * @param rlSteps         the method's steps per round where it counts them (0: its default)
 * @param evalTickets     evaluation tickets the policy is evaluated on after every round (with gold)
 * @param maxNewTokens    longest reply sampled for feedback and evaluation
 * @param annotators      simulated customers on the panel
 * @param noise           their noise
 * @param seed            root seed; round r uses seed + r
 */
public record IterateConfig(
        @JsonProperty("rounds") int rounds,
        @JsonProperty("method") String method,
        @JsonProperty("policy_tickets") int policyTickets,
        @JsonProperty("first_ticket") long firstTicket,
        @JsonProperty("policy_replies") int policyReplies,
        @JsonProperty("rl_tickets") int rlTickets,
        @JsonProperty("rl_steps") int rlSteps,
        @JsonProperty("eval_tickets") int evalTickets,
        @JsonProperty("max_new_tokens") int maxNewTokens,
        @JsonProperty("annotators") int annotators,
        @JsonProperty("noise") double noise,
        @JsonProperty("seed") long seed) {

    public IterateConfig {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        if (method == null || method.isBlank()) throw new IllegalArgumentException("method must be set (e.g. ppo)");
        if (method.equals("best-of-n") || method.equals("sft")) throw new IllegalArgumentException("method " + method + " trains nothing; iterate needs one that changes the policy (e.g. ppo, rsft)");
        if (policyTickets < 1) throw new IllegalArgumentException("policy_tickets must be >= 1, got " + policyTickets);
        if (firstTicket < 0) throw new IllegalArgumentException("first_ticket must be >= 0, got " + firstTicket);
        if (policyReplies < 2) throw new IllegalArgumentException("policy_replies must be >= 2, got " + policyReplies);
        if (rlTickets < 1) throw new IllegalArgumentException("rl_tickets must be >= 1, got " + rlTickets);
        if (rlSteps < 0) throw new IllegalArgumentException("rl_steps must be >= 0 (0 = the method's default), got " + rlSteps);
        if (evalTickets < 1) throw new IllegalArgumentException("eval_tickets must be >= 1, got " + evalTickets);
        if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        if (annotators < 1) throw new IllegalArgumentException("annotators must be >= 1, got " + annotators);
        if (!(noise >= 0 && noise <= 1)) throw new IllegalArgumentException("noise must be in [0, 1], got " + noise);
    }

    /**
     * Three rounds of PPO (40 steps each, as the demo runs it), 1000 fresh tickets of comparisons
     * of the policy's replies per round from ticket 3000 on (the demo's feedback used 0-2999),
     * evaluated on 160 unseen tickets.
     */
    public static IterateConfig defaults() {
        return new IterateConfig(3, "ppo", 1000, 3000, 2, 2000, 40, 160, 96, 5, 0.2, 1234L);
    }
}
