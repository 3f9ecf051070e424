package org.rlhf4j.feedback.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generator's phrase lists keep their side of the contract with the gold score (see
 * {@link AgentPhrases}): every alternative of every template is expanded, so a phrase edited
 * later that breaks it fails here rather than skewing the data quietly.
 */
class PhraseContractTest {

    @Test
    void everyResolutionIsRelevantActionableTimedAndRepeatsTheKeyDetail() {
        for (Intent intent : Intent.values()) {
            Ticket ticket = Fixtures.tellingEverything(intent);
            for (String text : allExpansions(AgentPhrases.resolutions(intent), ticket)) {
                SatisfactionTerms terms = GoldSatisfaction.terms(ticket, text);
                assertThat(terms.relevance()).as("relevance of %s reply: %s", intent, text).isEqualTo(1.0);
                assertThat(terms.actionability()).as("actionability of %s reply: %s", intent, text).isEqualTo(1.0);
                assertThat(terms.details()).as("details of %s reply: %s", intent, text).isEqualTo(1.0);
                assertThat(terms.deferral()).as("deferral in %s reply: %s", intent, text).isFalse();
                assertThat(terms.asksForGivenDetail()).as("asking again in %s reply: %s", intent, text).isFalse();
                assertThat(terms.otherAreaIntents()).as("other areas in %s reply: %s", intent, text).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void everyDeferralStaysOnTopicButTakesNoStep() {
        for (Intent intent : Intent.values()) {
            Ticket ticket = Fixtures.tellingEverything(intent);
            for (String text : allExpansions(AgentPhrases.deferrals(intent), ticket)) {
                SatisfactionTerms terms = GoldSatisfaction.terms(ticket, text);
                assertThat(terms.relevance()).as("relevance of %s deferral: %s", intent, text).isGreaterThan(0.0);
                assertThat(terms.actionability()).as("actionability of %s deferral: %s", intent, text).isEqualTo(0.0);
                assertThat(terms.deferral()).as("deferral flag of %s deferral: %s", intent, text).isTrue();
            }
        }
    }

    @Test
    void everyAnswerTemplateHasASlotForTheKeyDetail() {
        for (Intent intent : Intent.values()) {
            String slot = switch (intent.keyDetails().get(0)) {
                case ORDER_NUMBER -> "rderref}";
                case EMAIL -> "mail}";
                case NEW_EMAIL -> "{newEmail}";
                case AMOUNT -> "{amount}";
                default -> throw new AssertionError(intent);
            };
            List<String> templates = new ArrayList<>(AgentPhrases.resolutions(intent));
            templates.addAll(AgentPhrases.deferrals(intent));
            templates.addAll(AgentPhrases.terse(intent, true));
            templates.addAll(AgentPhrases.terse(intent, false));
            assertThat(templates).as("%s templates", intent).allSatisfy(t -> assertThat(t).contains(slot));
        }
    }

    @Test
    void paddingPhrasesBelongToNoIntentAndPromiseNothing() {
        List<String> padding = new ArrayList<>();
        padding.addAll(AgentPhrases.FILLERS);
        padding.addAll(AgentPhrases.BOILERPLATE);
        padding.addAll(AgentPhrases.CLOSINGS);
        padding.addAll(AgentPhrases.RAMBLING_OPENERS);
        padding.addAll(AgentPhrases.GREETINGS_NAMED);
        Ticket ticket = Fixtures.tellingEverything(Intent.ORDER_STATUS);
        for (String text : allExpansions(padding, ticket)) {
            String norm = SatisfactionLexicon.normalise(text);
            for (Intent intent : Intent.values()) {
                assertThat(SatisfactionLexicon.hasAny(norm, SatisfactionLexicon.topicWords(intent)))
                        .as("%s topic word in padding: %s", intent, text).isFalse();
            }
            assertThat(SatisfactionLexicon.TIMEFRAME.matcher(text.toLowerCase()).find()).as("time frame in: %s", text).isFalse();
        }
    }

    @Test
    void rudeLinesAreRecognisedAsRude() {
        Ticket ticket = Fixtures.lateKettle();
        for (String line : AgentPhrases.RUDE_LINES) {
            assertThat(GoldSatisfaction.terms(ticket, line).rude()).as("rude: %s", line).isTrue();
        }
    }

    @Test
    void askLinesAreRecognisedAsAskingAgain() {
        Ticket ticket = Fixtures.tellingEverything(Intent.REFUND);
        for (Detail detail : List.of(Detail.ORDER_NUMBER, Detail.EMAIL, Detail.NEW_EMAIL, Detail.AMOUNT)) {
            for (String line : AgentPhrases.asks(detail)) {
                assertThat(GoldSatisfaction.terms(ticket, line).asksForGivenDetail()).as("asks again: %s", line).isTrue();
            }
        }
    }

    @Test
    void vocabularyPoolsDoNotCollide() {
        for (String noun : Vocabulary.PRODUCT_NOUNS) {
            for (String other : Vocabulary.PRODUCT_NOUNS) {
                if (!noun.equals(other)) {
                    assertThat(other).as("product nouns must not contain each other").doesNotContain(noun);
                }
            }
        }
        assertThat(Vocabulary.AGENT_NAMES).doesNotContainAnyElementsOf(Vocabulary.FIRST_NAMES);
        assertThat(Vocabulary.FIRST_NAMES).doesNotHaveDuplicates();
    }

    /** Every distinct text the templates can produce, found by sampling far more often than needed. */
    private static List<String> allExpansions(List<String> templates, Ticket ticket) {
        Facts facts = Facts.forAgent(ticket, "Larkstone", "Sam");
        SplittableRandom rng = new SplittableRandom(11);
        List<String> texts = new ArrayList<>();
        for (String template : templates) {
            java.util.TreeSet<String> variants = new java.util.TreeSet<>();
            for (int i = 0; i < 60; i++) {
                variants.add(Template.tidy(Template.expand(template, facts::slot, rng)));
            }
            texts.addAll(variants);
        }
        return texts;
    }
}
