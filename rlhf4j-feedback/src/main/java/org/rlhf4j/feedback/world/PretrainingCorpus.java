package org.rlhf4j.feedback.world;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plain-text conversations for pretraining and tokenizer training: one document per
 * conversation, rendered by {@link DialogueFormat}, drawn from {@link Split#PRETRAINING}. Logged
 * replies mix good and poor ones, so the model learns how support conversations read, not only
 * how good ones do.
 */
public record PretrainingCorpus(List<String> documents) {
    /** About 3 MB: a few minutes of pretraining for a small model on a laptop CPU. */
    public static final long DEFAULT_BYTES = 3_000_000L;
    /** Documents are held in memory; beyond this a corpus should be streamed instead. */
    public static final long MAX_BYTES = 1_000_000_000L;

    public PretrainingCorpus {
        documents = List.copyOf(documents);
    }

    /**
     * Conversations {@code 0, 1, 2, ...} of the pretraining split until their UTF-8 size reaches
     * {@code targetBytes}; the result overshoots by less than one document.
     */
    public static PretrainingCorpus generate(SupportWorld world, long targetBytes) {
        Objects.requireNonNull(world, "world");
        if (targetBytes <= 0 || targetBytes > MAX_BYTES) {
            throw new IllegalArgumentException("targetBytes must be in [1, " + MAX_BYTES + "], was " + targetBytes);
        }
        List<String> documents = new ArrayList<>();
        long bytes = 0;
        for (long index = 0; bytes < targetBytes; index++) {
            String document = DialogueFormat.render(world.conversation(Split.PRETRAINING, index));
            documents.add(document);
            bytes += utf8Length(document);
        }
        return new PretrainingCorpus(documents);
    }

    /** Total UTF-8 bytes of the document texts (without JSONL quoting or separators). */
    public long sizeBytes() {
        long bytes = 0;
        for (String document : documents) {
            bytes += utf8Length(document);
        }
        return bytes;
    }

    /** Writes JSONL, one {@code {"text": "..."}} per document, UTF-8; replaces the file. */
    public void write(Path file) throws IOException {
        JsonLines.writeTexts(file, documents);
    }

    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
