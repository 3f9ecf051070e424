package org.rlhf4j.align.rloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.TinySupportModel;
import org.rlhf4j.align.grpo.GrpoTrainingTest;
import org.rlhf4j.align.online.OnlineListener;
import org.rlhf4j.align.online.OnlineStats;
import org.rlhf4j.align.online.OnlineTraining;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.checkpoint.Checkpoint;

/** A managed RLOO run through the shared loop: its directory, and a resume as if it had never stopped. */
class RlooTrainingTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    static RlooConfig config() {
        return new RlooConfig(1e-3, 2, 4, 1, 2, 2, 0.2, 0.05, true, 1.0, 96, 8, 1.0, 4, 2, 2, 3, Precision.FP32, "support", 19L);
    }

    @Test
    void aRunKilledAfterACheckpointResumesBitIdentically(@TempDir Path dir) throws IOException {
        Path base = TinySupportModel.write(dir);
        OnlineTraining.Result whole = new RlooTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET).run(base, null, GrpoTrainingTest.inputs(), dir.resolve("whole"));
        assertThat(whole.steps()).isEqualTo(4);
        for (String f : List.of(RlooTraining.CONFIG_FILE, "run.json", MetricsSink.FILE_NAME, "report.html")) assertThat(dir.resolve("whole").resolve(f)).as(f).isRegularFile();
        Path out = dir.resolve("killed");
        OnlineListener crash = new OnlineListener() {
            @Override
            public void onStep(OnlineStats stats) {
                if (stats.step() == 3) throw new IllegalStateException("simulated kill at step 3");
            }
        };
        assertThatThrownBy(() -> new RlooTraining(config(), ComputeDevice.CPU, List.of("test"), QUIET, List.of(crash)).run(base, null, GrpoTrainingTest.inputs(), out))
                .hasMessageContaining("simulated kill");
        OnlineTraining.Result resumed = new RlooTraining(RlooTraining.savedConfig(out), ComputeDevice.CPU, List.of("test"), QUIET).resume(GrpoTrainingTest.inputs(), out);
        try (SafetensorsReader a = SafetensorsReader.open(whole.model().resolve(Checkpoint.WEIGHTS));
             SafetensorsReader b = SafetensorsReader.open(resumed.model().resolve(Checkpoint.WEIGHTS))) {
            for (String name : a.names()) assertThat(b.floats(name)).as(name).containsExactly(a.floats(name));
        }
        assertThat(GrpoTrainingTest.withoutTimes(MetricsSink.read(out.resolve(MetricsSink.FILE_NAME))))
                .isEqualTo(GrpoTrainingTest.withoutTimes(MetricsSink.read(dir.resolve("whole").resolve(MetricsSink.FILE_NAME))));
    }
}
