package org.rlhf4j.align.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlhf4j.align.online.OnlineDoctor;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ValueHead;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.rl.KlPenalty;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.checkpoint.Checkpoint;

/** The managed run: its directory, and a run killed part-way that resumes as if it had never stopped. */
class PpoTrainingTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    private static final SupportWorld WORLD = SupportWorld.seeded(1234);

    static PpoConfig config() {
        PpoConfig d = PpoConfig.defaults();
        return new PpoConfig(1e-3, 4, 2, 1, 2, d.gamma(), d.lam(), d.cliprange(), d.cliprangeValue(), d.vfCoef(), 0.01, true,
                true, 0.1, KlPenalty.Estimator.KL, d.target(), d.horizon(), false, 1.0, 1.0, false, 0, true, false, 10.0, 0.5,
                1.0, 4, 8, 96, 6, 2, 2, 3, Precision.FP32, "support", 17L);
    }

    static Path base(Path dir) throws IOException {
        return org.rlhf4j.align.TinySupportModel.write(dir);
    }

    /** A user's lambda: replies that mention "order" score higher, short ones a little. */
    static final RewardFunction MENTIONS_ORDER = (prompts, responses) -> {
        double[] s = new double[responses.size()];
        for (int i = 0; i < s.length; i++) s[i] = (responses.get(i).contains("order") ? 1 : 0) - 0.01 * responses.get(i).length();
        return s;
    };

    static PpoTraining.Inputs inputs() {
        List<Ticket> train = WORLD.tickets(Split.RL, 0, 40), eval = WORLD.tickets(Split.EVALUATION, 0, 6);
        List<Ticket> all = new ArrayList<>(train);
        all.addAll(eval);
        return new PpoTraining.Inputs(MENTIONS_ORDER, SupportScore.prompts(train), SupportScore.prompts(eval), new SupportGoldReward(SupportScore.of(WORLD, all)));
    }

    @Test
    void aRunDirectoryHoldsConfigMetricsSamplesModelAndReport(@TempDir Path dir) throws IOException {
        Path base = base(dir), out = dir.resolve("ppo");
        PpoTraining.Result r = new PpoTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, inputs(), out);
        assertThat(r.steps()).isEqualTo(6);
        for (String f : List.of(PpoTraining.CONFIG_FILE, PpoTraining.RUN_FILE, "run.json", MetricsSink.FILE_NAME, PpoTraining.SAMPLES_FILE, "report.html",
                "reward.svg", "kl.svg", "gold-vs-kl.svg")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        List<Map<String, Object>> rows = MetricsSink.read(out.resolve(MetricsSink.FILE_NAME));
        long steps = rows.stream().filter(m -> m.containsKey(MetricNames.Ppo.KL)).count();
        assertThat(steps).isEqualTo(6);
        assertThat(rows.get(1)).containsKeys(MetricNames.Ppo.KL, MetricNames.Ppo.KL_COEF, MetricNames.Ppo.ENTROPY, MetricNames.Ppo.MEAN_SCORES,
                MetricNames.Ppo.MEAN_NON_SCORE_REWARD, MetricNames.Ppo.LOSS_POLICY, MetricNames.Ppo.LOSS_VALUE, MetricNames.Ppo.POLICY_CLIPFRAC,
                MetricNames.Ppo.POLICY_APPROXKL, MetricNames.Ppo.VAL_VPRED, MetricNames.Ppo.VAL_CLIPFRAC, MetricNames.Ppo.VAL_VAR_EXPLAINED,
                MetricNames.Ppo.RETURNS_MEAN, MetricNames.Ppo.RESPONSES_LEN_MEAN, MetricNames.Ppo.GOLD, MetricNames.Ppo.TIME_ROLLOUT);
        // Evaluations at steps 0, 2, 4 and 6, with the gold score and its terms.
        assertThat(r.evaluations()).extracting(OnlineEvaluation.Result::step).containsExactly(0, 2, 4, 6);
        assertThat(r.first().gold()).isBetween(1.0, 5.0);
        assertThat(r.first().kl()).isEqualTo(0.0);
        assertThat(r.last().samples()).isNotEmpty();
        // The saved policy is a plain causal LM with the value head beside it, under TRL's names.
        try (SafetensorsReader reader = SafetensorsReader.open(r.model().resolve(Checkpoint.WEIGHTS))) {
            assertThat(reader.contains(ValueHead.WEIGHT)).isTrue();
            assertThat(reader.contains(ValueHead.BIAS)).isTrue();
        }
        PolicyCheckpoint.Loaded back = PolicyCheckpoint.load(r.model(), ComputeDevice.CPU, true, new SplittableRandom(0));
        try (PolicyModel p = back.policy()) {
            assertThat(back.hadValueHead()).isTrue();
        }
        assertThatThrownBy(() -> new PpoTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, inputs(), out))
                .hasMessageContaining("already holds a run");
    }

    @Test
    void aRunKilledAfterACheckpointResumesBitIdentically(@TempDir Path dir) throws IOException {
        Path base = base(dir);
        PpoTraining.Result whole = new PpoTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, inputs(), dir.resolve("whole"));

        Path out = dir.resolve("killed");
        PpoListener crash = new PpoListener() {
            @Override
            public void onStep(PpoStats stats) {
                if (stats.step() == 5) throw new IllegalStateException("simulated kill at step 5");
            }
        };
        assertThatThrownBy(() -> new PpoTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET, List.of(crash)).run(base, null, inputs(), out))
                .hasMessageContaining("simulated kill");
        assertThat(PpoTraining.latestCheckpoint(out).getFileName().toString()).isEqualTo("step-000004");
        PpoTraining.Result resumed = new PpoTraining(PpoTraining.savedConfig(out), ComputeDevice.CPU, List.of("test"), QUIET).resume(inputs(), out);

        assertThat(resumed.steps()).isEqualTo(6);
        try (SafetensorsReader a = SafetensorsReader.open(whole.model().resolve(Checkpoint.WEIGHTS));
             SafetensorsReader b = SafetensorsReader.open(resumed.model().resolve(Checkpoint.WEIGHTS))) {
            assertThat(b.names()).containsExactlyInAnyOrderElementsOf(a.names());
            for (String name : a.names()) assertThat(b.floats(name)).as(name).containsExactly(a.floats(name));
        }
        assertThat(withoutTimes(MetricsSink.read(out.resolve(MetricsSink.FILE_NAME))))
                .isEqualTo(withoutTimes(MetricsSink.read(dir.resolve("whole").resolve(MetricsSink.FILE_NAME))));
        assertThat(Files.readString(out.resolve(PpoTraining.SAMPLES_FILE))).isEqualTo(Files.readString(dir.resolve("whole").resolve(PpoTraining.SAMPLES_FILE)));
    }

    static List<Map<String, Object>> withoutTimes(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(r);
            m.keySet().removeIf(k -> k.equals(MetricsSink.TIME) || k.startsWith("time/"));
            out.add(m);
        }
        return out;
    }
}
