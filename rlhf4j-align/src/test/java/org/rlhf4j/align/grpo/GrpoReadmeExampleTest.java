package org.rlhf4j.align.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.TinySupportModel;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/** README's GRPO example, as written there, on a tiny checkpoint: it must compile and run. */
class GrpoReadmeExampleTest {
    @Test
    void theGroupStepLoopRuns(@TempDir Path dir) throws Exception {
        Path sft = TinySupportModel.write(dir);
        List<String> logs = new ArrayList<>();
        GrpoConfig config = GrpoTrainingTest.config();   // 2 prompts x 4 replies per step

        // --- README: begin ---
        Engine.load();
        ComputeDevice cpu = ComputeDevice.CPU;
        PolicyCheckpoint.Loaded loaded = PolicyCheckpoint.load(sft, cpu, false, null);              // no value head: GRPO has no critic
        try (PolicyModel policy = loaded.policy();
             PolicyModel reference = PolicyCheckpoint.load(sft, cpu, false, null).policy();      // frozen by the trainer
             Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer());
             GrpoTrainer trainer = new GrpoTrainer(policy, reference, config)) {
            ChatTemplate template = ChatTemplate.named("support");
            List<Prompt> prompts = List.of(Prompt.of("where is my order #12345?"), Prompt.of("how do I reset my password?"));
            for (int step = 0; step < 2; step++) {
                List<int[]> queries = new ArrayList<>();
                for (Prompt p : prompts) {
                    for (int g = 0; g < config.numGenerations(); g++) queries.add(template.encodePrompt(tokenizer, p));   // a group: G copies in a row
                }
                List<int[]> responses = trainer.generate(queries, config.maxCompletionLength(), step);
                double[] rewards = responses.stream().mapToDouble(r -> tokenizer.decode(r, true).contains("order") ? 1.0 : 0.0).toArray();
                GrpoStats stats = trainer.step(queries, responses, rewards);
                logs.add(stats.metrics().toString());   // reward, reward_std, frac_reward_zero_std, kl, clip_ratio/region_mean, ... as TRL names them
            }
        }
        // --- README: end ---
        assertThat(logs).hasSize(2);
        assertThat(logs.get(1)).contains("frac_reward_zero_std=").contains("clip_ratio/region_mean=");
    }
}
