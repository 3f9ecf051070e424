package org.rlhf4j.feedback.world;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The customer-support world: tickets and replies of varied quality, all a pure function of the
 * configured seed. Ticket {@code i} of a split is the same whatever else was generated before, so
 * any part of any data set can be regenerated alone.
 *
 * <p>Instances are immutable and safe to share between threads; every method that draws random
 * numbers either derives its own stream from the seed or takes the caller's generator.
 */
public final class SupportWorld {
    // Relative frequencies: parcels and money dominate real support queues, account changes are rarer.
    private static final int[] INTENT_WEIGHTS = {18, 16, 12, 12, 12, 12, 8, 10};
    private static final LocalDate FIRST_ORDER_DAY = LocalDate.of(2024, 1, 1);

    private final SupportWorldConfig config;
    private final String company;

    public SupportWorld(SupportWorldConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.company = RandomStreams.pick(Vocabulary.COMPANIES, RandomStreams.derive(config.seed(), RandomStreams.WORLD));
    }

    /** A world with {@link SupportWorldConfig#defaults()} but the given seed. */
    public static SupportWorld seeded(long seed) {
        return new SupportWorld(SupportWorldConfig.defaults().withSeed(seed));
    }

    public SupportWorldConfig config() {
        return config;
    }

    /** The shop's name, fixed per seed; agents sign with it. */
    public String company() {
        return company;
    }

    public Ticket ticket(Split split, long index) {
        Objects.requireNonNull(split, "split");
        if (index < 0 || index >= Split.CAPACITY) {
            throw new IllegalArgumentException("index must be in [0, " + Split.CAPACITY + "), was " + index);
        }
        long id = split.firstTicketId() + index;
        SplittableRandom rng = RandomStreams.derive(config.seed(), RandomStreams.TICKET, id);
        Intent intent = pickIntent(rng);
        Customer customer = newCustomer(rng);
        Order order = newOrder(rng);
        DateStyle dates = DateStyle.values()[rng.nextInt(DateStyle.values().length)];
        Facts facts = Facts.forCustomer(customer, order, RandomStreams.chance(0.8, rng), dates, company);
        String message = CustomerVoice.message(intent, facts, config.typoRate(), rng);
        return new Ticket(id, intent, customer, order, message);
    }

