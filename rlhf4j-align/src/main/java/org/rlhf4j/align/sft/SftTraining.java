package org.rlhf4j.align.sft;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.report.LearningCurves;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.run.AtomicDirectory;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.validate.FeedbackFiles;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import org.rlhf4j.lm.train.LmBatch;
import org.rlhf4j.lm.train.LmTrainer;
import org.rlhf4j.lm.train.LmTrainingConfig;
import org.rlhf4j.lm.train.TrainingListener;
import org.rlhf4j.lm.train.TrainingListeners;

/**
 * One SFT run into a run directory:
 * <pre>
 * out/
 *   sft-config.json     the configuration, as run
 *   run.json            provenance (seeds, data hashes, the base checkpoint, versions, command line)
 *   metrics.jsonl       train/loss, eval/loss, ... per step
 *   report.html         learning curves
 *   checkpoints/step-N/ the newest periodic checkpoint (weights, optimizer, trainer state)
 *   model/              the final model: the best held-out loss seen (early stopping keeps it)
 * </pre>
 */
public final class SftTraining {
    public static final String CONFIG_FILE = "sft-config.json";
    static final String EARLY_STOPPING_FILE = "early-stopping.json";
    static final String BEST_WEIGHTS_FILE = "best.safetensors";

    /** Early stopping's state in a checkpoint. */
    public record State(double heldOutLossBefore, Double bestLoss, int bestStep, int sinceBest) {}
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SftConfig config;
    private final ComputeDevice device;
    private final List<String> commandLine;
    private final PrintStream log;
    private final int checkpointEvery;

    private final List<TrainingListener> extraListeners;

    public SftTraining(SftConfig config, ComputeDevice device, List<String> commandLine, PrintStream log, int checkpointEvery) {
        this(config, device, commandLine, log, checkpointEvery, List.of());
    }

    /** With listeners of the caller's (tests use one to stop a run part-way, as a crash would). */
    public SftTraining(SftConfig config, ComputeDevice device, List<String> commandLine, PrintStream log, int checkpointEvery, List<TrainingListener> extraListeners) {
        this.extraListeners = List.copyOf(extraListeners);
        this.config = config;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.log = log;
        this.checkpointEvery = checkpointEvery;
    }

    /** What the run produced: held-out loss before training, at the best evaluation, and where it stopped. */
    public record Result(Path model, LmTrainer.Summary summary, double heldOutLossBefore, double bestHeldOutLoss, int bestStep,
                         int trainExamples, int heldOutExamples, Path report) {}

    public Result run(Path base, List<Path> dataFiles, Path out) throws IOException {
        return run(base, dataFiles, out, null);
    }

    /** The configuration a run directory was started with. */
    public static SftConfig savedConfig(Path out) {
        Path file = out.resolve(CONFIG_FILE);
        try {
            return JSON.readValue(file.toFile(), SftConfig.class);
        } catch (IOException e) {
            throw new UserError(file + ": cannot resume this run: " + e.getMessage(), e);
        }
    }

    /**
     * Continues the run in {@code out} from its newest complete checkpoint as if it had never
     * stopped: weights, AdamW moments, step counters, the data stream's position and the early
     * stopping state (best loss and weights) are restored. The data files must be the ones the
     * run started with; construct this with {@link #savedConfig}.
     */
    public Result resume(List<Path> dataFiles, Path out) throws IOException {
        Path checkpoint = org.rlhf4j.lm.pretrain.Pretraining.latestCheckpoint(out);
        if (checkpoint == null) throw new UserError(out + ": no complete checkpoint to resume from (checkpoints/step-N with " + LmTrainer.STATE_FILE + ")");
        Provenance saved = Provenance.read(checkpoint.resolve(Provenance.FILE_NAME));
        List<Provenance.DataFile> now = Provenance.DataFile.ofAll(dataFiles);
        for (int i = 0; i < Math.max(now.size(), saved.dataFiles().size()); i++) {
            if (i >= now.size() || i >= saved.dataFiles().size() || !now.get(i).sha256().equals(saved.dataFiles().get(i).sha256())) {
                throw new UserError(dataFiles + ": not the data this run started with (SHA-256 differs from " + checkpoint.resolve(Provenance.FILE_NAME) + ")");
            }
        }
        return run(checkpoint, dataFiles, out, checkpoint);
    }

