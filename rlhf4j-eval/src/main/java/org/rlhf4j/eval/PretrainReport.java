package org.rlhf4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.rlhf4j.core.report.LearningCurves;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.lm.pretrain.Pretraining;

/** The report of a pretraining run: figures, learning curve, learning rate, samples, files. */
public final class PretrainReport {
    private PretrainReport() {}

    /** Writes {@code report.html} (and its charts) into the run directory; returns its path. */
    public static Path write(Path runDir, Pretraining.Result result, String samples) throws IOException {
        var s = result.summary();
        Path metrics = runDir.resolve(MetricsSink.FILE_NAME);
        RunReport report = new RunReport("Pretraining run: " + runDir.toAbsolutePath().getFileName())
                .figure("parameters", String.format(Locale.ROOT, "%,d", result.parameters()))
                .figure("corpus tokens", String.format(Locale.ROOT, "%,d", result.corpusTokens()))
                .figure("optimizer steps", String.format(Locale.ROOT, "%d (%d skipped as non-finite)", s.steps(), s.skippedSteps()))
                .figure("training time", String.format(Locale.ROOT, "%.0f s (%,.0f tokens/s)", s.seconds(), s.tokens() / s.seconds()))
                .figure("final train loss", String.format(Locale.ROOT, "%.3f", s.lastTrainLoss()))
                .figure("held-out loss", String.format(Locale.ROOT, "%.3f (perplexity %.2f)", s.heldOutLoss(), Math.exp(s.heldOutLoss())))
                .chart("learning-curve.svg", LearningCurves.loss(metrics))
                .chart("learning-rate.svg", LearningCurves.learningRate(metrics));
        if (samples != null && !samples.isBlank()) report.section("Samples", samples);
        return report.link("model/", "final checkpoint (model.safetensors, config.json, tokenizer.json, run.json)")
                .link("metrics.jsonl", "one line per step and per evaluation")
                .link("pretrain-config.json", "the configuration as run")
                .link("run.json", "provenance: seeds, data hash, versions, command line")
                .write(runDir);
    }
}
