package org.rlhf4j.align.bon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.TinySupportModel;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.sft.SftConfig;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;

class RejectionSamplingTrainingTest {
    /** Counts the letter 'e': a reward the tiny random model can be taught by picking its own replies. */
    static final RewardFunction LETTER_E = (prompts, replies) -> replies.stream().mapToDouble(r -> r.chars().filter(c -> c == 'e').count()).toArray();

    private static final BestOfNConfig BON = new BestOfNConfig(4, 1, 1.0, 24, 32, "support", 7L);

    private static SftConfig sft() {
        SftConfig c = RejectionSamplingTraining.defaultSft();
        return c.withTraining(c.training().withLearningRate(3e-3).withMaxSteps(40));
    }

    private static List<Prompt> prompts(int n) {
        // short prompts: the tiny model's context is 128 tokens
        List<Prompt> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Prompt.of("Where is my order " + (1000 + i) + "?"));
        return out;
    }

    @Test
    void keepsTheBestOfEachPromptsRepliesAndFineTunesOnThem(@TempDir Path dir) throws Exception {
        Path base = TinySupportModel.write(dir);
        Path out = dir.resolve("rsft");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        RejectionSamplingTraining.Result r = new RejectionSamplingTraining(BON, sft(), ComputeDevice.CPU, List.of("test"), quiet).run(base, LETTER_E, prompts(48), out);

        // one pick per prompt, each the maximum of its prompt's 4 scores, so never below their mean
        assertThat(r.picks().picks()).hasSize(48);
        for (BestOfNSampling.Pick p : r.picks().picks()) {
            assertThat(p.rank()).isZero();
            assertThat(p.score()).isGreaterThanOrEqualTo(p.meanScore());
            assertThat(p.score()).isEqualTo(LETTER_E.score(List.of(p.prompt()), List.of(p.reply()))[0]);
        }
        assertThat(r.picks().meanOfBest()).isGreaterThan(r.picks().meanOfAll());
        List<Feedback> written = FeedbackStore.read(out.resolve(RejectionSamplingTraining.PICKS_FILE)).records();
        assertThat(written).hasSize(48).allMatch(f -> f instanceof Demonstration d && d.attribution().metadata().containsKey("score"));

        // SFT ran on them and changed the policy
        assertThat(r.sft().summary().steps()).isPositive();
        assertThat(weights(r.model())).isNotEqualTo(weights(base));

        // learning happened: the fine-tuned policy's own best-of-1 replies score higher than the base's
        BestOfNConfig one = new BestOfNConfig(1, 1, 1.0, 24, 32, "support", 99L);
        assertThat(meanScore(r.model(), one)).isGreaterThan(meanScore(base, one));
    }

    @Test
    void resumeReusesWrittenPicksAndASecondStartIsRefused(@TempDir Path dir) throws Exception {
        Path base = TinySupportModel.write(dir);
        Path out = dir.resolve("rsft");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        SftConfig short_ = sft().withTraining(sft().training().withMaxSteps(2));
        var training = new RejectionSamplingTraining(BON, short_, ComputeDevice.CPU, List.of("test"), quiet);
        training.run(base, LETTER_E, prompts(8), out);
        byte[] picks = Files.readAllBytes(out.resolve(RejectionSamplingTraining.PICKS_FILE));
        assertThatThrownBy(() -> training.run(base, LETTER_E, prompts(8), out)).isInstanceOf(UserError.class).hasMessageContaining("already holds a run");

        // a kill during SFT before its first checkpoint: the picks stay, SFT starts again
        Files.delete(out.resolve("sft").resolve("metrics.jsonl"));
        RejectionSamplingTraining.Result resumed = training.resume(base, LETTER_E, prompts(8), out);
        assertThat(resumed.picks()).isNull();
        assertThat(Files.readAllBytes(out.resolve(RejectionSamplingTraining.PICKS_FILE))).isEqualTo(picks);
        assertThat(resumed.model()).exists();

        var other = new RejectionSamplingTraining(BON.withSampleSize(2), short_, ComputeDevice.CPU, List.of("test"), quiet);
        assertThatThrownBy(() -> other.resume(base, LETTER_E, prompts(8), out)).isInstanceOf(UserError.class).hasMessageContaining("was started with");
    }

    private static double meanScore(Path model, BestOfNConfig c) {
        Checkpoint.Loaded loaded = Checkpoint.load(model, ComputeDevice.CPU);
        try (LlamaModel m = loaded.model(); Tokenizer t = Tokenizer.load(loaded.tokenizer())) {
            return new BestOfNSampling(c).sample(m, t, LETTER_E, prompts(96)).meanOfAll();
        }
    }

    private static Map<String, Integer> weights(Path model) {
        Checkpoint.Loaded loaded = Checkpoint.load(model, ComputeDevice.CPU);
        try (LlamaModel m = loaded.model()) {
            Map<String, Integer> hashes = new java.util.TreeMap<>();
            for (var e : m.parameters().entries()) hashes.put(e.name(), Arrays.hashCode(org.rlhf4j.core.tensor.TensorData.toFloats(e.tensor())));
            return hashes;
        }
    }
}
