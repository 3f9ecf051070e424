package org.rlhf4j.align.reward;

import java.util.List;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.GoldSatisfaction;
import org.rlhf4j.feedback.world.SatisfactionTerms;

/**
 * The support world's gold customer satisfaction (1-5) as a reward function, for evaluation and
 * for experiments that optimise the truth directly. Knows the tickets it was made with.
 */
public final class SupportGoldReward implements RewardFunction {
    private final SupportScore tickets;

    public SupportGoldReward(SupportScore tickets) {
        this.tickets = tickets;
    }

    @Override
    public double[] score(List<Prompt> prompts, List<String> responses) {
        check(prompts, responses);
        double[] out = new double[prompts.size()];
        for (int i = 0; i < out.length; i++) out[i] = GoldSatisfaction.score(tickets.ticket(prompts.get(i)), responses.get(i).strip());
        return out;
    }

    /** The score's terms (relevance, details, wrong detail, ...) of one reply. */
    public SatisfactionTerms terms(Prompt prompt, String response) {
        return GoldSatisfaction.terms(tickets.ticket(prompt), response.strip());
    }

    static void check(List<Prompt> prompts, List<String> responses) {
        if (prompts.size() != responses.size()) throw new IllegalArgumentException("got " + prompts.size() + " prompts but " + responses.size() + " responses");
    }
}
