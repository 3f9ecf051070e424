package org.rlhf4j.server.project;

import java.util.List;
import org.rlhf4j.feedback.Prompt;

/**
 * One thing to judge: a prompt and its responses, as imported.
 *
 * @param externalId the id from the imported file (or derived from file and line), unique per project
 * @param honeypot   the known answer of a honeypot item, or null for an ordinary item
 */
public record Item(long id, long projectId, String externalId, Prompt prompt, List<String> responses, KnownAnswer honeypot) {
    public Item {
        responses = List.copyOf(responses);
    }
}
