package org.rlhf4j.lm.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Role;
import org.rlhf4j.lm.tokenizer.SpecialTokens;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * A chat template: how a prompt (system, user and earlier assistant turns) and a response become
 * one token sequence. Every sequence starts with BOS and every response ends with EOS, so
 * generation stops where a reply ends and a reward head reads the same closing token for every
 * response. Two kinds:
 * <ul>
 *   <li>{@link #roleMarkers()} ({@code chat}): the tokenizer's special tokens open each turn,
 *       {@code <|bos|><|system|>...<|user|>...<|assistant|>reply<|eos|>}; an earlier assistant
 *       turn also ends with EOS. Marker ids are inserted as ids, never parsed from text, so a
 *       message that contains the text {@code <|eos|>} cannot forge one.</li>
 *   <li>{@link #transcript} : plain text with role labels, one turn per line
 *       ({@code support}: {@code Customer: ...\nAgent:} then {@code " reply"}, exactly the
 *       pretraining format of the embedded world; {@code hh}: Anthropic HH-RLHF's
 *       {@code \n\nHuman: ...\n\nAssistant:}).</li>
 * </ul>
 * Prompt and response are tokenised apart and concatenated, so the boundary between them is exact.
 */
public final class ChatTemplate {
    /** The names {@link #named} knows. */
    public static final List<String> NAMES = List.of("chat", "support", "hh");

    private final String name;
    private final boolean markers;
    private final String lead, separator;
    private final Map<Role, String> labels;

    private ChatTemplate(String name, boolean markers, String lead, String separator, Map<Role, String> labels) {
        this.name = name;
        this.markers = markers;
        this.lead = lead;
        this.separator = separator;
        this.labels = labels;
    }

    /** {@code <|system|>}, {@code <|user|>}, {@code <|assistant|>} markers. */
    public static ChatTemplate roleMarkers() {
        return new ChatTemplate("chat", true, "", "", Map.of());
    }

    /**
     * Role labels: {@code lead + label(m1) + ": " + content(m1) + separator + ... + separator +
     * assistantLabel + ":"}, and the response {@code " " + text}.
     */
    public static ChatTemplate transcript(String name, String lead, String separator, String systemLabel, String userLabel, String assistantLabel) {
        return new ChatTemplate(name, false, lead, separator,
                Map.of(Role.SYSTEM, systemLabel, Role.USER, userLabel, Role.ASSISTANT, assistantLabel));
    }

    /** {@code chat}, {@code support} or {@code hh}. */
    public static ChatTemplate named(String name) {
        switch (Objects.requireNonNull(name, "name")) {
            case "chat": return roleMarkers();
            case "support": return transcript("support", "", "\n", "System", "Customer", "Agent");
            case "hh": return transcript("hh", "\n\n", "\n\n", "System", "Human", "Assistant");
            default: throw new IllegalArgumentException("unknown chat template \"" + name + "\" (known: " + String.join(", ", NAMES) + ")");
        }
    }

    public String name() {
        return name;
    }

    /** A prompt and a response as token ids: {@code prompt} starts with BOS, {@code response} ends with EOS. */
    public record Encoded(int[] prompt, int[] response) {
        public int length() {
            return prompt.length + response.length;
        }

        /** prompt followed by response. */
        public int[] joined() {
            int[] all = java.util.Arrays.copyOf(prompt, prompt.length + response.length);
            System.arraycopy(response, 0, all, prompt.length, response.length);
            return all;
        }
    }

    /** The prompt's text as this template renders it (markers shown as their token text). */
    public String render(Prompt prompt) {
        if (!markers) return transcriptPrompt(prompt);
        StringBuilder s = new StringBuilder(SpecialTokens.BOS);
        for (Message m : prompt.messages()) {
            s.append(marker(m.role())).append(m.content());
            if (m.role() == Role.ASSISTANT) s.append(SpecialTokens.EOS);
        }
        return s.append(SpecialTokens.ASSISTANT).toString();
    }

    /** The prompt's ids, ending where the response begins (after the assistant marker or label). */
    public int[] encodePrompt(Tokenizer tokenizer, Prompt prompt) {
        if (!markers) return withBos(tokenizer.bosId(), tokenizer.encode(transcriptPrompt(prompt)));
        List<int[]> parts = new ArrayList<>();
        parts.add(new int[] {tokenizer.bosId()});
        List<String> texts = new ArrayList<>();
        for (Message m : prompt.messages()) texts.add(m.content());
        List<int[]> encoded = tokenizer.encodeBatch(texts);
        for (int i = 0; i < texts.size(); i++) {
            Message m = prompt.messages().get(i);
            parts.add(new int[] {markerId(tokenizer, m.role())});
            parts.add(encoded.get(i));
            if (m.role() == Role.ASSISTANT) parts.add(new int[] {tokenizer.eosId()});
        }
        parts.add(new int[] {markerId(tokenizer, Role.ASSISTANT)});
        return concat(parts);
    }

    /** The response's ids followed by EOS. */
    public int[] encodeResponse(Tokenizer tokenizer, String response) {
        int[] text = tokenizer.encode(responseText(response));
        int[] out = java.util.Arrays.copyOf(text, text.length + 1);
        out[text.length] = tokenizer.eosId();
        return out;
    }

    public Encoded encode(Tokenizer tokenizer, Prompt prompt, String response) {
        return new Encoded(encodePrompt(tokenizer, prompt), encodeResponse(tokenizer, response));
    }

    /** The text a response is tokenised from: with a leading space after a role label. */
    public String responseText(String response) {
        return markers ? response : " " + response;
    }

    private String transcriptPrompt(Prompt prompt) {
        StringBuilder s = new StringBuilder(lead);
        for (int i = 0; i < prompt.messages().size(); i++) {
            Message m = prompt.messages().get(i);
            if (i > 0) s.append(separator);
            s.append(labels.get(m.role())).append(": ").append(m.content());
        }
        return s.append(separator).append(labels.get(Role.ASSISTANT)).append(':').toString();
    }

    private static String marker(Role role) {
        switch (role) {
            case SYSTEM: return SpecialTokens.SYSTEM;
            case USER: return SpecialTokens.USER;
            default: return SpecialTokens.ASSISTANT;
        }
    }

    private static int markerId(Tokenizer tokenizer, Role role) {
        String token = marker(role);
        OptionalInt id = tokenizer.findTokenId(token);
        if (id.isEmpty()) {
            throw new IllegalArgumentException(tokenizer.source() + " has no " + token
                    + " token, which the \"chat\" template needs; use a template with role labels (support, hh)");
        }
        return id.getAsInt();
    }

    /**
     * {@code ids} cut to {@code max} tokens by keeping the first (BOS) and the last {@code max - 1},
     * the end being where a prompt meets its reply; unchanged when it already fits.
     */
    public static int[] keepBosAndEnd(int[] ids, int max) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1, got " + max);
        if (ids.length <= max) return ids;
        int[] out = new int[max];
        out[0] = ids[0];
        System.arraycopy(ids, ids.length - (max - 1), out, 1, max - 1);
        return out;
    }

    private static int[] withBos(int bos, int[] ids) {
        int[] out = new int[ids.length + 1];
        out[0] = bos;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    private static int[] concat(List<int[]> parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
