package org.rlhf4j.feedback.stats;

import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;

/**
 * A 64-bit fingerprint (FNV-1a over UTF-16 code units) of what was judged: the whole prompt
 * (every message's role and text) and the responses in the order given. Keeping 8 bytes per item
 * instead of its text is what lets overlap be found over millions of records; two different items
 * collide with probability about items^2 / 2^65 (about 3e-8 for 10^6 items).
 */
final class ItemKey {
    private static final long OFFSET = 0xcbf29ce484222325L, PRIME = 0x100000001b3L;
    private static final char SEPARATOR = '\u0000';

    private ItemKey() {
    }

    static long of(Prompt prompt, String... responses) {
        long h = OFFSET;
        for (Message m : prompt.messages()) {
            h = mix(h, (char) m.role().ordinal());
            h = mix(h, m.content());
            h = mix(h, SEPARATOR);
        }
        for (String response : responses) {
            h = mix(h, SEPARATOR);
            h = mix(h, response);
        }
        return h;
    }

    private static long mix(long h, String text) {
        for (int i = 0; i < text.length(); i++) h = mix(h, text.charAt(i));
        return h;
    }

    private static long mix(long h, char c) {
        h = (h ^ (c & 0xff)) * PRIME;
        return (h ^ (c >>> 8)) * PRIME;
    }
}