    private Result run(Path base, List<Path> dataFiles, Path out, Path resumeFrom) throws IOException {
        List<Demonstration> demonstrations = demonstrations(FeedbackFiles.readAll(dataFiles, log::println));
        if (demonstrations.size() < 2) throw new UserError("need at least 2 demonstrations (or corrected critiques) in " + dataFiles + ", found " + demonstrations.size());
        Files.createDirectories(out);
        if (resumeFrom == null) JSON.writeValue(out.resolve(CONFIG_FILE).toFile(), config);
        SeedStreams seeds = SeedStreams.of(config.training().seed());
        List<Demonstration> shuffled = org.rlhf4j.core.run.Shuffle.copy(demonstrations, seeds.random("held_out"));
        int heldOutCount = Math.max(1, (int) Math.round(shuffled.size() * config.evalFraction()));
        Engine.seed(seeds.seed("engine"));
        ChatTemplate template = ChatTemplate.named(config.template());
        Checkpoint.Loaded loaded = Checkpoint.load(base, device);
        if (loaded.tokenizer() == null) {
            loaded.model().close();
            throw new UserError(base + ": no tokenizer.json beside the model");
        }
        try (LlamaModel model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            int context = Math.min(config.training().contextLength(), model.config().maxPositionEmbeddings());
            SftData data = new SftData(context, config.completionOnly(), config.packing(), tokenizer.padId());
            SftData.Rows heldOut = data.rows(encode(tokenizer, template, shuffled.subList(0, heldOutCount)));
            SftData.Rows train = data.rows(encode(tokenizer, template, shuffled.subList(heldOutCount, shuffled.size())));
            if (train.size() == 0) throw new UserError("no demonstration fits in " + context + " tokens with room for a response");
            log.printf(Locale.ROOT, "sft data: %d training and %d held-out demonstrations -> %d and %d rows of %d tokens%s; %d truncated, %d skipped (prompt too long)%n",
                    shuffled.size() - heldOutCount, heldOutCount, train.size(), heldOut.size(), context, config.packing() ? " (packed)" : "",
                    train.truncated() + heldOut.truncated(), train.skipped() + heldOut.skipped());
            int perEpoch = (train.size() + config.training().batchSize() - 1) / config.training().batchSize();
            LmTrainingConfig t = config.training().withMaxSteps(Math.min(config.training().maxSteps(), perEpoch * config.epochs()));
            Provenance provenance = Provenance.capture("sft", JSON.valueToTree(config), seeds, "held_out", "data_order", "engine")
                    .withDataFiles(Provenance.DataFile.ofAll(dataFiles))
                    .withParent(Provenance.ParentCheckpoint.of(base))
                    .withEngineVersions(Map.of("libtorch", Engine.version(), "device", device.toString()))
                    .withCommandLine(commandLine);
            provenance.write(out.resolve(Provenance.FILE_NAME));
            return train(model, t, data, train, heldOut, seeds, out, loaded.tokenizer(), provenance, shuffled.size() - heldOutCount, heldOutCount, resumeFrom);
        }
    }

    private Result train(LlamaModel model, LmTrainingConfig t, SftData data, SftData.Rows train, SftData.Rows heldOutRows, SeedStreams seeds, Path out,
                         Path tokenizerJson, Provenance provenance, int trainCount, int heldOutCount, Path resumeFrom) throws IOException {
        List<LmBatch> heldOut = data.fixed(heldOutRows, t.batchSize());
        EarlyStopping best = new EarlyStopping(model);
        try (MetricsSink metrics = MetricsSink.open(out.resolve(MetricsSink.FILE_NAME));
             ProgressBar bar = new ProgressBar("sft", t.maxSteps(), "steps")) {
            LmTrainer[] current = new LmTrainer[1];
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(TrainingListeners.progress(bar));
            listeners.add(TrainingListeners.metrics(metrics));
            listeners.add(best.listener(current));
            if (checkpointEvery > 0) listeners.add(TrainingListeners.checkpoints(model, out, tokenizerJson, provenance, () -> current[0], checkpointEvery, best::save));
            listeners.addAll(extraListeners);
            try (LmTrainer trainer = new LmTrainer(model, t, listeners)) {
                current[0] = trainer;
                var batches = data.epochs(train, t.batchSize(), seeds.random("data_order"));
                if (resumeFrom == null) {
                    best.before = trainer.evaluate(heldOut);
                    metrics.log(0, Map.of("eval/loss", best.before));
                } else {
                    LmTrainer.State state = trainer.restoreState(resumeFrom);
                    for (long i = 0; i < state.batchesDrawn(); i++) batches.get();   // the data stream continues where it was
                    best.restore(resumeFrom);
                    bar.step(state.step());
                }
                double before = best.before;
                LmTrainer.Summary summary = trainer.train(batches, heldOut);
                best.restoreBest();
                Path modelDir = Checkpoint.save(out.resolve("model"), model, tokenizerJson, provenance);
                Path report = report(out, summary, before, best);
                return new Result(modelDir, summary, before, best.bestLoss, best.bestStep, trainCount, heldOutCount, report);
            }
        }
    }

