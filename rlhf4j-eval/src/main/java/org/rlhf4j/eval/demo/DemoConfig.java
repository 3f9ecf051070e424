package org.rlhf4j.eval.demo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The embedded demo's loop, sized to finish in under 10 minutes on 2 cores. {@link #defaults()}
 * is the only place its numbers live; {@code rlhf4j demo} derives its options from this record.
 *
 * @param seed              the world's and every stage's seed
 * @param corpusBytes       size of the generated pretraining corpus
 * @param pretrainSteps     pretraining steps (0: the embedded recipe's)
 * @param samples           held-out prompts the pretrained model answers in the log
 * @param demonstrations    SFT-split tickets the simulated customers write demonstrations for
 * @param sftEpochs         passes of SFT over them
 * @param comparisons       RL-split tickets on which they compare two logged replies
 * @param policyComparisons further RL-split tickets on which they compare two replies sampled from
 *                          the SFT policy (0: none), so the reward model also sees the policy's own
 *                          mistakes, as InstructGPT's labellers compared the model's completions
 * @param heldOutTickets    evaluation tickets for the reward model's gold check
 * @param annotators        simulated customers in the panel
 * @param noise             their rating noise
 * @param method            the last stage's method, one of {@code AlignmentMethods.names()}: {@code ppo} (the
 *                          documents' RLHF), {@code dpo}, {@code grpo}, {@code rloo}, ...
 * @param rlTickets         RL-split tickets online methods sample prompts from
 * @param evalTickets       evaluation tickets the policy is evaluated on before and after (with the gold score)
 * @param rlSteps           the method's steps where it counts them (0: skip the stage)
 */
public record DemoConfig(
        @JsonProperty("seed") long seed,
        @JsonProperty("corpus_bytes") long corpusBytes,
        @JsonProperty("pretrain_steps") int pretrainSteps,
        @JsonProperty("samples") int samples,
        @JsonProperty("demonstrations") int demonstrations,
        @JsonProperty("sft_epochs") int sftEpochs,
        @JsonProperty("comparisons") int comparisons,
        @JsonProperty("policy_comparisons") int policyComparisons,
        @JsonProperty("held_out_tickets") int heldOutTickets,
        @JsonProperty("annotators") int annotators,
        @JsonProperty("noise") double noise,
        @JsonProperty("method") String method,
        @JsonProperty("rl_tickets") int rlTickets,
        @JsonProperty("eval_tickets") int evalTickets,
        @JsonProperty("rl_steps") int rlSteps) {

    public DemoConfig {
        if (corpusBytes < 10_000) throw new IllegalArgumentException("corpus_bytes must be >= 10000, got " + corpusBytes);
        if (pretrainSteps < 0) throw new IllegalArgumentException("pretrain_steps must be >= 0 (0 = the recipe's), got " + pretrainSteps);
        if (samples < 0) throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        if (demonstrations < 2) throw new IllegalArgumentException("demonstrations must be >= 2, got " + demonstrations);
        if (sftEpochs < 1) throw new IllegalArgumentException("sft_epochs must be >= 1, got " + sftEpochs);
        if (comparisons < 2) throw new IllegalArgumentException("comparisons must be >= 2, got " + comparisons);
        if (policyComparisons < 0) throw new IllegalArgumentException("policy_comparisons must be >= 0, got " + policyComparisons);
        if (heldOutTickets < 1) throw new IllegalArgumentException("held_out_tickets must be >= 1, got " + heldOutTickets);
        if (annotators < 1) throw new IllegalArgumentException("annotators must be >= 1, got " + annotators);
        if (!(noise >= 0) || Double.isInfinite(noise)) throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        if (method == null || method.isBlank()) throw new IllegalArgumentException("method must be set (e.g. ppo)");
        if (rlTickets < 1) throw new IllegalArgumentException("rl_tickets must be >= 1, got " + rlTickets);
        if (evalTickets < 0) throw new IllegalArgumentException("eval_tickets must be >= 0, got " + evalTickets);
        if (rlSteps < 0) throw new IllegalArgumentException("rl_steps must be >= 0 (0 = skip the stage), got " + rlSteps);
    }

    public static DemoConfig defaults() {
        return new DemoConfig(1234, 3_000_000, 0, 4, 1500, 1, 2000, 1000, 500, 5, 0.2, "ppo", 2000, 160, 40);
    }
}
