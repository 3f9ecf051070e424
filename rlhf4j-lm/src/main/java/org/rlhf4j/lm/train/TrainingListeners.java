package org.rlhf4j.lm.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.rlhf4j.core.run.AtomicDirectory;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;

/** Ready-made listeners for language-model training: progress bar, metrics file, periodic checkpoints. */
public final class TrainingListeners {
    private TrainingListeners() {}

    /** Advances {@code bar} per step, showing loss, the latest held-out loss and tokens/s. */
    public static TrainingListener progress(ProgressBar bar) {
        return new TrainingListener() {
            double heldOut = Double.NaN;

            @Override
            public void onStep(StepReport r) {
                bar.setExtra(String.format(Locale.ROOT, "loss %.3f%s  %.0f tok/s", r.loss(),
                        Double.isNaN(heldOut) ? "" : String.format(Locale.ROOT, "  held-out %.3f", heldOut), r.tokensPerSecond()));
                bar.step(1);
            }

            @Override
            public void onEvaluation(int step, double loss) {
                heldOut = loss;
            }
        };
    }

    /** One metrics line per step ({@code train/loss}, {@code train/learning_rate}, ...) and per evaluation ({@code eval/loss}). */
    public static TrainingListener metrics(MetricsSink sink) {
        return new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                Map<String, Number> m = new LinkedHashMap<>();
                m.put(MetricNames.Train.LOSS, r.loss());
                m.put(MetricNames.Train.LEARNING_RATE, r.learningRate());
                m.put(MetricNames.Train.GRAD_NORM, r.gradNorm());
                m.put(MetricNames.Train.TOKENS, r.tokens());
                m.put(MetricNames.Train.TOKENS_PER_SECOND, r.tokensPerSecond());
                m.put(MetricNames.Train.SKIPPED_STEPS, r.skippedTotal());
                sink.log(r.step(), m);
            }

            @Override
            public void onEvaluation(int step, double loss) {
                sink.log(step, Map.of(MetricNames.Eval.LOSS, loss));
            }
        };
    }

    /**
     * Every {@code every} steps (not the last), saves model, tokenizer, provenance and the
     * trainer's state to {@code out/checkpoints/step-N/}, keeping only the newest.
     */
    public static TrainingListener checkpoints(LlamaModel model, Path out, Path tokenizerJson, Provenance provenance, Supplier<LmTrainer> trainer, int every) {
        return checkpoints(model, out, tokenizerJson, provenance, trainer, every, tmp -> {});
    }

    /** As above, with more files of the caller's (e.g. early-stopping state) in each checkpoint. */
    public static TrainingListener checkpoints(LlamaModel model, Path out, Path tokenizerJson, Provenance provenance, Supplier<LmTrainer> trainer, int every,
                                               AtomicDirectory.Filler extra) {
        return new TrainingListener() {
            Path previous;

            @Override
            public void onStep(StepReport r) {
                if (r.step() % every != 0 || r.step() == r.maxSteps()) return;
                try {
                    Path dir = Checkpoint.save(out.resolve("checkpoints").resolve(String.format("step-%06d", r.step())), model, tokenizerJson, provenance,
                            tmp -> {
                                trainer.get().saveState(tmp);
                                extra.fill(tmp);
                            });
                    if (previous != null && !previous.equals(dir)) AtomicDirectory.deleteTree(previous);
                    previous = dir;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write checkpoint at step " + r.step(), e);
                }
            }
        };
    }
}
