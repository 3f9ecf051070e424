package org.rlhf4j.feedback.world;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The word lists and patterns {@link GoldSatisfaction} reads text with. Words and phrases match at
 * the start of a word, so {@code track} matches "tracking" and {@code cancel} "cancelled".
 */
final class SatisfactionLexicon {
    private SatisfactionLexicon() {
    }

    /** Words that show a reply is about the intent; two distinct hits make it fully relevant. */
    static List<String> topicWords(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> List.of("status", "on its way", "in transit", "shipped", "dispatch", "track", "arriv",
                    "out for delivery", "warehouse");
            case REFUND -> List.of("refund", "money back", "reimburs", "original payment", "back to your", "credited");
            case PASSWORD_RESET -> List.of("password", "reset", "log in", "login", "sign in", "locked", "unlock");
            case SHIPPING -> List.of("deliver", "courier", "express", "redirect", "reroute", "pickup point", "ship to",
                    "shipping");
            case CANCELLATION -> List.of("cancel", "won't be charged", "will not be charged", "not be charged",
                    "before it ships", "before it left");
            case DAMAGED_ITEM -> List.of("damage", "broken", "replacement", "return label", "photo", "defect", "faulty",
                    "crack", "new one");
            case ACCOUNT_EMAIL_CHANGE -> List.of("email address", "new email", "new address", "verif", "confirmation link",
                    "account email", "login email", "old address");
            case DOUBLE_CHARGE -> List.of("charge", "duplicate", "twice", "billing", "statement", "pending", "authori",
                    "second payment");
        };
    }

    /** Phrases that show a concrete step was taken for the intent. */
    static List<String> actionPhrases(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> List.of("tracking link", "tracking details", "tracking number", "on its way", "in transit",
                    "out for delivery", "has been dispatched", "was dispatched", "has shipped", "has been shipped",
                    "was shipped", "left our warehouse");
            case REFUND -> List.of("issued a refund", "issued your refund", "refund has been", "processed a refund",
                    "processed your refund", "processed the refund", "processed a full refund", "refunded", "back to your",
                    "original payment method");
            case PASSWORD_RESET -> List.of("reset link", "sent you a link", "sent a link", "sent a new link",
                    "password reset email", "unlocked your account", "unlocked it", "account is unlocked");
            case SHIPPING -> List.of("updated the delivery address", "changed the delivery address",
                    "updated the shipping address", "changed the shipping address", "address has been updated",
                    "redirect", "rerouted", "upgraded", "will deliver to", "will be delivered to", "arranged for the courier");
            case CANCELLATION -> List.of("cancelled", "canceled", "cancellation is confirmed", "won't be charged",
                    "will not be charged", "been voided");
            case DAMAGED_ITEM -> List.of("replacement", "return label", "prepaid label", "sent out a new", "send you a new",
                    "sending you a new", "ship a new", "new one will", "will ship to you");
            case ACCOUNT_EMAIL_CHANGE -> List.of("updated the email", "changed the email", "updated your account email",
                    "changed your account email", "updated your login email", "verification link", "confirmation link",
                    "verification email", "now uses", "email has been updated", "switched your account");
            case DOUBLE_CHARGE -> List.of("reversed", "refunded the duplicate", "refunded the second", "voided",
                    "cancelled the duplicate", "released the", "release it", "duplicate charge has been",
                    "second charge has been");
        };
    }

    /** "Passed on", "looking into": a promise that someone else will act, with nothing done. */
    static final List<String> DEFERRALS = List.of("look into", "looking into", "looks into", "get back to you",
            "be in touch", "someone will", "passed", "forwarded", "escalated", "will review", "for review",
            "under review", "investigat", "bear with us", "please wait", "checked manually", "we are checking");

    static final List<String> GREETING_OPENERS = List.of("hi", "hello", "hey", "dear", "good morning",
            "good afternoon", "good evening", "greetings");
    static final List<String> APOLOGIES = List.of("sorry", "apolog", "i understand", "i can imagine", "frustrating",
            "i know how");
    static final List<String> THANKS = List.of("thank", "thanks", "appreciate your patience", "grateful");
    static final List<String> WARMTH = List.of("happy to help", "glad to help", "happy to", "glad", "no problem",
            "of course", "certainly", "anything else", "let me know", "feel free", "have a great", "have a lovely",
            "have a nice", "have a good", "have a wonderful", "good news", "my pleasure", "take care", "enjoy");

    /** Unambiguous markers of a rude reply; one is enough. */
    static final List<String> RUDE = List.of("obviously", "not our problem", "not my problem", "your fault", "don't email us", "hundreds of these", "calm down", "as i already said",
            "should have read", "check your details before", "waste of our time", "what else you expect",
            "on your side", "deal with it", "stupid", "ridiculous", "don't bother", "we can't help you",
            "read the faq", "not the end of the world", "stop emailing", "shut up", "idiot");

    /** A clause that asks the customer to supply something. */
    static final Pattern ASK = Pattern.compile(
            "\\b(provide|send|share|confirm|tell|give|reply with|let (me|us) know)( me| us)? (your|the|which|what|how)\\b");
    static final Pattern ASK_SENTENCE_START = Pattern.compile(
            "^(please|kindly|could|can|would|send|tell|provide|share|confirm|give|let)\\b");

    /** How a request for each detail is worded (normalised: lower case, no hyphens). */
    static List<String> detailNouns(Detail detail) {
        return switch (detail) {
            case ORDER_NUMBER -> List.of("order number", "order no", "order id", "order reference", "which order");
            case EMAIL -> List.of("email", "e mail");
            case NEW_EMAIL -> List.of("new email", "new address");
            case AMOUNT -> List.of("amount", "how much");
            default -> List.of();
        };
    }

    private static final String NUMBER_WORD = "(a|an|one|two|three|four|five|six|seven|ten|twenty-four|\\d+(-\\d+)?|\\d+ to \\d+)";
    /** "within 3-5 business days", "today", "by tomorrow", "straight away". */
    static final Pattern TIMEFRAME = Pattern.compile(
            "\\b(within|in|for) (the next |the |about |around |roughly )?(" + NUMBER_WORD + " )?(more )?(working |business )?"
                    + "(minutes?|hours?|days?|weeks?)\\b"
                    + "|\\b\\d+(-\\d+)? (working |business )?days\\b"
                    + "|\\b(today|tomorrow|tonight|this (morning|afternoon|evening|week))\\b"
                    + "|\\b(right away|straight away|immediately)\\b"
                    + "|\\bby (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|the end of the (day|week))\\b");

    static final Pattern ORDER_NUMBER = Pattern.compile("(?<![\\d$.,])\\d{5}(?![\\d])");
    static final Pattern EMAIL = Pattern.compile("[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)+");
    static final Pattern AMOUNT = Pattern.compile("\\$\\s?(\\d{1,3}(,\\d{3})+|\\d+)(\\.(\\d{2}))?");
    private static final String MONTHS = "(january|february|march|april|may|june|july|august|september|october|november|december)";
    static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})(st|nd|rd|th)?( of)? " + MONTHS + "\\b");
    static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTHS + " (\\d{1,2})(st|nd|rd|th)?\\b");

    /** Lower case, apostrophes unified, every run of other non-letters one space, padded with spaces. */
    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        StringBuilder out = new StringBuilder(lower.length() + 2).append(' ');
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean keep = Character.isLetterOrDigit(c) || c == '\'';
            if (keep) {
                out.append(c);
            } else if (out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        if (out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
        return out.toString();
    }

    /** Whether a normalised text contains the phrase starting at a word boundary. */
    static boolean has(String normalised, String phrase) {
        return normalised.contains(" " + phrase);
    }

    static int countHits(String normalised, List<String> phrases) {
        int hits = 0;
        for (String phrase : phrases) {
            hits += has(normalised, phrase) ? 1 : 0;
        }
        return hits;
    }

    private static final List<String> NEGATORS = List.of("not", "can't", "cannot", "couldn't", "unable", "won't",
            "wasn't", "isn't", "haven't", "hasn't", "didn't", "don't", "no", "never");

    /**
     * Whether some phrase occurs without a negation among the three words before it: "it can't be
     * cancelled" takes no step, "I've cancelled it" does.
     */
    static boolean hasAffirmed(String normalised, List<String> phrases) {
        for (String phrase : phrases) {
            String needle = " " + phrase;
            for (int at = normalised.indexOf(needle); at >= 0; at = normalised.indexOf(needle, at + 1)) {
                if (!negatedBefore(normalised, at)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean negatedBefore(String normalised, int at) {
        int end = at;
        for (int word = 0; word < 3 && end > 0; word++) {
            int start = normalised.lastIndexOf(' ', end - 1);
            if (start < 0) {
                return false;
            }
            if (NEGATORS.contains(normalised.substring(start + 1, end))) {
                return true;
            }
            end = start;
        }
        return false;
    }

    static boolean hasAny(String normalised, List<String> phrases) {
        for (String phrase : phrases) {
            if (has(normalised, phrase)) {
                return true;
            }
        }
        return false;
    }
}
