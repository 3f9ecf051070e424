package org.rlhf4j.feedback.world;

import java.util.List;
import java.util.Locale;

/**
 * The world's fixed word pools. {@link GoldSatisfaction} reads them too: a customer first name
 * or a product from these pools that is not the ticket's own is a wrong detail.
 */
final class Vocabulary {
    private Vocabulary() {
    }

    // Avoids names that are also common English words (Hope, May, Will) so that spotting a wrong
    // name in a reply never misfires on ordinary text. A few carry diacritics on purpose: the
    // byte-level tokenizer should meet non-ASCII text.
    static final List<String> FIRST_NAMES = List.of(
            "Maria", "James", "Aisha", "Oliver", "Chen", "Sofia", "Liam", "Fatima", "Noah", "Elena",
            "Lucas", "Amara", "Ethan", "Yuki", "Mateo", "Priyanka", "Daniel", "Ingrid", "Omar", "Chloé",
            "Samuel", "Zoë", "Isaac", "Leila", "Gabriel", "Hannah", "Tomasz", "Nia", "Felix", "Rosa",
            "Kwame", "Anya", "Benjamin", "Mei", "Ravi", "Clara", "Diego", "Freya", "Hugo", "Imani",
            "Jonas", "Keiko", "Lorenzo", "Marta", "Nikhil", "Olga", "Pablo", "Quinn", "Rania", "Stefan",
            "Tariq", "Ursula", "Viktor", "Wanjiru", "Xavier", "Yasmin", "Zainab", "Björn", "José", "Émilie",
            "Arjun", "Beatriz", "Callum", "Dalia", "Emeka", "Farah", "Georgia", "Hassan", "Ines", "Jakub",
            "Kofi", "Linnea", "Malik", "Nadia", "Oscar", "Paola", "Rashid", "Saoirse", "Teodor", "Valentina");

    static final List<String> LAST_NAMES = List.of(
            "Lopez", "Okafor", "Nguyen", "Schmidt", "Rossi", "Kowalski", "Haddad", "Tanaka", "Silva",
            "Johansson", "Patel", "Murphy", "Novak", "Mensah", "Dubois", "Fischer", "Costa", "Kim",
            "Ivanova", "Garcia", "Andersen", "Morales", "Nakamura", "Oyelaran", "Petrov", "Quintero",
            "Reyes", "Sato", "Thompson", "Varga", "Weber", "Yilmaz", "Zhang", "Bianchi", "Castillo",
            "Delgado", "Eriksen", "Ferreira", "Gallagher", "Herrera", "Müller", "Núñez", "O'Brien",
            "Papadopoulos", "Ramírez", "Sandoval", "Takahashi", "Walsh", "Adeyemi", "Bergström");

    /** Support agents who sign replies; disjoint from the customers' first names. */
    static final List<String> AGENT_NAMES = List.of(
            "Sam", "Priya", "Tom", "Alex", "Jordan", "Nina", "Leo", "Marcus", "Elif", "Ben",
            "Carmen", "Dev", "Hana", "Iris", "Kai", "Lena", "Max", "Rui", "Tess", "Victor");

    static final List<String> COMPANIES = List.of(
            "Larkstone", "Brightmart", "Harbor Goods", "Pinecrest Home", "Cobalt & Co", "Meadowlane",
            "Northfield Store", "Quayside Supply");

    static final List<String> PRODUCT_COLOURS = List.of(
            "blue", "red", "black", "white", "green", "grey", "yellow", "silver", "navy", "pink",
            "orange", "purple", "beige", "teal", "bamboo", "stainless steel", "ceramic", "wooden",
            "compact", "large", "small", "vintage", "cordless", "foldable");

    // No noun is a substring of another, so a product mention maps to exactly one noun.
    static final List<String> PRODUCT_NOUNS = List.of(
            "kettle", "toaster", "blender", "backpack", "yoga mat", "headset", "desk lamp",
            "coffee grinder", "water bottle", "rain jacket", "phone charger", "office chair",
            "bookshelf", "duvet cover", "frying pan", "wall clock", "bluetooth speaker",
            "gym bag", "hair dryer", "picture frame", "laptop stand", "suitcase", "teapot",
            "sleeping bag", "camping stove", "wristwatch", "keyboard", "computer mouse", "computer screen",
            "blanket", "umbrella", "vacuum cleaner", "air fryer", "rice cooker", "tablet cover",
            "winter coat", "scarf", "bike helmet", "garden hose", "bedside table", "mixing bowl",
            "electric toothbrush", "baby monitor", "board game", "jigsaw puzzle", "dinner set",
            "cushion", "hoodie", "sun hat", "notebook");

    static final List<String> CITIES = List.of(
            "Leeds", "Bristol", "Manchester", "Glasgow", "Cardiff", "Dublin", "Lyon", "Porto",
            "Rotterdam", "Hamburg", "Toronto", "Denver", "Austin", "Melbourne", "Auckland", "Cork",
            "Edinburgh", "Sheffield", "Brighton", "Vancouver", "Seattle", "Boston", "Valencia",
            "Gothenburg");

    static final List<String> MAIL_DOMAINS = List.of(
            "example.com", "example.net", "example.org", "mail.example", "inbox.example",
            "post.example", "webmail.example");

    /** The product noun a product phrase ends with, e.g. {@code kettle} for {@code blue kettle}. */
    static String productNoun(String product) {
        for (String noun : PRODUCT_NOUNS) {
            if (product.endsWith(noun)) {
                return noun;
            }
        }
        return product;
    }

    /** Lower-case ASCII letters for e-mail local parts: {@code Zoë} -> {@code zoe}. */
    static String asciiLetters(String name) {
        String decomposed = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = Character.toLowerCase(decomposed.charAt(i));
            if (c >= 'a' && c <= 'z') {
                out.append(c);
            } else if (c == 'ø') {
                out.append('o');
            } else if (c == 'ß') {
                out.append("ss");
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
