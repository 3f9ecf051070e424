package org.rlhf4j.feedback.world;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rlhf4j.feedback.world.ReplyQuality.DetailAccuracy;
import org.rlhf4j.feedback.world.ReplyQuality.Politeness;
import org.rlhf4j.feedback.world.ReplyQuality.Relevance;
import org.rlhf4j.feedback.world.ReplyQuality.Verbosity;

/** Writes an agent's reply to a ticket so that it has exactly the given quality attributes. */
final class AgentVoice {
    private AgentVoice() {
    }

    static String write(Ticket ticket, ReplyQuality quality, String company, RandomGenerator rng) {
        Facts facts = agentFacts(ticket, quality.details(), company, rng);
        Intent topic = quality.relevance() == Relevance.OFF_TOPIC ? unrelatedIntent(ticket.intent(), rng) : ticket.intent();
        List<String> parts = quality.verbosity() == Verbosity.TERSE
                ? terseParts(ticket, quality, topic, facts, rng)
                : fullParts(ticket, quality, topic, facts, rng);
        StringBuilder text = new StringBuilder(400);
        for (String part : parts) {
            text.append(Template.expand(part, facts::slot, rng)).append(' ');
        }
        return Template.tidy(text);
    }

    /** A short thank-you reply that closes a conversation after the customer says thanks. */
    static String welcome(Ticket ticket, String company, RandomGenerator rng) {
        Facts facts = Facts.forAgent(ticket, company, RandomStreams.pick(Vocabulary.AGENT_NAMES, rng));
        boolean named = facts.knowsName() && rng.nextBoolean();
        String template = RandomStreams.pick(named ? AgentPhrases.WELCOMES_NAMED : AgentPhrases.WELCOMES, rng);
        return Template.tidy(Template.expand(template, facts::slot, rng));
    }

    private static Facts agentFacts(Ticket ticket, DetailAccuracy details, String company, RandomGenerator rng) {
        Facts facts = Facts.forAgent(ticket, company, RandomStreams.pick(Vocabulary.AGENT_NAMES, rng));
        return switch (details) {
            case CORRECT -> facts;
            case MISSING -> facts.withoutDetails();
            case WRONG -> facts.corrupted(ticket, rng);
        };
    }

    private static List<String> fullParts(Ticket ticket, ReplyQuality q, Intent topic, Facts facts, RandomGenerator rng) {
        List<String> parts = new ArrayList<>();
        parts.add(opening(q.politeness(), facts, rng));
        boolean rambling = q.verbosity() == Verbosity.RAMBLING;
        // Drawn together so that no filler sentence appears twice; two go before the answer.
        List<String> fillers = rambling ? distinct(AgentPhrases.FILLERS, 6 + rng.nextInt(4), rng) : List.of();
        if (q.politeness() == Politeness.POLITE && q.relevance() != Relevance.GENERIC && RandomStreams.chance(0.85, rng)) {
            parts.add(fitting(AgentPhrases.empathy(topic), facts, rng));
        }
        if (rambling) {
            parts.add(RandomStreams.pick(AgentPhrases.RAMBLING_OPENERS, rng));
            parts.addAll(fillers.subList(0, 2));
        }
        parts.addAll(substance(ticket, q, topic, facts, rng));
        if (q.politeness() == Politeness.RUDE) {
            parts.addAll(distinct(AgentPhrases.RUDE_LINES, 1 + rng.nextInt(2), rng));
        }
        if (rambling) {
            parts.addAll(fillers.subList(2, fillers.size()));
        }
        parts.addAll(closing(q.politeness(), rng));
        return parts;
    }

    /** The answer itself: boilerplate, a resolution or a deferral, and perhaps a needless question. */
    private static List<String> substance(Ticket ticket, ReplyQuality q, Intent topic, Facts facts, RandomGenerator rng) {
        List<String> parts = new ArrayList<>();
        if (q.relevance() == Relevance.GENERIC) {
            parts.addAll(distinct(AgentPhrases.BOILERPLATE, 2 + rng.nextInt(3), rng));
        } else if (q.resolves()) {
            parts.add(fitting(AgentPhrases.resolutions(topic), facts, rng));
        } else if (!q.asksForGivenDetail() || q.details() != DetailAccuracy.MISSING || RandomStreams.chance(0.5, rng)) {
            // Only a reply with no details may consist of the question alone: otherwise its
            // details, right or wrong, must be in the text.
            parts.add(fitting(AgentPhrases.deferrals(topic), facts, rng));
        }
        if (q.asksForGivenDetail()) {
            parts.add(RandomStreams.pick(AgentPhrases.asks(ticket.intent().keyDetails().get(0)), rng));
        }
        return parts;
    }

