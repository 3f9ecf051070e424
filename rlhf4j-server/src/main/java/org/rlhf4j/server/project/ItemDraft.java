package org.rlhf4j.server.project;

import java.util.List;
import org.rlhf4j.feedback.Prompt;

/** An item read from a file, checked against its project's task kind, not yet stored. */
public record ItemDraft(String externalId, Prompt prompt, List<String> responses, KnownAnswer honeypot) {
    public static final int MAX_ID = 200, MAX_TEXT = 100_000;

    public ItemDraft {
        if (externalId == null || externalId.isBlank() || externalId.length() > MAX_ID) throw new IllegalArgumentException("id must be 1-" + MAX_ID + " characters");
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        if (prompt.length() > MAX_TEXT) throw new IllegalArgumentException("prompt must have at most " + MAX_TEXT + " characters, got " + prompt.length());
        responses = List.copyOf(responses);
        for (int i = 0; i < responses.size(); i++) {
            String r = responses.get(i);
            if (r == null || r.isEmpty()) throw new IllegalArgumentException("responses[" + i + "] must not be empty");
            if (r.length() > MAX_TEXT) throw new IllegalArgumentException("responses[" + i + "] must have at most " + MAX_TEXT + " characters, got " + r.length());
        }
    }

    /** Refuses a draft whose response count or known answer does not fit the project's task. */
    public void checkFits(TaskKind kind) {
        int n = responses.size();
        if (n < kind.minResponses() || n > kind.maxResponses()) {
            String want = kind.minResponses() == kind.maxResponses() ? "exactly " + kind.minResponses() : kind.minResponses() + ".." + kind.maxResponses();
            throw new IllegalArgumentException("responses: a " + kind.dbName() + " item needs " + want + " responses, got " + n);
        }
        if (honeypot != null) honeypot.checkFits(kind, n);
    }
}
