package org.rlhf4j.feedback.world;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** Writes a customer's message: greeting, request, an aside, a sign-off, in varied styles. */
final class CustomerVoice {
    private CustomerVoice() {
    }

    static String message(Intent intent, Facts facts, double typoRate, RandomGenerator rng) {
        StringBuilder text = new StringBuilder(200);
        if (RandomStreams.chance(0.7, rng)) {
            text.append(expand(RandomStreams.pick(CustomerPhrases.GREETINGS, rng), facts, rng)).append(' ');
        }
        String body = expand(RandomStreams.pick(CustomerPhrases.bodies(intent), rng), facts, rng);
        String aside = RandomStreams.chance(0.3, rng)
                ? expand(RandomStreams.pick(CustomerPhrases.ASIDES, rng), facts, rng) : "";
        boolean asideFirst = RandomStreams.chance(0.3, rng);
        text.append(asideFirst ? aside : "").append(' ').append(body).append(' ').append(asideFirst ? "" : aside);
        if (RandomStreams.chance(0.65, rng)) {
            text.append(' ').append(expand(RandomStreams.pick(CustomerPhrases.SIGN_OFFS, rng), facts, rng));
        }
        return restyle(Template.tidy(text), typoRate, rng);
    }

    /** A customer's second message, and whether it says the matter is settled. */
    record FollowUp(String text, boolean satisfied) {
    }

    /** The customer's second message, reacting to what was wrong with the first reply. */
    static FollowUp followUp(Ticket ticket, ReplyQuality first, Facts facts, RandomGenerator rng) {
        Detail key = ticket.intent().keyDetails().get(0);
        boolean settled = first.resolves() && first.details() != ReplyQuality.DetailAccuracy.WRONG
                && first.politeness() != ReplyQuality.Politeness.RUDE;
        String text;
        if (first.isGood()) {
            text = RandomStreams.pick(CustomerPhrases.THANKS, rng);
        } else if (settled) {
            text = RandomStreams.pick(CustomerPhrases.GRUDGING_THANKS, rng);
        } else if (first.details() == ReplyQuality.DetailAccuracy.WRONG || first.asksForGivenDetail()) {
            text = RandomStreams.pick(CustomerPhrases.corrections(key, first.asksForGivenDetail()), rng);
        } else {
            List<String> openers = first.relevance() != ReplyQuality.Relevance.ON_TOPIC ? CustomerPhrases.MISSED_POINT
                    : first.politeness() == ReplyQuality.Politeness.RUDE ? CustomerPhrases.AFTER_RUDENESS
                    : CustomerPhrases.STILL_WAITING;
            String opener = expand(RandomStreams.pick(openers, rng), facts, rng);
            return new FollowUp(Template.tidy(opener + " "
                    + expand(RandomStreams.pick(CustomerPhrases.restatements(ticket.intent()), rng), facts, rng)), settled);
        }
        return new FollowUp(Template.tidy(expand(text, facts, rng)), settled);
    }

    private static String restyle(String text, double typoRate, RandomGenerator rng) {
        String styled = text;
        if (RandomStreams.chance(0.06, rng)) {
            styled = lowerCaseWords(styled);
        }
        if (RandomStreams.chance(0.08, rng) && styled.endsWith(".")) {
            styled = styled.substring(0, styled.length() - 1);
        }
        if (RandomStreams.chance(typoRate, rng)) {
            styled = Typos.inject(styled, 1 + rng.nextInt(2), rng);
        }
        return styled;
    }

    // Lower-cases the prose but keeps e-mail addresses and names as they are, like a hurried typist.
    private static String lowerCaseWords(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String word : text.split(" ", -1)) {
            boolean keep = word.indexOf('@') >= 0 || (word.length() > 1 && Character.isUpperCase(word.charAt(1)));
            keep |= !word.isEmpty() && Character.isUpperCase(word.charAt(0)) && Vocabulary.FIRST_NAMES.contains(stripPunctuation(word));
            out.append(keep ? word : word.toLowerCase(Locale.ROOT)).append(' ');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String stripPunctuation(String word) {
        int end = word.length();
        while (end > 0 && !Character.isLetter(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(0, end);
    }

    private static String expand(String template, Facts facts, RandomGenerator rng) {
        return Template.expand(template, facts::slot, rng);
    }
}