    private static List<String> terseParts(Ticket ticket, ReplyQuality q, Intent topic, Facts facts, RandomGenerator rng) {
        List<String> parts = new ArrayList<>();
        if (q.politeness() == Politeness.POLITE && RandomStreams.chance(0.5, rng)) {
            parts.add(facts.knowsName() ? "Hi {name}." : "Hi.");
        }
        if (q.relevance() == Relevance.GENERIC) {
            parts.add(RandomStreams.pick(AgentPhrases.TERSE_BOILERPLATE, rng));
        } else if (!q.asksForGivenDetail() || q.resolves() || q.details() != DetailAccuracy.MISSING) {
            parts.add(fitting(AgentPhrases.terse(topic, q.resolves()), facts, rng));
        }
        if (q.asksForGivenDetail()) {
            parts.add(RandomStreams.pick(AgentPhrases.asks(ticket.intent().keyDetails().get(0)), rng));
        }
        if (q.politeness() == Politeness.RUDE) {
            parts.add(RandomStreams.pick(AgentPhrases.RUDE_LINES, rng));
        } else if (q.politeness() == Politeness.POLITE) {
            parts.add("Thanks!");
        }
        return parts;
    }

    private static String opening(Politeness politeness, Facts facts, RandomGenerator rng) {
        return switch (politeness) {
            case POLITE -> RandomStreams.pick(facts.knowsName() ? AgentPhrases.GREETINGS_NAMED : AgentPhrases.GREETINGS_UNNAMED, rng);
            case NEUTRAL -> RandomStreams.chance(0.6, rng) ? RandomStreams.pick(
                    facts.knowsName() && rng.nextBoolean() ? AgentPhrases.GREETINGS_NEUTRAL_NAMED : AgentPhrases.GREETINGS_NEUTRAL, rng) : "";
            case CURT -> "";
            case RUDE -> RandomStreams.chance(0.5, rng) ? RandomStreams.pick(AgentPhrases.RUDE_OPENERS, rng) : "";
        };
    }

    private static List<String> closing(Politeness politeness, RandomGenerator rng) {
        List<String> parts = new ArrayList<>();
        if (politeness == Politeness.POLITE) {
            parts.add(RandomStreams.pick(AgentPhrases.CLOSINGS, rng));
            if (RandomStreams.chance(0.5, rng)) {
                parts.add(RandomStreams.pick(AgentPhrases.SIGNATURES, rng));
            }
        } else if (politeness == Politeness.NEUTRAL && RandomStreams.chance(0.5, rng)) {
            parts.add(RandomStreams.pick(AgentPhrases.NEUTRAL_CLOSINGS, rng));
        }
        return parts;
    }

    /**
     * A template whose details the agent knows, so replies repeat what the customer said rather
     * than facts no reader of the message could have; any template when none fits.
     */
    private static String fitting(List<String> templates, Facts facts, RandomGenerator rng) {
        List<String> usable = new ArrayList<>(templates.size());
        for (String template : templates) {
            if (facts.canFill(template)) {
                usable.add(template);
            }
        }
        return RandomStreams.pick(usable.isEmpty() ? templates : usable, rng);
    }

    /** An intent from another {@link Intent.Area}: a password answer to a parcel question. */
    static Intent unrelatedIntent(Intent intent, RandomGenerator rng) {
        List<Intent> candidates = new ArrayList<>();
        for (Intent other : Intent.values()) {
            if (other.area() != intent.area()) {
                candidates.add(other);
            }
        }
        return RandomStreams.pick(candidates, rng);
    }

    /** {@code count} different items, in a random order (partial Fisher-Yates on a copy). */
    static List<String> distinct(List<String> pool, int count, RandomGenerator rng) {
        List<String> copy = new ArrayList<>(pool);
        int n = Math.min(count, copy.size());
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(copy.size() - i);
            String swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy.subList(0, n);
    }
}
