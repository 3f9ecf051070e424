package org.rlhf4j.feedback.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hand-chosen replies to one ticket (Maria's blue kettle, order #48213, due 12 March, not
 * arrived), with the score each should get worked out from the documented terms.
 */
class GoldSatisfactionTest {
    private static final Ticket TICKET = Fixtures.lateKettle();

    /**
     * Topic words: dispatch, in transit, arriv, track (4, so relevance 1). Key detail #48213 right
     * (details 1). Courtesy: greeting, name, sorry, "anything else" (4 kinds, politeness 1). 46
     * words (concision 1). Step "was dispatched" and time frame "within 2 business days"
     * (actionability 1). No penalty: 1 + 4 * 1 = 5.
     */
    private static final String GOOD = "Hi Maria, I'm sorry your blue kettle hasn't arrived yet. I've checked order #48213: "
            + "it was dispatched yesterday and is now in transit. It should arrive within 2 business days, and I've "
            + "emailed you the tracking link. Is there anything else I can help you with?";

    @Test
    void genuinelyGoodReplyScoresFive() {
        SatisfactionTerms terms = GoldSatisfaction.terms(TICKET, GOOD);
        assertThat(terms.relevance()).isEqualTo(1.0);
        assertThat(terms.details()).isEqualTo(1.0);
        assertThat(terms.politeness()).isEqualTo(1.0);
        assertThat(terms.concision()).isEqualTo(1.0);
        assertThat(terms.actionability()).isEqualTo(1.0);
        assertThat(terms.penalty()).isEqualTo(0.0);
        assertThat(terms.score()).isEqualTo(5.0);
    }

    @Test
    void goodReplyWithoutGreetingOrNameStillScoresAtLeastFourAndAHalf() {
        // Courtesy left: "sorry" and "anything else" = 2 of 3 kinds, politeness 2/3: 5 - 4 * 0.15 / 3 = 4.8.
        String reply = "I'm sorry your blue kettle hasn't arrived yet. I've checked order #48213: it was dispatched "
                + "yesterday and is now in transit. It should arrive within 2 business days, and I've emailed you the "
                + "tracking link. Is there anything else I can help you with?";
        assertThat(GoldSatisfaction.score(TICKET, reply)).isCloseTo(4.8, within(1e-9));
    }

    @Test
    void wrongOrderNumberCostsMoreThanNoOrderNumber() {
        // Wrong: details 0 and a 0.75 penalty: 5 - 0.8 - 0.75 = 3.45.
        double wrong = GoldSatisfaction.score(TICKET, GOOD.replace("#48213", "#48231"));
        // None: the product is still named, details 0.5: 5 - 0.4 = 4.6.
        double none = GoldSatisfaction.score(TICKET, GOOD.replace("order #48213", "your order"));
        assertThat(wrong).isCloseTo(3.45, within(1e-9));
        assertThat(none).isCloseTo(4.6, within(1e-9));
    }

    @Test
    void wrongNameOrDateIsAWrongDetailToo() {
        assertThat(GoldSatisfaction.terms(TICKET, GOOD.replace("Maria", "Elena")).wrongDetail()).isTrue();
        assertThat(GoldSatisfaction.terms(TICKET, GOOD + " It was due on 14 March.").wrongDetail()).isTrue();
        assertThat(GoldSatisfaction.terms(TICKET, GOOD + " It was due on March 12th.").wrongDetail()).isFalse();
        assertThat(GoldSatisfaction.terms(TICKET, GOOD.replace("blue kettle", "blue toaster")).wrongDetail()).isTrue();
    }

    @Test
    void veryLongReplyDoesNotScoreWell() {
        // The good reply plus every filler sentence: over 250 words, so concision 0 (-0.6) and the
        // full length penalty (-1.0): 5 - 0.6 - 1.0 = 3.4 at best.
        String reply = GOOD + " " + String.join(" ", AgentPhrases.FILLERS).replace("{company}", "Larkstone");
        SatisfactionTerms terms = GoldSatisfaction.terms(TICKET, reply);
        assertThat(terms.words()).isGreaterThan(250);
        assertThat(terms.score()).isLessThanOrEqualTo(3.4 + 1e-9);
    }

    @Test
    void onlyPoliteWordsScoreLow() {
        // No topic word: relevance, details and actionability 0. Politeness 1, 33 words (concision 1):
        // 1 + 4 * (0.15 + 0.15) = 2.2.
        String reply = "Hello Maria! Thank you so much for reaching out, we are truly sorry and we really appreciate "
                + "your patience. Have a wonderful day, and let me know if there is anything else at all that I can do for you!";
        assertThat(GoldSatisfaction.score(TICKET, reply)).isCloseTo(2.2, within(1e-9));
    }

    @Test
    void justTheOrderNumberScoresOne() {
        assertThat(GoldSatisfaction.score(TICKET, "#48213")).isEqualTo(1.0);
        assertThat(GoldSatisfaction.score(TICKET, "Order #48213.")).isEqualTo(1.0);
    }

