package org.rlhf4j.lm.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Customer-support-like English, generated from a seed, for training tokenizers in tests. */
final class SyntheticCorpus {

    private static final String[] OPENERS = {
        "Hi, ", "Hello, ", "Good morning. ", "", "Thanks for your help earlier. ", "Hey team, "};
    private static final String[] REQUESTS = {
        "I want a refund for order #%d.",
        "My order #%d has not arrived yet.",
        "Can you cancel order #%d, please?",
        "I can't reset my password; the link expired after %d minutes.",
        "The shipping label for order #%d shows the wrong address.",
        "Why was I charged $%d twice this month?",
        "I'd like to change the delivery date of order #%d.",
        "Your app keeps logging me out every %d seconds!"};
    private static final String[] ANSWERS = {
        "We're sorry about that. A refund of $%d will reach your card within 5 days.",
        "I've cancelled order #%d and emailed you a confirmation.",
        "Please check your spam folder; we sent a new reset link %d minutes ago.",
        "Your parcel is in transit and should arrive in %d days.",
        "Thank you for your patience. Ticket %d is now closed.",
        "I understand the frustration. I've escalated this to our shipping team (case %d)."};

    private SyntheticCorpus() {}

    /** {@code count} short support exchanges, a customer line and an agent line each. */
    static List<String> exchanges(int count, long seed) {
        Random random = new Random(seed);
        List<String> exchanges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String opener = pick(OPENERS, random);
            String request = String.format(Locale.ROOT, pick(REQUESTS, random),
                    1000 + random.nextInt(90000));
            String answer = String.format(Locale.ROOT, pick(ANSWERS, random),
                    1 + random.nextInt(500));
            exchanges.add(opener + request + "\n" + answer + "\n");
        }
        return exchanges;
    }

    /** Exchanges totalling at least {@code bytes} characters. */
    static List<String> ofSize(long bytes, long seed) {
        List<String> documents = new ArrayList<>();
        long size = 0;
        Random seeds = new Random(seed);
        while (size < bytes) {
            for (String exchange : exchanges(100, seeds.nextLong())) {
                documents.add(exchange);
                size += exchange.length();
            }
        }
        return documents;
    }

    private static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }
}
