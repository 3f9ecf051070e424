package org.rlhf4j.feedback.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Role;

/**
 * Imports TRL preference data as decisive {@link Comparison}s (A the chosen). Each line may be
 * plain ({@code {"prompt","chosen","rejected"}} strings), conversational (a message-list prompt,
 * and chosen/rejected each one assistant message), or TRL's implicit-prompt form (only
 * chosen/rejected message lists, sharing every message but their last, assistant, one).
 */
public final class TrlPreferenceReader {
    private TrlPreferenceReader() {
    }

    public static ImportResult<Comparison> read(Path file) {
        return read(file, JsonLinesFile.defaultSource(file));
    }

    public static ImportResult<Comparison> read(Path file, String source) {
        return JsonLinesFile.read(file, source, TrlPreferenceReader::convert);
    }

    private static void convert(JsonLine line, Consumer<Comparison> out) {
        Attribution attribution = Attribution.source(line.source());
        if (line.has("prompt")) {
            out.accept(Comparison.preferring(line.id(), ChatJson.readPrompt(line, "prompt"),
                    ChatJson.readReply(line, "chosen"), ChatJson.readReply(line, "rejected"), attribution));
            return;
        }
        JsonNode chosen = line.require("chosen");
        if (chosen.isTextual()) throw new BadField("prompt", "is missing (needed when chosen and rejected are strings; Anthropic HH-RLHF transcripts are read by HhRlhfReader)");
        List<Message> c = ChatJson.messages("chosen", chosen);
        List<Message> r = ChatJson.messages("rejected", line.require("rejected"));
        requireSharedPrompt(c, r);
        out.accept(Comparison.preferring(line.id(), ChatJson.prompt("chosen", c.subList(0, c.size() - 1)),
                c.get(c.size() - 1).content(), r.get(r.size() - 1).content(), attribution));
    }

    private static void requireSharedPrompt(List<Message> chosen, List<Message> rejected) {
        if (chosen.size() < 2 || chosen.get(chosen.size() - 1).role() != Role.ASSISTANT) throw new BadField("chosen", "must be a conversation ending with an assistant message (no \"prompt\" given)");
        if (rejected.size() < 2 || rejected.get(rejected.size() - 1).role() != Role.ASSISTANT) throw new BadField("rejected", "must be a conversation ending with an assistant message (no \"prompt\" given)");
        if (!chosen.subList(0, chosen.size() - 1).equals(rejected.subList(0, rejected.size() - 1))) {
            throw new BadField("rejected", "must share every message but the last with chosen (the implicit prompt)");
        }
    }
}
