package org.rlhf4j.feedback.world;

import java.time.LocalDate;
import java.time.Month;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.random.RandomGenerator;

/**
 * The world's gold customer satisfaction: how happy the customer behind a ticket is with a reply,
 * from 1 to 5, read from the reply's text alone so that any model's free text can be scored.
 *
 * <pre>
 * score = clamp(1 + 4 * (0.25 relevance + 0.20 details + 0.15 politeness + 0.15 concision
 *                        + 0.25 actionability) - penalties, 1, 5)
 * </pre>
 *
 * Terms (each in [0, 1]; see {@link SatisfactionTerms}): relevance counts distinct topic words of
 * the ticket's intent (two for full marks); details is 1 when a key detail (order number, amount,
 * e-mail) is repeated correctly, 0.5 when only another one (product, date) is, 0.25 when none is,
 * 0 when any detail is wrong (including another customer's name); politeness counts kinds of courtesy (greeting, the customer's name,
 * apology, thanks, warmth; three for full marks); concision is 1 for 25 to 90 words; actionability
 * is 0.6 for a concrete step on this intent plus 0.4 for a time frame. A reply with no topic word
 * at all gets nothing for details or actionability: a right order number on a wrong answer does
 * not help.
 *
 * <p>Penalties, so that no single surface feature buys a high score: a wrong detail 0.75 (worse
 * than leaving it out), rudeness 1.0, asking again for a detail the customer gave 0.5, deferring
 * without a step 0.3, length beyond 150 words up to 1.0 (reached at 250), repeated sentences or
 * words up to 1.5, keyword stuffing 1.0 (over 40% of twelve or more words inside topic or action
 * phrases), and 0.5 for each intent from another area beyond the first (a reply listing every fix
 * there is).
 *
 * <p>This is a fixed heuristic, not a learned model; it is the hidden truth that simulated
 * customers rate from and that tells whether RLHF really helped, because the policy only sees the
 * reward model learned from those ratings.
 */
public final class GoldSatisfaction {
    public static final double RELEVANCE_WEIGHT = 0.25;
    public static final double DETAIL_WEIGHT = 0.20;
    public static final double POLITENESS_WEIGHT = 0.15;
    public static final double CONCISION_WEIGHT = 0.15;
    public static final double ACTIONABILITY_WEIGHT = 0.25;

    public static final double WRONG_DETAIL_PENALTY = 0.75;
    public static final double RUDE_PENALTY = 1.0;
    public static final double ASKS_AGAIN_PENALTY = 0.5;
    public static final double DEFERRAL_PENALTY = 0.3;
    public static final double MAX_LENGTH_PENALTY = 1.0;
    public static final double MAX_REPETITION_PENALTY = 1.5;
    public static final double SCATTER_PENALTY = 0.5;
    public static final double STUFFING_PENALTY = 1.0;

    public static final double MIN_SCORE = 1.0;
    public static final double MAX_SCORE = 5.0;

    // Rude phrases are written with punctuation ("don't email us"); match them as text is matched.
    private static final List<String> RUDE_NORMALISED = SatisfactionLexicon.RUDE.stream()
            .map(phrase -> SatisfactionLexicon.normalise(phrase).trim()).toList();

    private static final int CONCISE_MIN_WORDS = 25;
    private static final int CONCISE_MAX_WORDS = 90;
    private static final int TOO_SHORT_WORDS = 5;
    private static final int TOO_LONG_WORDS = 150;
    private static final int LENGTH_PENALTY_FULL_WORDS = 250;
    // Good replies have about one word in six inside a topic or action phrase; word salad most.
    private static final int STUFFING_MIN_WORDS = 12;
    private static final double STUFFING_DENSITY = 0.4;

    private GoldSatisfaction() {
    }

    /** The satisfaction in [1, 5] of the customer behind {@code ticket} on reading {@code replyText}. */
    public static double score(Ticket ticket, String replyText) {
        return terms(ticket, replyText).score();
    }

    /** The score with every term and penalty that made it. */
    public static SatisfactionTerms terms(Ticket ticket, String replyText) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(replyText, "replyText");
        String lower = replyText.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        String norm = SatisfactionLexicon.normalise(replyText);
        int words = wordCount(norm);
        Intent intent = ticket.intent();

