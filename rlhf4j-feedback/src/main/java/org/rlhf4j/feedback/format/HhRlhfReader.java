package org.rlhf4j.feedback.format;

import org.rlhf4j.feedback.LineProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Role;

/**
 * Imports Anthropic HH-RLHF files ({@code {"chosen","rejected"}} whole transcripts) as decisive
 * {@link Comparison}s with A the chosen reply. The split follows {@link HhRlhfTranscript#split}.
 *
 * <p>The data set has quirks that are imported, not hidden: pairs whose transcripts do not share a
 * prompt (imported with the chosen transcript's prompt, metadata {@code prompt_mismatch=true} and
 * the rejected one's prompt kept in {@code rejected_prompt}); prompts whose last turns are
 * assistant turns (dropped from the prompt so it ends with the user, the original kept in
 * {@code chosen_prompt}); replies that contain a further {@code "\n\nHuman:"} turn. Each makes an
 * {@link ImportNote}. An empty final reply, or an empty turn inside the prompt, cannot be a
 * record and is an {@link LineProblem}.
 */
public final class HhRlhfReader {
    public static final String PROMPT_MISMATCH = "prompt_mismatch";
    public static final String PROMPT_TRIMMED = "prompt_trimmed";
    public static final String REPLY_HAS_TURNS = "reply_has_turns";

    private HhRlhfReader() {
    }

    /** Reads a file with source {@code hh-rlhf/<folder>}, e.g. {@code hh-rlhf/helpful-online}. */
    public static ImportResult<Comparison> read(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return read(file, "hh-rlhf/" + (parent == null ? "unknown" : parent.getFileName()));
    }

    public static ImportResult<Comparison> read(Path file, String source) {
        return JsonLinesFile.read(file, source, HhRlhfReader::convert);
    }

    private static void convert(JsonLine line, Consumer<Comparison> out) {
        String chosen = line.text("chosen");
        String rejected = line.text("rejected");
        HhRlhfTranscript.Pair pair;
        try {
            pair = HhRlhfTranscript.split(chosen, rejected);
        } catch (IllegalArgumentException e) {
            throw new BadField(e.getMessage().startsWith("rejected") ? "rejected" : "chosen", e.getMessage());
        }
        requireReply("chosen", pair.chosen());
        requireReply("rejected", pair.rejected());
        Map<String, String> metadata = new HashMap<>();
        Prompt prompt = prompt(line, pair.promptTurns(), chosen, metadata);
        if (pair.promptMismatch()) {
            metadata.put(PROMPT_MISMATCH, "true");
            metadata.put("rejected_prompt", pair.rejectedPrompt());
            line.note(PROMPT_MISMATCH, "the transcripts differ before the last reply; imported with the chosen transcript's prompt");
        }
        noteTurnsInReply(line, "chosen", pair.chosen());
        noteTurnsInReply(line, "rejected", pair.rejected());
        Attribution attribution = new Attribution(null, null, line.source(), metadata);
        out.accept(Comparison.preferring(line.id(), prompt, pair.chosen(), pair.rejected(), attribution));
    }

    private static void requireReply(String field, String reply) {
        if (reply.isEmpty()) throw new BadField(field, "the final assistant reply is empty");
    }

    /** The prompt's messages, ending at the last user turn. */
    private static Prompt prompt(JsonLine line, List<HhRlhfTranscript.Turn> turns, String chosen, Map<String, String> metadata) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            HhRlhfTranscript.Turn turn = turns.get(i);
            if (turn.text().isEmpty()) {
                throw new BadField("chosen", "turn " + (i + 1) + " (" + turn.role().name().toLowerCase() + ") is empty; a prompt message cannot be");
            }
            messages.add(new Message(turn.role(), turn.text()));
        }
        int end = messages.size();
        while (end > 0 && messages.get(end - 1).role() != Role.USER) end--;
        if (end == 0) throw new BadField("chosen", "has no human turn before the last assistant reply");
        if (end < messages.size()) {
            metadata.put(PROMPT_TRIMMED, String.valueOf(messages.size() - end));
            metadata.put("chosen_prompt", chosen.substring(0, chosen.lastIndexOf(HhRlhfTranscript.ASSISTANT) + HhRlhfTranscript.ASSISTANT.length()));
            line.note(PROMPT_TRIMMED, (messages.size() - end) + " assistant turn(s) after the last human turn left out of the prompt");
        }
        return new Prompt(messages.subList(0, end));
    }

    private static void noteTurnsInReply(JsonLine line, String field, String reply) {
        if (reply.contains(HhRlhfTranscript.HUMAN)) line.note(REPLY_HAS_TURNS, "the " + field + " reply contains a further \"\\n\\nHuman:\" turn");
    }
}
