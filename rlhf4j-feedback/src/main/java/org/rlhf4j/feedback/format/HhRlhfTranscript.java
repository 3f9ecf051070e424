package org.rlhf4j.feedback.format;

import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.feedback.Role;

/**
 * The transcript text of Anthropic's HH-RLHF (Bai et al. 2022, arXiv:2204.05862):
 * {@code "\n\nHuman: ...\n\nAssistant: ..."}. Pure string work, kept apart from file reading so it
 * can be checked by hand and reused (e.g. for the length baseline).
 */
public final class HhRlhfTranscript {
    static final String HUMAN = "\n\nHuman:";
    static final String ASSISTANT = "\n\nAssistant:";

    private HhRlhfTranscript() {
    }

    /** One turn; {@code text} is exact but for the one space that follows the speaker's colon. */
    public record Turn(Role role, String text) {
    }

    /**
     * A chosen/rejected pair split by the data set's rule: the prompt is everything up to and
     * including the last {@code "\n\nAssistant:"}, the responses are what follows it.
     *
     * @param promptTurns     the chosen transcript's turns before its last assistant marker
     * @param chosen          the chosen final reply (may be empty: the data has some)
     * @param rejected        the rejected final reply (may be empty)
     * @param promptMismatch  true when the two transcripts' prompts differ (the rejected one's is then {@code rejectedPrompt})
     * @param rejectedPrompt  the rejected transcript's prompt text, up to and including its last marker
     */
    public record Pair(List<Turn> promptTurns, String chosen, String rejected, boolean promptMismatch, String rejectedPrompt) {
        public Pair {
            promptTurns = List.copyOf(promptTurns);
        }
    }

    /** Splits a pair; throws IllegalArgumentException naming {@code chosen} or {@code rejected} when one has no assistant turn. */
    public static Pair split(String chosen, String rejected) {
        int c = lastAssistant("chosen", chosen);
        int r = lastAssistant("rejected", rejected);
        String chosenPrompt = chosen.substring(0, c + ASSISTANT.length());
        String rejectedPrompt = rejected.substring(0, r + ASSISTANT.length());
        return new Pair(parse(chosen.substring(0, c)), reply(chosen, c), reply(rejected, r),
                !chosenPrompt.equals(rejectedPrompt), rejectedPrompt);
    }

    /** All turns of a transcript, in order. Text before the first marker is an error. */
    public static List<Turn> parse(String transcript) {
        List<Turn> turns = new ArrayList<>();
        int at = nextMarker(transcript, 0);
        if (at != 0) throw new IllegalArgumentException("transcript must start with \"\\n\\nHuman:\" or \"\\n\\nAssistant:\", got \"" + preview(transcript) + "\"");
        while (at < transcript.length()) {
            boolean human = transcript.startsWith(HUMAN, at);
            int start = at + (human ? HUMAN : ASSISTANT).length();
            int end = nextMarker(transcript, start);
            turns.add(new Turn(human ? Role.USER : Role.ASSISTANT, stripOneSpace(transcript.substring(start, end))));
            at = end;
        }
        return turns;
    }

    private static int lastAssistant(String field, String transcript) {
        int i = transcript.lastIndexOf(ASSISTANT);
        if (i < 0) throw new IllegalArgumentException(field + " has no \"\\n\\nAssistant:\" turn");
        return i;
    }

    private static String reply(String transcript, int lastAssistant) {
        return stripOneSpace(transcript.substring(lastAssistant + ASSISTANT.length()));
    }

    /** The index of the next marker at or after {@code from}, or the length when there is none. */
    private static int nextMarker(String s, int from) {
        int h = s.indexOf(HUMAN, from), a = s.indexOf(ASSISTANT, from);
        if (h < 0) return a < 0 ? s.length() : a;
        return a < 0 ? h : Math.min(h, a);
    }

    // the data writes "Human: text"; the space belongs to the format, anything more to the text
    static String stripOneSpace(String s) {
        return s.startsWith(" ") ? s.substring(1) : s;
    }

    private static String preview(String s) {
        String p = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return p.replace("\n", "\\n");
    }
}