    /**
     * Keeps a copy of the weights at the best held-out loss and asks the trainer to stop after
     * {@code patience} evaluations without an improvement of at least {@code minImprovement}.
     */
    private final class EarlyStopping {
        private final LlamaModel model;
        private Map<String, float[]> bestWeights;
        double before = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestStep;
        int sinceBest;

        EarlyStopping(LlamaModel model) {
            this.model = model;
        }

        TrainingListener listener(LmTrainer[] trainer) {
            return new TrainingListener() {
                @Override
                public void onEvaluation(int step, double loss) {
                    if (loss < bestLoss - config.minImprovement()) {
                        bestLoss = loss;
                        bestStep = step;
                        sinceBest = 0;
                        bestWeights = new HashMap<>();
                        for (String n : model.parameters().names()) bestWeights.put(n, model.parameters().values(n));
                    } else if (config.patience() > 0 && ++sinceBest >= config.patience()) {
                        trainer[0].requestStop();
                    }
                }
            };
        }

        /** The state a checkpoint needs: early-stopping.json and, once there is a best, best.safetensors. */
        void save(Path dir) throws IOException {
            JSON.writeValue(dir.resolve(EARLY_STOPPING_FILE).toFile(), new State(before, Double.isInfinite(bestLoss) ? null : bestLoss, bestStep, sinceBest));
            if (bestWeights == null) return;
            var w = new org.rlhf4j.core.io.SafetensorsWriter();
            for (String n : model.parameters().names()) w.addFloats(n, org.rlhf4j.core.io.DType.F32, model.parameters().shape(n), bestWeights.get(n));
            w.write(dir.resolve(BEST_WEIGHTS_FILE));
        }

        void restore(Path dir) throws IOException {
            State s = JSON.readValue(dir.resolve(EARLY_STOPPING_FILE).toFile(), State.class);
            before = s.heldOutLossBefore();
            bestLoss = s.bestLoss() == null ? Double.POSITIVE_INFINITY : s.bestLoss();
            bestStep = s.bestStep();
            sinceBest = s.sinceBest();
            Path file = dir.resolve(BEST_WEIGHTS_FILE);
            if (!Files.isRegularFile(file)) return;
            bestWeights = new HashMap<>();
            try (var r = org.rlhf4j.core.io.SafetensorsReader.open(file)) {
                for (String n : model.parameters().names()) bestWeights.put(n, r.floats(n));
            }
        }

        void restoreBest() {
            if (bestWeights == null) return;
            for (Map.Entry<String, float[]> e : bestWeights.entrySet()) model.parameters().assign(e.getKey(), e.getValue(), model.parameters().shape(e.getKey()));
        }
    }

    private Path report(Path out, LmTrainer.Summary s, double before, EarlyStopping best) throws IOException {
        Path metricsFile = out.resolve(MetricsSink.FILE_NAME);
        return new RunReport("Supervised fine-tuning")
                .figure("steps", s.steps() + (s.stoppedEarly() ? " (stopped early: held-out loss stopped improving)" : ""))
                .figure("held-out loss before", String.format(Locale.ROOT, "%.4f", before))
                .figure("best held-out loss", String.format(Locale.ROOT, "%.4f at step %d (the saved model)", best.bestLoss, best.bestStep))
                .figure("time", String.format(Locale.ROOT, "%.0f s (%.0f tokens/s)", s.seconds(), s.tokens() / s.seconds()))
                .chart("loss.svg", LearningCurves.loss(metricsFile))
                .chart("learning-rate.svg", LearningCurves.learningRate(metricsFile))
                .link("model/", "the fine-tuned model")
                .link(MetricsSink.FILE_NAME, "metrics per step")
                .write(out);
    }

    /** Demonstrations, plus corrected critiques as demonstrations of their correction. */
    static List<Demonstration> demonstrations(List<Feedback> records) {
        List<Demonstration> out = new ArrayList<>();
        for (Feedback f : records) {
            if (f instanceof Demonstration d) out.add(d);
            else if (f instanceof Critique c && c.corrected()) out.add(new Demonstration(c.id() + ":corrected", c.prompt(), c.correctedResponse(), c.attribution()));
        }
        return out;
    }

    static List<ChatTemplate.Encoded> encode(Tokenizer tokenizer, ChatTemplate template, List<Demonstration> demonstrations) {
        List<ChatTemplate.Encoded> out = new ArrayList<>(demonstrations.size());
        for (Demonstration d : demonstrations) out.add(template.encode(tokenizer, d.prompt(), d.response()));
        return out;
    }
}
