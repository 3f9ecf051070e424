package org.rlhf4j.feedback.format;

import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Prompt;

/**
 * One completion labelled desirable or not, without a partner: TRL's unpaired preference form
 * ({@code prompt, completion, label}) that KTO trains on (Ethayarajh et al. 2024, arXiv:2402.01306).
 */
public record UnpairedExample(String id, Prompt prompt, String completion, boolean desirable, Attribution attribution) {
    public UnpairedExample {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id must be set");
        if (prompt == null) throw new IllegalArgumentException("prompt must be set");
        if (completion == null || completion.isEmpty()) throw new IllegalArgumentException("completion must not be empty");
        if (attribution == null) attribution = Attribution.none();
    }
}