        int topicHits = SatisfactionLexicon.countHits(norm, SatisfactionLexicon.topicWords(intent));
        boolean onTopic = topicHits > 0;
        double relevance = Math.min(1.0, topicHits / 2.0);
        DetailCheck detail = DetailCheck.of(ticket, replyText, lower, norm);
        double details = !onTopic ? 0.0 : detail.wrong ? 0.0 : detail.keyRight ? 1.0 : detail.otherRight ? 0.5 : 0.25;
        boolean rude = SatisfactionLexicon.hasAny(norm, RUDE_NORMALISED);
        double politeness = rude ? 0.0 : Math.min(1.0, courtesyKinds(ticket, norm) / 3.0);
        double concision = concision(words);
        boolean acted = SatisfactionLexicon.hasAffirmed(norm, SatisfactionLexicon.actionPhrases(intent));
        boolean timed = SatisfactionLexicon.TIMEFRAME.matcher(lower).find();
        double actionability = onTopic ? (acted ? 0.6 : 0.0) + (timed ? 0.4 : 0.0) : 0.0;

        boolean asksAgain = asksForGivenDetail(ticket, lower);
        boolean deferral = !acted && SatisfactionLexicon.hasAny(norm, SatisfactionLexicon.DEFERRALS);
        double repetition = repetitionPenalty(lower, norm, words);
        boolean stuffing = words >= STUFFING_MIN_WORDS && keywordDensity(norm, words) > STUFFING_DENSITY;
        int otherArea = otherAreaIntents(intent, norm);