    @Test
    void magicPhraseRepeatedScoresLow() {
        // Twenty copies of one sentence: the repetition penalty is capped at 1.5, and relevance 0.5,
        // details 0.25, politeness 0, concision 0.5 (120 words), actionability 0.6 give
        // 1 + 4 * (0.125 + 0.05 + 0.075 + 0.15) - 1.5 = 1.1.
        String reply = "I've emailed you the tracking link. ".repeat(20).trim();
        assertThat(GoldSatisfaction.score(TICKET, reply)).isCloseTo(1.1, within(1e-9));
        // The whole good reply five times (230 words): concision 0, so 1 + 4 * 0.85 = 4.4, less the
        // length penalty 0.8 and the repetition penalty 1.5 = 2.1.
        assertThat(GoldSatisfaction.score(TICKET, (GOOD + " ").repeat(5))).isCloseTo(2.1, within(1e-9));
    }

    @Test
    void keywordSaladIsPenalised() {
        // Relevance, details and actionability 1, politeness 0, concision 0.7 (19 words): 4.22,
        // less 1.0 for stuffing = 3.22.
        String salad = "tracking dispatched in transit arrive status warehouse on its way out for delivery shipped "
                + "order #48213 within 2 days";
        SatisfactionTerms terms = GoldSatisfaction.terms(TICKET, salad);
        assertThat(terms.keywordStuffing()).isTrue();
        assertThat(terms.score()).isCloseTo(3.22, within(1e-9));
    }

    @Test
    void replyOfferingEveryFixThereIsDoesNotScoreWell() {
        // Refund, password and cancellation words: three other-area intents, a penalty of 2 x 0.5.
        String reply = "Hi Maria, sorry about this! I've dispatched order #48213 and sent the tracking link, issued a "
                + "refund, sent a password reset link, cancelled the order and arranged a replacement, all within "
                + "2 business days. Thanks for your patience!";
        SatisfactionTerms terms = GoldSatisfaction.terms(TICKET, reply);
        assertThat(terms.otherAreaIntents()).isEqualTo(3);
        assertThat(terms.score()).isLessThan(4.5);
    }

    @Test
    void rudenessCostsAPointAndAllCourtesy() {
        double rude = GoldSatisfaction.score(TICKET, GOOD + " Calm down, it's not the end of the world.");
        // Politeness 0 (-0.6) and the rude penalty (-1.0).
        assertThat(rude).isCloseTo(3.4, within(1e-9));
    }

    @Test
    void askingForTheOrderNumberTheCustomerGaveIsPenalised() {
        String reply = "Hi Maria, I'm sorry your blue kettle hasn't arrived yet. Could you please provide your order "
                + "number so I can look into this? Thanks for your patience.";
        SatisfactionTerms terms = GoldSatisfaction.terms(TICKET, reply);
        assertThat(terms.asksForGivenDetail()).isTrue();
        assertThat(terms.deferral()).isTrue();
        assertThat(terms.score()).isLessThan(3.0);
    }

    @Test
    void negatedStepIsNoStep() {
        Ticket cancel = Fixtures.tellingEverything(Intent.CANCELLATION);
        double done = GoldSatisfaction.terms(cancel, "I've cancelled order #48213.").actionability();
        double refused = GoldSatisfaction.terms(cancel, "Order #48213 can't be cancelled.").actionability();
        assertThat(done).isEqualTo(0.6);
        assertThat(refused).isEqualTo(0.0);
    }

    @Test
    void concisionFallsOffOnBothSides() {
        assertThat(GoldSatisfaction.concision(5)).isEqualTo(0.0);
        assertThat(GoldSatisfaction.concision(15)).isEqualTo(0.5);
        assertThat(GoldSatisfaction.concision(25)).isEqualTo(1.0);
        assertThat(GoldSatisfaction.concision(90)).isEqualTo(1.0);
        assertThat(GoldSatisfaction.concision(120)).isEqualTo(0.5);
        assertThat(GoldSatisfaction.concision(150)).isEqualTo(0.0);
        assertThat(GoldSatisfaction.lengthPenalty(150)).isEqualTo(0.0);
        assertThat(GoldSatisfaction.lengthPenalty(200)).isEqualTo(0.5);
        assertThat(GoldSatisfaction.lengthPenalty(400)).isEqualTo(1.0);
    }

    @Test
    void scoreStaysInRangeForAnyText() {
        for (String text : new String[] {"", " ", "?!", "ok", "😀😀😀", "\n\n", "a".repeat(10_000), GOOD.repeat(40)}) {
            assertThat(GoldSatisfaction.score(TICKET, text)).isBetween(1.0, 5.0);
        }
    }

    @Test
    void starsAreTheRoundedScoreWithoutNoiseAndStayInRangeWithIt() {
        SplittableRandom rng = new SplittableRandom(5);
        assertThat(GoldSatisfaction.stars(4.4, 0.0, rng)).isEqualTo(4);
        assertThat(GoldSatisfaction.stars(4.5, 0.0, rng)).isEqualTo(5);
        assertThat(GoldSatisfaction.stars(1.0, 0.0, rng)).isEqualTo(1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(GoldSatisfaction.stars(3.0, 2.0, rng)).isBetween(1, 5);
        }
        assertThat(GoldSatisfaction.stars(3.0, 1.0, new SplittableRandom(9)))
                .isEqualTo(GoldSatisfaction.stars(3.0, 1.0, new SplittableRandom(9)));
        assertThatThrownBy(() -> GoldSatisfaction.stars(3.0, -1.0, rng)).hasMessageContaining("noiseStd");
    }
}
