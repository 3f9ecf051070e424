package org.rlhf4j.eval.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/** Policy evaluation end to end on tiny random checkpoints, with a lambda reward and the support world's gold. */
class PolicyEvaluationTest {
    @TempDir
    static Path tmp;
    static Path tokenizerJson, policyDir, otherDir;
    static final List<AutoCloseable> OPEN = new ArrayList<>();

    @BeforeAll
    static void checkpoints() throws IOException {
        tokenizerJson = TinyPolicy.tokenizer(tmp);
        policyDir = TinyPolicy.checkpoint(tmp, "policy", tokenizerJson, 3);
        otherDir = TinyPolicy.checkpoint(tmp, "other", tokenizerJson, 4);
    }

    @AfterAll
    static void close() throws Exception {
        for (AutoCloseable c : OPEN) c.close();
    }

    static PolicyEvaluation.Model load(Path dir) {
        Checkpoint.Loaded c = Checkpoint.load(dir, ComputeDevice.CPU);
        Tokenizer t = Tokenizer.load(c.tokenizer());
        OPEN.add(c.model());
        OPEN.add(t);
        return new PolicyEvaluation.Model(c.model(), t);
    }

    /** Longer replies score higher: a reward any test can reason about. */
    static final RewardFunction LENGTH = (prompts, responses) -> responses.stream().mapToDouble(r -> r.length() / 10.0).toArray();

    static SupportScore tickets() {
        return SupportScore.of(SupportWorld.seeded(1234), Split.EVALUATION, 0, 6);
    }

    static List<Prompt> prompts(SupportScore s) {
        List<Prompt> out = new ArrayList<>();
        for (Ticket t : s.tickets()) out.add(SupportScore.prompt(t));
        return out;
    }

    static PolicyEvaluationConfig config() {
        return PolicyEvaluationConfig.defaults().withMaxNewTokens(12).withBestOfN(List.of(1, 2, 4), 3);
    }

    @Test
    void klToTheSameCheckpointIsExactlyZero() {
        SupportScore s = tickets();
        PolicyEvaluation.Result r = new PolicyEvaluation(config().withGreedy(false).withBestOfN(List.of(), 1))
                .evaluate(load(policyDir), load(policyDir), LENGTH, null, prompts(s));
        assertThat(r.reference().kl().perReply()).isZero();
        assertThat(r.reference().kl().k3PerToken()).isZero();
        assertThat(r.reference().kl().replies()).isEqualTo(6);
        assertThat(r.reference().winRateByGold()).isNull();
        assertThat(r.bestOfN()).isNull();
    }

    @Test
    void klToAnotherModelIsPositiveOnAverage() {
        SupportScore s = tickets();
        PolicyEvaluation.Result r = new PolicyEvaluation(config().withGreedy(false).withBestOfN(List.of(), 1))
                .evaluate(load(policyDir), load(otherDir), LENGTH, new SupportGoldReward(s), prompts(s));
        assertThat(r.reference().kl().k3PerToken()).isPositive();
        assertThat(r.reference().winRateByGold().mean()).isBetween(0.0, 1.0);
    }

    @Test
    void endToEndWritesJsonReportAndSampleTable() throws IOException {
        SupportScore s = tickets();
        PolicyEvaluation.Result r = new PolicyEvaluation(config()).evaluate(load(policyDir), load(otherDir), LENGTH, new SupportGoldReward(s), prompts(s));

        assertThat(r.prompts()).isEqualTo(6);
        for (PolicyEvaluation.ReplySummary m : List.of(r.sampled(), r.greedy(), r.reference().reference())) {
            assertThat(m.replies()).isEqualTo(6);
            assertThat(m.gold().mean()).isBetween(1.0, 5.0);
            assertThat(m.score().mean()).isFinite();
            assertThat(m.meanTokens()).isBetween(0.0, 12.0);
            assertThat(m.eosRate()).isBetween(0.0, 1.0);
            assertThat(m.distinct1()).isBetween(0.0, 1.0);
            assertThat(m.terms().wrongDetailRate()).isBetween(0.0, 1.0);
        }
        PolicyEvaluation.BestOfNCurve c = r.bestOfN();
        assertThat(c.prompts()).isEqualTo(3);
        assertThat(c.samplesPerPrompt()).isEqualTo(4);
        // the oracle never falls with n, and picking by gold is never worse than picking by the reward
        assertThat(c.goldPickedByGold()[0]).isLessThanOrEqualTo(c.goldPickedByGold()[1] + 1e-12);
        assertThat(c.goldPickedByGold()[1]).isLessThanOrEqualTo(c.goldPickedByGold()[2] + 1e-12);
        for (int i = 0; i < 3; i++) assertThat(c.goldPickedByReward()[i]).isLessThanOrEqualTo(c.goldPickedByGold()[i] + 1e-12).isFinite();
        assertThat(c.goldPickedByReward()[0]).isCloseTo(c.goldPickedByGold()[0], org.assertj.core.api.Assertions.within(1e-12));   // n = 1: no choice
        assertThat(c.pickedTerms()).extracting(PolicyEvaluation.PickedTerms::picker).containsExactly("any", "reward", "gold");
        assertThat(r.samples()).hasSize(6);

        Path report = PolicyEvaluationReport.write(r, tmp.resolve("eval"), "tiny <policy> & co");
        assertThat(report).exists();
        String html = Files.readString(report);
        assertThat(html).contains("<th>prompt</th>", "<th>reply</th>", "<th>reward</th>", "<th>gold</th>", "best-of-n.svg", "gold-distribution.svg")
                .contains("tiny &lt;policy&gt; &amp; co").doesNotContain("<policy>");
        assertThat(html).contains(esc(r.samples().get(0).prompt()));
        assertThat(tmp.resolve("eval/best-of-n.svg")).exists();
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("eval").resolve(PolicyEvaluationReport.JSON_FILE).toFile());
        assertThat(json.at("/sampled/gold/mean").asDouble()).isEqualTo(r.sampled().gold().mean());
        assertThat(json.at("/reference/kl/perReply").isNumber()).isTrue();
        assertThat(json.at("/bestOfN/goldPickedByReward").size()).isEqualTo(3);
        assertThat(PolicyEvaluationReport.text(r)).contains("greedy", "best-of-n", "KL to the reference");
        assertThat(r.metrics()).containsKeys("eval/score", "eval/gold", "eval/kl", "eval/kl_k3", "eval/win_rate_gold", "eval/distinct_2")
                .allSatisfy((k, v) -> assertThat(v).as(k).isFinite());
    }

    @Test
    void aSeedFixesTheReplies() {
        SupportScore s = tickets();
        PolicyEvaluationConfig c = config().withGreedy(false).withBestOfN(List.of(), 1);
        var a = new PolicyEvaluation(c).evaluate(load(policyDir), null, LENGTH, null, prompts(s));
        var b = new PolicyEvaluation(c).evaluate(load(policyDir), null, LENGTH, null, prompts(s));
        var d = new PolicyEvaluation(c.withSeed(99)).evaluate(load(policyDir), null, LENGTH, null, prompts(s));
        assertThat(b.samples()).isEqualTo(a.samples());
        assertThat(d.samples()).isNotEqualTo(a.samples());
        assertThat(a.reference()).isNull();
        assertThat(a.sampled().gold()).isNull();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
