package org.rlhf4j.feedback.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.world.GoldSatisfaction;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;

class SupportAnnotatorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static SupportScore scores;

    @BeforeAll
    static void world() {
        scores = SupportScore.of(SupportWorld.seeded(7), Split.EVALUATION, 0, 300);
    }

    @Test
    void utilityIsTheGoldScore() {
        Ticket ticket = scores.tickets().get(0);
        String reply = scores.world().goodReply(ticket, scores.world().replyRandom(ticket, 0)).text();
        assertThat(scores.utility(new PromptResponse(SupportScore.prompt(ticket), " " + reply))).isEqualTo(GoldSatisfaction.score(ticket, reply));
    }

    @Test
    void rationalAnnotatorPrefersGoodRepliesOverPoorOnes() {
        SimulatedAnnotator rational = scores.annotator("sim-rational", AnnotatorConfig.defaults(), new SplittableRandom(1), CLOCK);
        List<ComparisonTask> pairs = scores.goodPoorPairs();
        long good = pairs.stream().filter(p -> rational.compare(p).orElseThrow().choice() == Choice.A).count();
        assertThat(good / (double) pairs.size()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void panelAgreementFallsAsTheNoiseRises() {
        List<Double> curve = PanelAgreementCurve.curve(scores, scores.loggedPairs());
        assertThat(curve.get(0)).isEqualTo(1.0); // everyone is the perfect teacher
        for (int i = 1; i < curve.size(); i++) assertThat(curve.get(i)).isLessThanOrEqualTo(curve.get(i - 1) + 0.01);
        assertThat(curve.get(curve.size() - 1)).isLessThan(curve.get(0) - 0.05);
    }

    @Test
    void panelRecordsAreAttributedPerAnnotatorAndDeterministic() {
        List<ComparisonTask> items = scores.loggedPairs().subList(0, 50);
        List<Comparison> first = Panel.support(scores, 3, 0.4, 11, CLOCK).compareAll(items);
        assertThat(first).isEqualTo(Panel.support(scores, 3, 0.4, 11, CLOCK).compareAll(items));
        assertThat(first).extracting(c -> c.attribution().annotator()).containsOnly("sim-1", "sim-2", "sim-3");
        assertThat(first).allSatisfy(c -> assertThat(c.attribution().metadata()).containsKey(Panel.ITEM_KEY));
        assertThat(first.size()).isLessThan(150); // skips at 0.4 / 4 = 10%
    }

    @Test
    void critiqueNamesTheWeakestTermAndCorrectsWithAGoodReply() {
        SimulatedAnnotator rational = scores.annotator("sim-critic", AnnotatorConfig.defaults(), new SplittableRandom(2), CLOCK);
        Ticket ticket = scores.tickets().get(3);
        Prompt prompt = SupportScore.prompt(ticket);
        String poor = "ok.";
        Critique critique = rational.critique(prompt, poor, scores.goodReplyCorrector()).orElseThrow();
        // "ok." has no topic word: relevance 0 and actionability 0 cost 0.25 each; relevance comes first
        assertThat(critique.critique()).startsWith("The reply's weakest point: relevance");
        assertThat(critique.correctedResponse()).isNotNull();
        assertThat(GoldSatisfaction.score(ticket, critique.correctedResponse())).isGreaterThan(GoldSatisfaction.score(ticket, poor));
    }

    @Test
    void rationalStarsAreTheRoundedGoldScore() {
        SimulatedAnnotator rational = scores.annotator("sim-rater", AnnotatorConfig.defaults(), new SplittableRandom(3), CLOCK);
        for (ComparisonTask pair : scores.loggedPairs().subList(0, 40)) {
            Ticket ticket = scores.ticket(pair.prompt());
            assertThat(rational.rate(pair.prompt(), pair.responseA()).orElseThrow().stars())
                    .isEqualTo((int) Math.round(GoldSatisfaction.score(ticket, pair.responseA())));
        }
    }

    /** Demonstrations are good replies: gold score >= 4.5 each, and a skipping annotator declines some. */
    @org.junit.jupiter.api.Test
    void demonstrationsAreGoodRepliesAndSkipsDecline() {
        SimulatedAnnotator writer = scores.annotator("sim-writer", AnnotatorConfig.defaults(), new SplittableRandom(3), CLOCK);
        for (int i = 0; i < 20; i++) {
            var ticket = scores.goodPoorPairs().get(i).prompt();
            var demo = writer.demonstrate(ticket, scores.replyWriter()).orElseThrow();
            assertThat(scores.utility(new PromptResponse(ticket, demo.response()))).isGreaterThanOrEqualTo(4.5);
            assertThat(demo.attribution().annotator()).isEqualTo("sim-writer");
        }
        SimulatedAnnotator skipper = scores.annotator("sim-skip", AnnotatorConfig.defaults().withSkipProbability(0.5), new SplittableRandom(4), CLOCK);
        long made = 0;
        for (int i = 0; i < 200; i++) made += skipper.demonstrate(scores.goodPoorPairs().get(i % 20).prompt(), scores.replyWriter()).isPresent() ? 1 : 0;
        assertThat(made).isBetween(70L, 130L);
    }
}
