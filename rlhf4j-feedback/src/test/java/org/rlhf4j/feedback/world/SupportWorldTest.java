package org.rlhf4j.feedback.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupportWorldTest {
    private static final SupportWorld WORLD = SupportWorld.seeded(42);
    private static final List<Ticket> TICKETS = WORLD.tickets(Split.SFT, 0, 2_000);

    @Test
    void sameSeedGivesSameTicketsAndRepliesDifferentSeedDifferentOnes() {
        SupportWorld again = SupportWorld.seeded(42);
        SupportWorld other = SupportWorld.seeded(43);
        assertThat(again.tickets(Split.SFT, 0, 200)).isEqualTo(TICKETS.subList(0, 200));
        assertThat(other.tickets(Split.SFT, 0, 200)).isNotEqualTo(TICKETS.subList(0, 200));
        Ticket ticket = TICKETS.get(7);
        assertThat(again.loggedReply(ticket, again.replyRandom(ticket, 3)))
                .isEqualTo(WORLD.loggedReply(ticket, WORLD.replyRandom(ticket, 3)));
        assertThat(WORLD.conversation(Split.PRETRAINING, 5)).isEqualTo(again.conversation(Split.PRETRAINING, 5));
    }

    @Test
    void aTicketDoesNotDependOnWhatWasGeneratedBeforeIt() {
        assertThat(SupportWorld.seeded(42).ticket(Split.SFT, 1_234)).isEqualTo(TICKETS.get(1_234));
    }

    @Test
    void ticketIdsEncodeTheSplit() {
        assertThat(WORLD.ticket(Split.EVALUATION, 3).id()).isEqualTo(3 * Split.CAPACITY + 3);
        assertThatThrownBy(() -> WORLD.ticket(Split.RL, -1)).hasMessageContaining("index");
        assertThatThrownBy(() -> WORLD.ticket(Split.RL, Split.CAPACITY)).hasMessageContaining("index");
    }

    @Test
    void everyMessageIsOneLineAndStatesItsKeyDetail() {
        for (Ticket ticket : TICKETS) {
            assertThat(ticket.message()).doesNotContain("\n", "[", "]", "{", "}");
            assertThat(ticket.mentions(ticket.intent().keyDetails().get(0)))
                    .as("key detail in %s message: %s", ticket.intent(), ticket.message()).isTrue();
        }
    }

    @Test
    void everyIntentAppearsInReasonableProportion() {
        Map<Intent, Integer> counts = new EnumMap<>(Intent.class);
        TICKETS.forEach(t -> counts.merge(t.intent(), 1, Integer::sum));
        assertThat(counts).hasSize(Intent.values().length);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(100, 500));
    }

    @Test
    void messagesVaryEnoughForALanguageModelToLearnStructureNotStrings() {
        Set<String> messages = new HashSet<>();
        Set<String> skeletons = new HashSet<>();
        Set<String> words = new HashSet<>();
        for (Ticket ticket : TICKETS) {
            messages.add(ticket.message());
            skeletons.add(skeleton(ticket));
            for (String word : SatisfactionLexicon.normalise(ticket.message()).trim().split(" ")) {
                words.add(word);
            }
        }
        assertThat(messages).hasSizeGreaterThan(1_900);
        // With names, numbers, products and addresses masked, phrasing alone still differs widely.
        assertThat(skeletons).hasSizeGreaterThan(1_800);
        assertThat(words).hasSizeGreaterThan(1_500);
    }

    @Test
    void repliesVaryToo() {
        Set<String> replies = new HashSet<>();
        Set<String> words = new HashSet<>();
        for (Ticket ticket : TICKETS.subList(0, 1_000)) {
            String text = WORLD.loggedReply(ticket, WORLD.replyRandom(ticket, 0)).text();
            replies.add(text);
            words.addAll(List.of(SatisfactionLexicon.normalise(text).trim().split(" ")));
        }
        assertThat(replies).hasSizeGreaterThan(990);
        assertThat(words).hasSizeGreaterThan(800);
    }

    @Test
    void repliesHaveTheQualityTheyClaim() {
        for (Ticket ticket : TICKETS.subList(0, 800)) {
            Reply reply = WORLD.poorReply(ticket, WORLD.replyRandom(ticket, 1));
            ReplyQuality q = reply.quality();
            SatisfactionTerms terms = GoldSatisfaction.terms(ticket, reply.text());
            String why = q + ": " + reply.text();
            assertThat(q.isGood()).isFalse();
            assertThat(reply.text()).doesNotContain("\n", "{", "}", "[", "]");
            if (q.details() == ReplyQuality.DetailAccuracy.WRONG) {
                assertThat(terms.wrongDetail()).as(why).isTrue();
            }
            if (q.details() != ReplyQuality.DetailAccuracy.WRONG && q.relevance() == ReplyQuality.Relevance.ON_TOPIC) {
                assertThat(terms.wrongDetail()).as(why).isFalse();
            }
            if (q.politeness() == ReplyQuality.Politeness.RUDE) {
                assertThat(terms.rude()).as(why).isTrue();
            }
            if (q.verbosity() == ReplyQuality.Verbosity.TERSE) {
                assertThat(terms.words()).as(why).isLessThanOrEqualTo(40);
            }
            if (q.verbosity() == ReplyQuality.Verbosity.RAMBLING) {
                assertThat(terms.words()).as(why).isGreaterThan(110);
            }
            if (q.asksForGivenDetail()) {
                assertThat(terms.asksForGivenDetail()).as(why).isTrue();
            }
        }
    }

    @Test
    void goodRepliesAreConciseCorrectAndNeverAskAgain() {
        for (Ticket ticket : TICKETS.subList(0, 800)) {
            Reply reply = WORLD.goodReply(ticket, WORLD.replyRandom(ticket, 2));
            SatisfactionTerms terms = GoldSatisfaction.terms(ticket, reply.text());
            assertThat(terms.words()).as(reply.text()).isBetween(25, 90);
            assertThat(terms.wrongDetail()).as(reply.text()).isFalse();
            assertThat(terms.details()).as(reply.text()).isEqualTo(1.0);
            assertThat(terms.asksForGivenDetail()).as(reply.text()).isFalse();
            assertThat(terms.rude()).as(reply.text()).isFalse();
        }
    }

    @Test
    void loggedRepliesAreGoodAtTheConfiguredRate() {
        SupportWorld world = new SupportWorld(SupportWorldConfig.defaults().withSeed(5));
        long good = TICKETS.stream().filter(t -> world.loggedReply(t, world.replyRandom(t, 0)).quality().isGood()).count();
        assertThat(good / (double) TICKETS.size()).isBetween(0.35, 0.45);
    }

    @Test
    void conversationsAlternateSpeakersAndSometimesContinue() {
        int multiTurn = 0;
        for (int i = 0; i < 400; i++) {
            Conversation conversation = WORLD.conversation(Split.PRETRAINING, i);
            assertThat(conversation.turns().size()).isIn(2, 4);
            multiTurn += conversation.turns().size() == 4 ? 1 : 0;
        }
        assertThat(multiTurn).isBetween(60, 140);
    }

    @Test
    void configRejectsFractionsOutsideZeroToOneNamingTheField() {
        assertThatThrownBy(() -> new SupportWorldConfig(1, 1.5, 0.1, 0.1)).hasMessageContaining("goodReplyFraction");
        assertThatThrownBy(() -> new SupportWorldConfig(1, 0.5, -0.1, 0.1)).hasMessageContaining("typoRate");
        assertThatThrownBy(() -> new SupportWorldConfig(1, 0.5, 0.1, Double.NaN)).hasMessageContaining("multiTurnFraction");
    }

    @Test
    void recordsRejectInconsistentValuesNamingTheField() {
        assertThatThrownBy(() -> new Order(999, "kettle", Fixtures.KETTLE.orderDate(), Fixtures.KETTLE.dueDate(), 100))
                .hasMessageContaining("number");
        assertThatThrownBy(() -> new Order(48213, "kettle", Fixtures.KETTLE.dueDate(), Fixtures.KETTLE.orderDate(), 100))
                .hasMessageContaining("dueDate");
        assertThatThrownBy(() -> new ReplyQuality(ReplyQuality.Relevance.GENERIC, ReplyQuality.DetailAccuracy.CORRECT,
                ReplyQuality.Politeness.POLITE, ReplyQuality.Verbosity.CONCISE, false, false)).hasMessageContaining("details");
        assertThatThrownBy(() -> new Ticket(1, Intent.REFUND, Fixtures.MARIA, Fixtures.KETTLE, "two\nlines"))
                .hasMessageContaining("message");
    }

    /** The message with every concrete detail replaced by a placeholder. */
    private static String skeleton(Ticket ticket) {
        return ticket.message()
                .replace(ticket.customer().firstName(), "<name>")
                .replace(ticket.customer().lastName(), "<last>")
                .replace(ticket.customer().email(), "<email>")
                .replace(ticket.customer().newEmail(), "<new>")
                .replace(ticket.customer().city(), "<city>")
                .replace(ticket.order().product(), "<product>")
                .replace(ticket.order().amountText(), "<amount>")
                .replaceAll("\\d+", "<n>")
                .replaceAll("(January|February|March|April|May|June|July|August|September|October|November|December)", "<month>");
    }
}
