package org.rlhf4j.align.offline;

import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * (prompt, reply) to token ids the way TRL's DPO and KTO trainers cut them: the prompt keeps BOS
 * and its last {@code max_prompt_length - 1} tokens (TRL's {@code truncation_mode="keep_end"}:
 * the end is where the reply starts), then the reply keeps its first tokens up to
 * {@code max_length} in all (its EOS is lost when it is cut).
 */
public record ReplyEncoding(Tokenizer tokenizer, ChatTemplate template, int maxLength, int maxPromptLength) {
    public int[] prompt(Prompt prompt) {
        return ChatTemplate.keepBosAndEnd(template.encodePrompt(tokenizer, prompt), maxPromptLength);
    }

    /** The reply's ids after {@code promptIds}, cut so the pair fits in {@code max_length}. */
    public int[] reply(int[] promptIds, String reply) {
        int[] ids = template.encodeResponse(tokenizer, reply);
        int room = maxLength - promptIds.length;
        return ids.length <= room ? ids : java.util.Arrays.copyOf(ids, Math.max(1, room));
    }
}
