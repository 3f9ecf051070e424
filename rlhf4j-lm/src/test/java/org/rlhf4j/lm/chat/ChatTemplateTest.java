package org.rlhf4j.lm.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.tokenizer.BpeTrainer;
import org.rlhf4j.lm.tokenizer.BpeTrainerConfig;
import org.rlhf4j.lm.tokenizer.SpecialTokens;
import org.rlhf4j.lm.tokenizer.Tokenizer;

class ChatTemplateTest {
    @TempDir
    static Path dir;
    static Tokenizer tokenizer;

    @BeforeAll
    static void train() throws IOException {
        List<String> corpus = List.of("Customer: where is my order?\nAgent: It ships today.", "Human: hello there\n\nAssistant: Hi! How can I help?");
        Path file = dir.resolve("tokenizer.json");
        BpeTrainer.train(corpus, BpeTrainerConfig.defaults().withVocabSize(320)).write(file);
        tokenizer = Tokenizer.load(file);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void supportTemplateIsTheEmbeddedWorldsPretrainingFormat() {
        ChatTemplate t = ChatTemplate.named("support");
        Prompt p = Prompt.of("where is my order?");
        assertThat(t.render(p)).isEqualTo("Customer: where is my order?\nAgent:");
        ChatTemplate.Encoded e = t.encode(tokenizer, p, "It ships today.");
        assertThat(e.prompt()[0]).isEqualTo(tokenizer.bosId());
        assertThat(e.response()[e.response().length - 1]).isEqualTo(tokenizer.eosId());
        assertThat(tokenizer.decode(e.joined())).isEqualTo("<|bos|>Customer: where is my order?\nAgent: It ships today.<|eos|>");
        assertThat(e.length()).isEqualTo(e.prompt().length + e.response().length);
    }

    @Test
    void hhTemplateRendersAnthropicTranscripts() {
        Prompt p = new Prompt(List.of(Message.user("a"), Message.assistant("b"), Message.user("c")));
        assertThat(ChatTemplate.named("hh").render(p)).isEqualTo("\n\nHuman: a\n\nAssistant: b\n\nHuman: c\n\nAssistant:");
    }

    @Test
    void roleMarkersAreSpecialTokenIds() {
        ChatTemplate t = ChatTemplate.named("chat");
        Prompt p = new Prompt(List.of(Message.system("be brief"), Message.user("hello"), Message.assistant("hi"), Message.user("bye")));
        int[] ids = t.encodePrompt(tokenizer, p);
        int sys = tokenizer.tokenId(SpecialTokens.SYSTEM), user = tokenizer.tokenId(SpecialTokens.USER), asst = tokenizer.tokenId(SpecialTokens.ASSISTANT);
        assertThat(ids[0]).isEqualTo(tokenizer.bosId());
        assertThat(ids[1]).isEqualTo(sys);
        assertThat(ids[ids.length - 1]).isEqualTo(asst);
        assertThat(tokenizer.decode(ids)).isEqualTo("<|bos|><|system|>be brief<|user|>hello<|assistant|>hi<|eos|><|user|>bye<|assistant|>");
        assertThat(t.render(p)).isEqualTo(tokenizer.decode(ids));
        assertThat(java.util.Arrays.stream(ids).filter(i -> i == user).count()).isEqualTo(2);
        assertThat(tokenizer.decode(t.encodeResponse(tokenizer, "ok"))).isEqualTo("ok<|eos|>");
    }

    @Test
    void unknownNamesAndMissingMarkersAreClearErrors() {
        assertThatThrownBy(() -> ChatTemplate.named("alpaca")).hasMessageContaining("unknown chat template \"alpaca\"").hasMessageContaining("chat, support, hh");
    }
}