    /** Tickets {@code firstIndex .. firstIndex + count - 1} of a split, in index order. */
    public List<Ticket> tickets(Split split, long firstIndex, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        List<Ticket> tickets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tickets.add(ticket(split, firstIndex + i));
        }
        return List.copyOf(tickets);
    }

    /**
     * A random stream for replies to one ticket: the same (ticket, stream) always gives the same
     * replies, different streams give independent ones (e.g. the K candidates of a ranking).
     */
    public RandomGenerator replyRandom(Ticket ticket, long stream) {
        return RandomStreams.derive(config.seed(), RandomStreams.REPLY, ticket.id(), stream);
    }

    /** A reply written to have exactly the given quality attributes. */
    public Reply reply(Ticket ticket, ReplyQuality quality, RandomGenerator rng) {
        Objects.requireNonNull(quality, "quality");
        return new Reply(AgentVoice.write(ticket, quality, company, rng), quality);
    }

    /** Relevant, correct, polite, concise and resolving. */
    public Reply goodReply(Ticket ticket, RandomGenerator rng) {
        return reply(ticket, ReplyQuality.good(), rng);
    }

    /** A reply with one to three flaws (off-topic, wrong detail, rude, rambling, ...). */
    public Reply poorReply(Ticket ticket, RandomGenerator rng) {
        return reply(ticket, Flaw.poorQuality(rng), rng);
    }

    /** What a support log holds: good with probability {@code goodReplyFraction}, else poor. */
    public Reply loggedReply(Ticket ticket, RandomGenerator rng) {
        return RandomStreams.chance(config.goodReplyFraction(), rng) ? goodReply(ticket, rng) : poorReply(ticket, rng);
    }

    /**
     * Ticket {@code index} of a split with a logged reply, and in {@code multiTurnFraction} of
     * cases the customer's reaction and a second agent reply.
     */
    public Conversation conversation(Split split, long index) {
        Ticket ticket = ticket(split, index);
        SplittableRandom rng = RandomStreams.derive(config.seed(), RandomStreams.CONVERSATION, ticket.id());
        Reply first = loggedReply(ticket, rng);
        List<Turn> turns = new ArrayList<>(4);
        turns.add(new Turn(Turn.Speaker.CUSTOMER, ticket.message()));
        turns.add(new Turn(Turn.Speaker.AGENT, first.text()));
        if (RandomStreams.chance(config.multiTurnFraction(), rng)) {
            Facts facts = Facts.forCustomer(ticket.customer(), ticket.order(), true, DateStyle.DAY_MONTH, company);
            CustomerVoice.FollowUp followUp = CustomerVoice.followUp(ticket, first.quality(), facts, rng);
            turns.add(new Turn(Turn.Speaker.CUSTOMER, followUp.text()));
            turns.add(new Turn(Turn.Speaker.AGENT, secondReply(ticket, followUp.satisfied(), rng)));
        }
        return new Conversation(ticket, turns, first);
    }

    // A thank-you gets a short welcome; a complaint usually gets a proper answer this time.
    private String secondReply(Ticket ticket, boolean customerSatisfied, RandomGenerator rng) {
        if (customerSatisfied) {
            return AgentVoice.welcome(ticket, company, rng);
        }
        return RandomStreams.chance(0.8, rng) ? goodReply(ticket, rng).text() : loggedReply(ticket, rng).text();
    }

    private static Intent pickIntent(RandomGenerator rng) {
        int total = 0;
        for (int weight : INTENT_WEIGHTS) {
            total += weight;
        }
        int at = rng.nextInt(total);
        Intent[] intents = Intent.values();
        for (int i = 0; i < intents.length; i++) {
            at -= INTENT_WEIGHTS[i];
            if (at < 0) {
                return intents[i];
            }
        }
        throw new AssertionError("intent weights sum to " + total);
    }

    private static Customer newCustomer(RandomGenerator rng) {
        String first = RandomStreams.pick(Vocabulary.FIRST_NAMES, rng);
        String last = RandomStreams.pick(Vocabulary.LAST_NAMES, rng);
        String email = emailAddress(first, last, rng);
        String newEmail = emailAddress(first, last, rng);
        while (newEmail.equals(email)) {
            newEmail = emailAddress(first, last, rng);
        }
        return new Customer(first, last, email, newEmail, RandomStreams.pick(Vocabulary.CITIES, rng));
    }

    private static String emailAddress(String first, String last, RandomGenerator rng) {
        String f = Vocabulary.asciiLetters(first);
        String l = Vocabulary.asciiLetters(last);
        String local = switch (rng.nextInt(6)) {
            case 0 -> f + "." + l;
            case 1 -> f + l + (10 + rng.nextInt(90));
            case 2 -> f.charAt(0) + l;
            case 3 -> f + "_" + l;
            case 4 -> f + (100 + rng.nextInt(900));
            default -> l + "." + f;
        };
        return local + "@" + RandomStreams.pick(Vocabulary.MAIL_DOMAINS, rng);
    }

    private static Order newOrder(RandomGenerator rng) {
        int number = Order.MIN_NUMBER + rng.nextInt(Order.MAX_NUMBER - Order.MIN_NUMBER + 1);
        String product = RandomStreams.pick(Vocabulary.PRODUCT_COLOURS, rng) + " " + RandomStreams.pick(Vocabulary.PRODUCT_NOUNS, rng);
        LocalDate ordered = FIRST_ORDER_DAY.plusDays(rng.nextInt(366));
        LocalDate due = ordered.plusDays(3 + rng.nextInt(8));
        long dollars = 5 + rng.nextInt(345);
        long cents = switch (rng.nextInt(4)) {
            case 0 -> 99;
            case 1 -> 0;
            case 2 -> 49;
            default -> rng.nextInt(100);
        };
        return new Order(number, product, ordered, due, dollars * 100 + cents);
    }
}
