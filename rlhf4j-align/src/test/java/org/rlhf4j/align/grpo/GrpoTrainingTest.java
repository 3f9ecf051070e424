package org.rlhf4j.align.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.TinySupportModel;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.rlhf4j.align.online.OnlineListener;
import org.rlhf4j.align.online.OnlineStats;
import org.rlhf4j.align.online.OnlineTraining;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.rl.GroupPolicyLoss;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.checkpoint.Checkpoint;

/** A managed GRPO run: its directory, and a run killed part-way that resumes as if it had never stopped. */
public class GrpoTrainingTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    private static final SupportWorld WORLD = SupportWorld.seeded(1234);

    /** 2 prompts x 4 replies per step in micro-batches of 4, 6 steps, evaluations and checkpoints every 2. */
    static GrpoConfig config() {
        return new GrpoConfig(1e-3, 4, 4, 1, 2, 2, 0.04, 0.2, 0.28, GroupPolicyLoss.LossType.GRPO, true, 1.0, 96, 8, 1.0, 6, 2, 2, 3, Precision.FP32, "support", 17L);
    }

    /** A user's lambda: replies that mention "order" score higher, short ones a little. */
    static final RewardFunction MENTIONS_ORDER = (prompts, responses) -> {
        double[] s = new double[responses.size()];
        for (int i = 0; i < s.length; i++) s[i] = (responses.get(i).contains("order") ? 1 : 0) - 0.01 * responses.get(i).length();
        return s;
    };

    public static OnlineTraining.Inputs inputs() {
        List<Ticket> train = WORLD.tickets(Split.RL, 0, 40), eval = WORLD.tickets(Split.EVALUATION, 0, 6);
        List<Ticket> all = new ArrayList<>(train);
        all.addAll(eval);
        return new OnlineTraining.Inputs(MENTIONS_ORDER, SupportScore.prompts(train), SupportScore.prompts(eval), new SupportGoldReward(SupportScore.of(WORLD, all)));
    }

    @Test
    void aRunKilledAfterACheckpointResumesBitIdentically(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir);
        OnlineTraining.Result whole = new GrpoTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, inputs(), dir.resolve("whole"));
        Path w = dir.resolve("whole");
        assertThat(whole.steps()).isEqualTo(6);
        for (String f : List.of(GrpoTraining.CONFIG_FILE, "grpo-run.json", "run.json", MetricsSink.FILE_NAME, OnlineTraining.SAMPLES_FILE, "report.html", "reward.svg", "kl.svg")) {
            assertThat(w.resolve(f)).as(f).isRegularFile();
        }
        List<Map<String, Object>> rows = MetricsSink.read(w.resolve(MetricsSink.FILE_NAME));
        assertThat(rows.stream().filter(m -> m.containsKey(MetricNames.Grpo.FRAC_REWARD_ZERO_STD)).count()).isEqualTo(6);
        assertThat(rows.get(1)).containsKeys(MetricNames.Grpo.REWARD, MetricNames.Grpo.REWARD_STD, MetricNames.Grpo.KL, MetricNames.Grpo.LOSS,
                MetricNames.Grpo.CLIP_RATIO_HIGH, MetricNames.Grpo.GOLD, MetricNames.Grpo.TIME_ROLLOUT);
        assertThat(whole.evaluations()).extracting(OnlineEvaluation.Result::step).containsExactly(0, 2, 4, 6);
        assertThat(whole.first().kl()).isEqualTo(0.0);
        assertThat(whole.findings().text()).contains("doctor");
        assertThat(GrpoTraining.savedConfig(w)).isEqualTo(config());

        Path out = dir.resolve("killed");
        OnlineListener crash = new OnlineListener() {
            @Override
            public void onStep(OnlineStats stats) {
                if (stats.step() == 5) throw new IllegalStateException("simulated kill at step 5");
            }
        };
        assertThatThrownBy(() -> new GrpoTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET, List.of(crash)).run(base, null, inputs(), out))
                .hasMessageContaining("simulated kill");
        assertThat(GrpoTraining.latestCheckpoint(out).getFileName().toString()).isEqualTo("step-000004");
        OnlineTraining.Result resumed = new GrpoTraining(GrpoTraining.savedConfig(out), ComputeDevice.CPU, List.of("test"), QUIET).resume(inputs(), out);

        assertThat(resumed.steps()).isEqualTo(6);
        try (SafetensorsReader a = SafetensorsReader.open(whole.model().resolve(Checkpoint.WEIGHTS));
             SafetensorsReader b = SafetensorsReader.open(resumed.model().resolve(Checkpoint.WEIGHTS))) {
            assertThat(b.names()).containsExactlyInAnyOrderElementsOf(a.names());
            for (String name : a.names()) assertThat(b.floats(name)).as(name).containsExactly(a.floats(name));
        }
        assertThat(withoutTimes(MetricsSink.read(out.resolve(MetricsSink.FILE_NAME)))).isEqualTo(withoutTimes(rows));
        assertThat(Files.readString(out.resolve(OnlineTraining.SAMPLES_FILE))).isEqualTo(Files.readString(w.resolve(OnlineTraining.SAMPLES_FILE)));
        assertThatThrownBy(() -> new GrpoTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET).resume(inputs(), dir.resolve("nothing")))
                .hasMessageContaining("cannot resume");
    }

    public static List<Map<String, Object>> withoutTimes(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(r);
            m.keySet().removeIf(k -> k.equals(MetricsSink.TIME) || k.startsWith("time/"));
            out.add(m);
        }
        return out;
    }
}