        double penalty = (detail.wrong ? WRONG_DETAIL_PENALTY : 0.0) + (rude ? RUDE_PENALTY : 0.0)
                + (asksAgain ? ASKS_AGAIN_PENALTY : 0.0) + (deferral ? DEFERRAL_PENALTY : 0.0)
                + lengthPenalty(words) + repetition + (stuffing ? STUFFING_PENALTY : 0.0)
                + SCATTER_PENALTY * Math.max(0, otherArea - 1);
        double weighted = RELEVANCE_WEIGHT * relevance + DETAIL_WEIGHT * details + POLITENESS_WEIGHT * politeness
                + CONCISION_WEIGHT * concision + ACTIONABILITY_WEIGHT * actionability;
        double score = Math.max(MIN_SCORE, Math.min(MAX_SCORE, MIN_SCORE + (MAX_SCORE - MIN_SCORE) * weighted - penalty));
        return new SatisfactionTerms(relevance, details, politeness, concision, actionability, detail.wrong, rude,
                asksAgain, deferral, repetition, stuffing, otherArea, words, penalty, score);
    }

    /**
     * A simulated customer's star rating: the score plus Gaussian noise of standard deviation
     * {@code noiseStd}, rounded and clamped to 1..5.
     */
    public static int stars(double score, double noiseStd, RandomGenerator rng) {
        if (!(noiseStd >= 0.0) || Double.isInfinite(noiseStd)) {
            throw new IllegalArgumentException("noiseStd must be finite and >= 0, was " + noiseStd);
        }
        double noisy = score + (noiseStd == 0.0 ? 0.0 : noiseStd * rng.nextGaussian());
        return (int) Math.max(1, Math.min(5, Math.round(noisy)));
    }

    static double concision(int words) {
        if (words <= TOO_SHORT_WORDS || words >= TOO_LONG_WORDS) {
            return 0.0;
        }
        if (words < CONCISE_MIN_WORDS) {
            return (words - TOO_SHORT_WORDS) / (double) (CONCISE_MIN_WORDS - TOO_SHORT_WORDS);
        }
        if (words <= CONCISE_MAX_WORDS) {
            return 1.0;
        }
        return (TOO_LONG_WORDS - words) / (double) (TOO_LONG_WORDS - CONCISE_MAX_WORDS);
    }

    /** Past the point where concision is 0, length keeps costing: up to 1.0 at 250 words. */
    static double lengthPenalty(int words) {
        double excess = (words - TOO_LONG_WORDS) / (double) (LENGTH_PENALTY_FULL_WORDS - TOO_LONG_WORDS);
        return MAX_LENGTH_PENALTY * Math.max(0.0, Math.min(1.0, excess));
    }

    private static int courtesyKinds(Ticket ticket, String norm) {
        int kinds = 0;
        kinds += startsWithGreeting(norm) ? 1 : 0;
        kinds += ticket.mentions(Detail.NAME)
                && SatisfactionLexicon.has(norm, ticket.customer().firstName().toLowerCase(Locale.ROOT) + " ") ? 1 : 0;
        kinds += SatisfactionLexicon.hasAny(norm, SatisfactionLexicon.APOLOGIES) ? 1 : 0;
        kinds += SatisfactionLexicon.hasAny(norm, SatisfactionLexicon.THANKS) ? 1 : 0;
        kinds += SatisfactionLexicon.hasAny(norm, SatisfactionLexicon.WARMTH) ? 1 : 0;
        return kinds;
    }

    private static boolean startsWithGreeting(String norm) {
        for (String greeting : SatisfactionLexicon.GREETING_OPENERS) {
            if (norm.startsWith(" " + greeting + " ")) {
                return true;
            }
        }
        return false;
    }

    // The customer gave the detail; asking for it again tells them nobody read the message.
    private static boolean asksForGivenDetail(Ticket ticket, String lower) {
        for (String sentence : lower.split("(?<=[.!?])\\s+")) {
            String trimmed = sentence.trim();
            boolean request = trimmed.endsWith("?") || SatisfactionLexicon.ASK_SENTENCE_START.matcher(trimmed).find();
            Matcher ask = SatisfactionLexicon.ASK.matcher(trimmed);
            if (!request || !ask.find()) {
                continue;
            }
            String rest = SatisfactionLexicon.normalise(trimmed.substring(ask.start()));
            for (Detail detail : Detail.values()) {
                if (ticket.mentions(detail) && SatisfactionLexicon.hasAny(rest, SatisfactionLexicon.detailNouns(detail))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Repeated sentences cost up to {@link #MAX_REPETITION_PENALTY}; so does a long text made of
     * few distinct words (a keyword said over and over without full stops).
     */
    static double repetitionPenalty(String lower, String norm, int words) {
        String[] sentences = lower.split("[.!?]+");
        Set<String> distinct = new HashSet<>();
        int counted = 0;
        for (String sentence : sentences) {
            String key = SatisfactionLexicon.normalise(sentence).trim();
            if (key.split(" ").length >= 3) {
                counted++;
                distinct.add(key);
            }
        }
        double penalty = counted >= 2 ? 3.0 * (counted - distinct.size()) / counted : 0.0;
        if (words >= 12) {
            Set<String> vocabulary = new HashSet<>(Arrays.asList(norm.trim().split(" ")));
            double typeTokenRatio = vocabulary.size() / (double) words;
            penalty += typeTokenRatio < 0.35 ? 1.0 : 0.0;
        }
        return Math.min(MAX_REPETITION_PENALTY, penalty);
    }

    /** Share of the words that belong to some intent's topic or action phrases, every occurrence counted. */
    static double keywordDensity(String norm, int words) {
        boolean[] covered = new boolean[norm.length()];
        for (Intent intent : Intent.values()) {
            cover(norm, SatisfactionLexicon.topicWords(intent), covered);
            cover(norm, SatisfactionLexicon.actionPhrases(intent), covered);
        }
        int coveredWords = 0;
        for (int i = 1; i < norm.length(); i++) {
            coveredWords += norm.charAt(i - 1) == ' ' && norm.charAt(i) != ' ' && covered[i] ? 1 : 0;
        }
        return words == 0 ? 0.0 : coveredWords / (double) words;
    }

    private static void cover(String norm, List<String> phrases, boolean[] covered) {
        for (String phrase : phrases) {
            for (int at = norm.indexOf(" " + phrase); at >= 0; at = norm.indexOf(" " + phrase, at + 1)) {
                int end = at + 1 + phrase.length();
                for (int i = at + 1; i < end; i++) {
                    covered[i] = true;
                }
            }
        }
    }

    private static int otherAreaIntents(Intent intent, String norm) {
        int count = 0;
        for (Intent other : Intent.values()) {
            if (other.area() != intent.area()
                    && SatisfactionLexicon.hasAny(norm, SatisfactionLexicon.topicWords(other))) {
                count++;
            }
        }
        return count;
    }

    private static int wordCount(String norm) {
        String trimmed = norm.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split(" ").length;
    }

    /** Which details a reply states, and whether each is the ticket's own. */
    private static final class DetailCheck {
        boolean keyRight;
        boolean otherRight;
        boolean wrong;

        static DetailCheck of(Ticket ticket, String raw, String lower, String norm) {
            DetailCheck check = new DetailCheck();
            check.orderNumbers(ticket, lower);
            check.amounts(ticket, lower);
            check.emails(ticket, lower);
            check.dates(ticket, lower);
            check.names(ticket, raw);
            check.products(ticket, norm);
            return check;
        }

        private void right(Ticket ticket, Detail detail) {
            if (ticket.intent().keyDetails().contains(detail)) {
                keyRight = true;
            } else {
                otherRight = true;
            }
        }

        private void orderNumbers(Ticket ticket, String lower) {
            Matcher m = SatisfactionLexicon.ORDER_NUMBER.matcher(lower);
            while (m.find()) {
                if (Integer.parseInt(m.group()) == ticket.order().number()) {
                    right(ticket, Detail.ORDER_NUMBER);
                } else {
                    wrong = true;
                }
            }
        }

        private void amounts(Ticket ticket, String lower) {
            Matcher m = SatisfactionLexicon.AMOUNT.matcher(lower);
            while (m.find()) {
                long cents = Long.parseLong(m.group(1).replace(",", "")) * 100
                        + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
                if (cents == ticket.order().amountCents()) {
                    right(ticket, Detail.AMOUNT);
                } else {
                    wrong = true;
                }
            }
        }

        private void emails(Ticket ticket, String lower) {
            Matcher m = SatisfactionLexicon.EMAIL.matcher(lower);
            while (m.find()) {
                String address = m.group();
                if (address.equals(ticket.customer().email().toLowerCase(Locale.ROOT))) {
                    right(ticket, Detail.EMAIL);
                } else if (address.equals(ticket.customer().newEmail().toLowerCase(Locale.ROOT))) {
                    right(ticket, Detail.NEW_EMAIL);
                } else {
                    wrong = true;
                }
            }
        }

        private void dates(Ticket ticket, String lower) {
            Matcher dayMonth = SatisfactionLexicon.DAY_MONTH.matcher(lower);
            while (dayMonth.find()) {
                date(ticket, Integer.parseInt(dayMonth.group(1)), dayMonth.group(4));
            }
            Matcher monthDay = SatisfactionLexicon.MONTH_DAY.matcher(lower);
            while (monthDay.find()) {
                date(ticket, Integer.parseInt(monthDay.group(2)), monthDay.group(1));
            }
        }

        private void date(Ticket ticket, int day, String monthName) {
            Month month = Month.valueOf(monthName.toUpperCase(Locale.ROOT));
            if (matches(ticket.order().orderDate(), month, day)) {
                right(ticket, Detail.ORDER_DATE);
            } else if (matches(ticket.order().dueDate(), month, day)) {
                right(ticket, Detail.DUE_DATE);
            } else {
                wrong = true;
            }
        }

        private static boolean matches(LocalDate date, Month month, int day) {
            return date.getMonth() == month && date.getDayOfMonth() == day;
        }

        // Only names from the world's pool count: a wrong name is another customer's name.
        // The own name counts as courtesy, not as a detail; only a wrong one counts here.
        private void names(Ticket ticket, String raw) {
            String own = ticket.customer().firstName();
            for (String name : Vocabulary.FIRST_NAMES) {
                if (!name.equals(own) && Ticket.containsWord(raw, name)) {
                    wrong = true;
                }
            }
        }

        private void products(Ticket ticket, String norm) {
            String own = Vocabulary.productNoun(ticket.order().product());
            for (String noun : Vocabulary.PRODUCT_NOUNS) {
                if (SatisfactionLexicon.has(norm, noun)) {
                    if (noun.equals(own)) {
                        otherRight = true;
                    } else {
                        wrong = true;
                    }
                }
            }
        }
    }
}
