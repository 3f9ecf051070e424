package org.rlhf4j.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.bon.BestOfNSelection;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.eval.policy.TinyPolicy;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;

/** The comparison end to end on a tiny random policy: every row evaluated on the same prompts, the baseline first, finished methods not trained again. */
class MethodComparisonTest {
    /** Longer replies score higher. */
    static final RewardFunction LENGTH = (prompts, responses) -> responses.stream().mapToDouble(r -> r.length() / 10.0).toArray();

    @Test
    void everyMethodFromTheSamePolicyEvaluatedTheSameWay(@TempDir Path dir) throws Exception {
        Path tokenizer = TinyPolicy.tokenizer(dir);
        Path sft = TinyPolicy.checkpoint(dir, "sft", tokenizer, 3);
        SupportWorld world = SupportWorld.seeded(1234);
        SupportScore eval = SupportScore.of(world, Split.EVALUATION, 0, 6);
        var train = SupportScore.prompts(world.tickets(Split.RL, 0, 8));
        Path bon = Files.writeString(dir.resolve("bon.json"), "{\"sample_size\": 3, \"max_new_tokens\": 12}");
        Path ppo = Files.writeString(dir.resolve("ppo.json"),
                "{\"steps\": 2, \"batch_size\": 4, \"mini_batch_size\": 2, \"min_new_tokens\": 4, \"max_new_tokens\": 12, \"eval_every\": 0, \"checkpoint_every\": 0}");
        ComparisonConfig config = new ComparisonConfig(List.of("ppo", "best-of-n", "rsft", "sft"), 6, 1.0, 12, 32, List.of(1, 2), 3, 0L);
        var in = new AlignmentMethod.Inputs(sft, List.of(), LENGTH, List.of(), train, null, 0, 0L, ComputeDevice.CPU, List.of("test"), quiet());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = dir.resolve("compare");
        MethodComparison.Result r = new MethodComparison(config, new PrintStream(log, true, StandardCharsets.UTF_8))
                .run(in, SupportScore.prompts(eval.tickets()), new SupportGoldReward(eval), Map.of("best-of-n", bon, "rsft", bon, "ppo", ppo), out);

        assertThat(r.rows()).extracting(MethodComparison.Row::method).containsExactly("sft", "ppo", "best-of-n (n=3)", "rsft");
        MethodComparison.Row base = r.row("sft");
        assertThat(base.kl()).isZero();
        assertThat(base.winRate().mean()).isEqualTo(0.5);
        for (MethodComparison.Row row : r.rows()) {
            assertThat(row.gold().n()).as(row.method()).isEqualTo(6);
            assertThat(row.gold().mean()).as(row.method()).isBetween(1.0, 5.0);
        }
        assertThat(r.row("best-of-n (n=3)").kl()).isCloseTo(BestOfNSelection.klBound(3), within(1e-12));
        assertThat(r.row("ppo").kl()).as("the policy moved: a sample KL estimate, either sign on 6 replies").isNotZero();
        assertThat(r.row("rsft").kl()).isNotZero();
        assertThat(r.row("ppo").trainSeconds()).isPositive();
        assertThat(r.frontierSizes()).containsExactly(1, 2);
        assertThat(r.frontierKl()[0]).isZero();
        for (String f : new String[] {"report.html", "gold-vs-kl.svg", "comparison.json", "comparison-config.json", "sft/eval/report.html", "ppo/eval/evaluation.json",
                "ppo/model/model.safetensors", "rsft/best-of-n.jsonl", "rsft/sft/model/model.safetensors"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
        assertThat(json.size()).isEqualTo(4);
        assertThat(Files.readString(out.resolve("report.html"))).contains("best-of-n (n=3)").contains("gold-vs-kl.svg").contains("ppo/report.html");

        // run again into the same folder: nothing is trained again, and the rows come out the same
        byte[] ppoWeights = Files.readAllBytes(out.resolve("ppo/model/model.safetensors"));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        MethodComparison.Result r2 = new MethodComparison(config, new PrintStream(again, true, StandardCharsets.UTF_8))
                .run(in, SupportScore.prompts(eval.tickets()), new SupportGoldReward(eval), Map.of("best-of-n", bon, "rsft", bon, "ppo", ppo), out);
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("ppo: trained before").contains("rsft: trained before");
        assertThat(Files.readAllBytes(out.resolve("ppo/model/model.safetensors"))).isEqualTo(ppoWeights);
        for (int i = 0; i < r.rows().size(); i++) assertThat(r2.rows().get(i).gold().mean()).isEqualTo(r.rows().get(i).gold().mean());
    }

    @Test
    void unknownMethodsAndBadConfigsAreOneLine(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new MethodComparison(new ComparisonConfig(List.of("sft", "magic"), 6, 1.0, 12, 32, List.of(), 3, 0L), quiet()))
                .isInstanceOf(UserError.class).hasMessageStartingWith("unknown method \"magic\" (known: sft, best-of-n, rsft, ppo");
        assertThatThrownBy(() -> new ComparisonConfig(List.of("sft", "sft"), 6, 1.0, 12, 32, List.of(), 3, 0L)).hasMessageContaining("must not repeat");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"sample_sise\": 3}");
        var in = new AlignmentMethod.Inputs(dir, List.of(), LENGTH, List.of(), List.of(), bad, 0, 0L, ComputeDevice.CPU, List.of("test"), quiet());
        assertThatThrownBy(() -> AlignmentMethods.named("best-of-n").train(in, dir.resolve("x"))).isInstanceOf(UserError.class)
                .hasMessageContaining("bad.json: unknown field \"sample_sise\" of BestOfNConfig");
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
