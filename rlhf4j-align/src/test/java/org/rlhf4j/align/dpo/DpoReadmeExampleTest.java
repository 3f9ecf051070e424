package org.rlhf4j.align.dpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.align.TinySupportModel;
import org.rlhf4j.align.offline.OfflineTraining;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;

/** README's DPO example, as written there, on a tiny checkpoint and a few simulated comparisons: it must compile and run. */
class DpoReadmeExampleTest {
    @Test
    void theManagedDpoRunRuns(@TempDir Path dir) throws Exception {
        Path sft = TinySupportModel.write(dir);
        Path comparisons = DpoTrainingTest.comparisons(dir);
        Path out = dir.resolve("my-dpo");
        DpoConfig tiny = DpoTrainingTest.config("sigmoid", true);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(printed, true);

        // --- README: begin ---
        Engine.load();
        DpoConfig config = tiny;   // README: DpoConfig.defaults(), or new DpoConfig(...) with TRL's names
        OfflineTraining.Result r = new DpoTraining(config, ComputeDevice.CPU, List.of("my-app"), System.err)
                .run(sft, null, List.of(comparisons), List.of(), out);   // reference null: the SFT model itself; no eval files: hold out eval_fraction
        String accuracy = "eval/" + MetricNames.Dpo.REWARDS_ACCURACIES;    // the implicit reward beta log(pi/ref) ranks held-out pairs
        stdout.printf("held-out accuracy %.3f -> %.3f; model in %s%n", r.first().get(accuracy), r.last().get(accuracy), r.model());
        r.findings().forEach(stdout::println);                              // the doctor, e.g. "both log-probs are falling"
        // --- README: end ---
        assertThat(printed.toString()).startsWith("held-out accuracy ");
        assertThat(r.model()).isDirectory();
    }
}
