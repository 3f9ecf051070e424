package org.rlhf4j.align.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/** README's "your own loop" example, as written there, on a tiny checkpoint: it must compile and run. */
class PpoReadmeExampleTest {
    @Test
    void theClassicStepLoopRuns(@TempDir Path dir) throws Exception {
        Path sft = PpoTrainingTest.base(dir);
        List<String> logs = new ArrayList<>();
        PpoConfig config = PpoTrainingTest.config();

        // --- README: begin ---
        Engine.load();
        ComputeDevice cpu = ComputeDevice.CPU;
        PolicyCheckpoint.Loaded loaded = PolicyCheckpoint.load(sft, cpu, true, new SplittableRandom(0));   // with a value head
        try (PolicyModel policy = loaded.policy();
             PolicyModel reference = PolicyCheckpoint.load(sft, cpu, false, null).policy();             // frozen by the trainer
             Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer());
             PpoTrainer trainer = new PpoTrainer(policy, reference, config)) {
            ChatTemplate template = ChatTemplate.named("support");
            List<Prompt> prompts = List.of(Prompt.of("where is my order #12345?"), Prompt.of("how do I reset my password?"),
                    Prompt.of("please cancel order 4711"), Prompt.of("my refund has not arrived"));
            for (int step = 0; step < 2; step++) {
                List<int[]> queries = prompts.stream().map(p -> template.encodePrompt(tokenizer, p)).toList();
                List<int[]> responses = trainer.generate(queries, 16, step);
                double[] rewards = responses.stream().mapToDouble(r -> tokenizer.decode(r, true).contains("order") ? 1.0 : 0.0).toArray();
                PpoStats stats = trainer.step(queries, responses, rewards);
                logs.add(stats.metrics().toString());   // objective/kl, ppo/loss/policy, ... as TRL names them
            }
        }
        // --- README: end ---
        assertThat(logs).hasSize(2);
        assertThat(logs.get(1)).contains("objective/kl=").contains("ppo/loss/value=");
    }
}
