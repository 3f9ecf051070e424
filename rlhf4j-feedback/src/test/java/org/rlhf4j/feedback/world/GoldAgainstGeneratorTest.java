package org.rlhf4j.feedback.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.world.ReplyQuality.DetailAccuracy;
import org.rlhf4j.feedback.world.ReplyQuality.Politeness;
import org.rlhf4j.feedback.world.ReplyQuality.Relevance;
import org.rlhf4j.feedback.world.ReplyQuality.Verbosity;

/**
 * The gold score reads only text, yet it must agree with the hidden attributes the generator
 * wrote replies with: otherwise feedback simulated from it would teach the wrong thing.
 */
class GoldAgainstGeneratorTest {
    private static final SupportWorld WORLD = SupportWorld.seeded(2024);
    private static final List<Ticket> TICKETS = WORLD.tickets(Split.RL, 0, 500);

    @Test
    void goodRepliesScoreClearlyAbovePoorOnes() {
        double good = 0;
        double poor = 0;
        double worstGood = 5;
        for (Ticket ticket : TICKETS) {
            double g = GoldSatisfaction.score(ticket, WORLD.goodReply(ticket, WORLD.replyRandom(ticket, 0)).text());
            good += g;
            worstGood = Math.min(worstGood, g);
            poor += GoldSatisfaction.score(ticket, WORLD.poorReply(ticket, WORLD.replyRandom(ticket, 1)).text());
        }
        good /= TICKETS.size();
        poor /= TICKETS.size();
        assertThat(good).isGreaterThan(4.7);
        assertThat(worstGood).isGreaterThanOrEqualTo(4.0);
        assertThat(poor).isLessThan(3.2);
        assertThat(good - poor).isGreaterThan(1.5);
    }

    @Test
    void scoreFallsAsFlawsAddUp() {
        int n = 0;
        double[] scores = new double[TICKETS.size() * 2];
        double[] flaws = new double[scores.length];
        for (Ticket ticket : TICKETS) {
            for (int stream = 0; stream < 2; stream++) {
                Reply reply = WORLD.loggedReply(ticket, WORLD.replyRandom(ticket, 10 + stream));
                scores[n] = GoldSatisfaction.score(ticket, reply.text());
                flaws[n] = reply.quality().flawCount();
                n++;
            }
        }
        assertThat(pearson(scores, flaws)).isLessThan(-0.7);
    }

    @Test
    void eachSingleFlawLowersTheMeanScore() {
        double good = meanScore(q -> q);
        assertThat(meanScore(q -> q.withRelevance(Relevance.OFF_TOPIC))).isLessThan(good - 2.0);
        assertThat(meanScore(q -> q.withRelevance(Relevance.GENERIC))).isLessThan(good - 2.0);
        assertThat(meanScore(q -> q.withDetails(DetailAccuracy.WRONG)))
                .isLessThan(meanScore(q -> q.withDetails(DetailAccuracy.MISSING)));
        assertThat(meanScore(q -> q.withDetails(DetailAccuracy.MISSING))).isLessThan(good - 0.4);
        assertThat(meanScore(q -> q.withPoliteness(Politeness.RUDE)))
                .isLessThan(meanScore(q -> q.withPoliteness(Politeness.CURT)));
        assertThat(meanScore(q -> q.withPoliteness(Politeness.CURT)))
                .isLessThanOrEqualTo(meanScore(q -> q.withPoliteness(Politeness.NEUTRAL)));
        assertThat(meanScore(q -> q.withPoliteness(Politeness.NEUTRAL))).isLessThan(good - 0.2);
        assertThat(meanScore(q -> q.withVerbosity(Verbosity.TERSE))).isLessThan(good - 0.5);
        assertThat(meanScore(q -> q.withVerbosity(Verbosity.RAMBLING))).isLessThan(good - 0.5);
        assertThat(meanScore(q -> q.withResolves(false))).isLessThan(good - 1.0);
        assertThat(meanScore(q -> q.withAsksForGivenDetail(true).withResolves(false)))
                .isLessThan(meanScore(q -> q.withResolves(false)));
    }

    private static double meanScore(UnaryOperator<ReplyQuality> change) {
        ReplyQuality quality = change.apply(ReplyQuality.good());
        double sum = 0;
        List<Ticket> sample = TICKETS.subList(0, 200);
        for (Ticket ticket : sample) {
            sum += GoldSatisfaction.score(ticket, WORLD.reply(ticket, quality, WORLD.replyRandom(ticket, 20)).text());
        }
        return sum / sample.size();
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
