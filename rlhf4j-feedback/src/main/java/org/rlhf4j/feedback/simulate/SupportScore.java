package org.rlhf4j.feedback.simulate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.world.GoldSatisfaction;
import org.rlhf4j.feedback.world.SatisfactionTerms;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;

/**
 * The support world as a score function: utility = {@link GoldSatisfaction#score}(ticket, reply),
 * already on the 1-5 star scale, so a rational rater's stars are the rounded gold score. A
 * ticket's prompt is one user message, the customer's text ({@link #prompt(Ticket)}); the scorer
 * knows the tickets it was built with and finds a prompt's ticket by that text (the first ticket
 * wins if two messages were ever equal). Responses are stripped of surrounding white space, so
 * {@code DialogueFormat.response(text)} scores like {@code text}.
 */
public final class SupportScore implements ScoreFunction<PromptResponse> {
    /** The reply-random stream the corrector writes from (candidate replies use small stream numbers). */
    public static final long CORRECTION_STREAM = 1_000_003L;

    private final SupportWorld world;
    private final Map<String, Ticket> ticketsByMessage;

    private SupportScore(SupportWorld world, Map<String, Ticket> ticketsByMessage) {
        this.world = world;
        this.ticketsByMessage = ticketsByMessage;
    }

    public static SupportScore of(SupportWorld world, List<Ticket> tickets) {
        Objects.requireNonNull(world, "world");
        if (tickets == null || tickets.isEmpty()) throw new IllegalArgumentException("tickets must not be empty");
        Map<String, Ticket> byMessage = new LinkedHashMap<>();
        for (Ticket ticket : tickets) byMessage.putIfAbsent(ticket.message(), ticket);
        return new SupportScore(world, byMessage);
    }

    /** Tickets {@code first .. first + count - 1} of a split. */
    public static SupportScore of(SupportWorld world, Split split, long first, int count) {
        return of(world, world.tickets(split, first, count));
    }

    /** The prompt a ticket is judged under: one user message with the customer's text. */
    public static Prompt prompt(Ticket ticket) {
        return Prompt.of(ticket.message());
    }

    /** Each ticket's prompt ({@link #prompt(Ticket)}), in order. */
    public static List<Prompt> prompts(List<Ticket> tickets) {
        List<Prompt> out = new java.util.ArrayList<>(tickets.size());
        for (Ticket t : tickets) out.add(prompt(t));
        return out;
    }

    public SupportWorld world() {
        return world;
    }

    public List<Ticket> tickets() {
        return List.copyOf(ticketsByMessage.values());
    }

    public Ticket ticket(Prompt prompt) {
        Ticket ticket = ticketsByMessage.get(prompt.lastUserText());
        if (ticket == null) throw new IllegalArgumentException("no ticket of this scorer has the message: " + prompt.lastUserText());
        return ticket;
    }

    @Override
    public double utility(PromptResponse item) {
        return GoldSatisfaction.score(ticket(item.prompt()), item.response().strip());
    }

    public SatisfactionTerms terms(PromptResponse item) {
        return GoldSatisfaction.terms(ticket(item.prompt()), item.response().strip());
    }

    /** Critiques that name the weakest satisfaction term ({@link SupportCritique}). */
    public Critic critic() {
        return item -> SupportCritique.text(terms(item));
    }

    /** Writes the world's good reply to the prompt's ticket (from {@link #CORRECTION_STREAM}): a correction for critiques. */
    public Function<PromptResponse, String> goodReplyCorrector() {
        return item -> {
            Ticket ticket = ticket(item.prompt());
            return world.goodReply(ticket, world.replyRandom(ticket, CORRECTION_STREAM)).text();
        };
    }

    /** Writes a good reply to a prompt of this world (what a skilled agent demonstrates for SFT). */
    public Function<Prompt, String> replyWriter() {
        return prompt -> {
            Ticket ticket = ticket(prompt);
            return world.goodReply(ticket, world.replyRandom(ticket, CORRECTION_STREAM)).text();
        };
    }

    /** A simulated customer-support reviewer of this world, with the support critic. */
    public SimulatedAnnotator annotator(String id, AnnotatorConfig config, SplittableRandom rng, Clock clock) {
        return new SimulatedAnnotator(id, this, config, rng, clock, critic());
    }

    /** Ticket {@code i} with a good and a poor reply written from streams 2i and 2i+1: pairs for tests and curves. */
    public List<ComparisonTask> goodPoorPairs() {
        List<ComparisonTask> pairs = new ArrayList<>();
        for (Ticket ticket : ticketsByMessage.values()) {
            String good = world.goodReply(ticket, world.replyRandom(ticket, 0)).text();
            String poor = world.poorReply(ticket, world.replyRandom(ticket, 1)).text();
            pairs.add(new ComparisonTask(prompt(ticket), good, poor));
        }
        return List.copyOf(pairs);
    }

    /** Per ticket two logged replies (good or poor, as a support log mixes them): pairs of every difficulty. */
    public List<ComparisonTask> loggedPairs() {
        List<ComparisonTask> pairs = new ArrayList<>();
        for (Ticket ticket : ticketsByMessage.values()) {
            String a = world.loggedReply(ticket, world.replyRandom(ticket, 2)).text();
            String b = world.loggedReply(ticket, world.replyRandom(ticket, 3)).text();
            pairs.add(new ComparisonTask(prompt(ticket), a, b));
        }
        return List.copyOf(pairs);
    }
}
