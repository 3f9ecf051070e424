package org.rlhf4j.feedback.simulate;

import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.feedback.world.GoldSatisfaction;
import org.rlhf4j.feedback.world.SatisfactionTerms;

/**
 * Template critiques from the gold satisfaction terms. The weakest term is the one that costs the
 * most score, weight * (1 - term) (weights 0.25 relevance, 0.20 details, 0.15 politeness, 0.15
 * concision, 0.25 actionability); the penalties that applied follow in a second sentence.
 */
final class SupportCritique {
    private SupportCritique() {
    }

    static String text(SatisfactionTerms t) {
        String weakest = weakest(t);
        List<String> faults = faults(t);
        if (weakest == null && faults.isEmpty()) return "A good reply: relevant, correct, polite, concise and actionable.";
        String first = weakest == null ? "" : "The reply's weakest point: " + weakest + ".";
        String second = faults.isEmpty() ? "" : (weakest == null ? "The reply " : " It also ") + String.join(", ", faults) + ".";
        return first + second;
    }

    /** The term with the largest weight * (1 - value), or null when every term is full. */
    static String weakest(SatisfactionTerms t) {
        double[] losses = {
                GoldSatisfaction.RELEVANCE_WEIGHT * (1 - t.relevance()),
                GoldSatisfaction.DETAIL_WEIGHT * (1 - t.details()),
                GoldSatisfaction.POLITENESS_WEIGHT * (1 - t.politeness()),
                GoldSatisfaction.CONCISION_WEIGHT * (1 - t.concision()),
                GoldSatisfaction.ACTIONABILITY_WEIGHT * (1 - t.actionability())};
        String[] advice = {
                "relevance, it does not address what the customer asked about",
                "details, it does not repeat the customer's order number, amount or e-mail correctly",
                "politeness, it should greet the customer by name and apologise or thank them",
                "concision, it should be 25 to 90 words long",
                "actionability, it does not say what was done and when the customer will see the result"};
        int worst = 0;
        for (int i = 1; i < losses.length; i++) if (losses[i] > losses[worst]) worst = i;
        return losses[worst] > 1e-9 ? advice[worst] : null;
    }

    private static List<String> faults(SatisfactionTerms t) {
        List<String> faults = new ArrayList<>();
        if (t.wrongDetail()) faults.add("states a wrong detail");
        if (t.rude()) faults.add("is rude");
        if (t.asksForGivenDetail()) faults.add("asks again for a detail the customer gave");
        if (t.deferral()) faults.add("passes the request on without a concrete step");
        if (t.repetition() > 0) faults.add("repeats itself");
        if (t.keywordStuffing()) faults.add("stuffs keywords");
        if (t.otherAreaIntents() > 1) faults.add("wanders into unrelated topics");
        return faults;
    }
}
