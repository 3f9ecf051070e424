package org.rlhf4j.reward;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.report.LearningCurves;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.validate.FeedbackFiles;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import org.rlhf4j.reward.eval.RewardEvaluation;

/**
 * One reward-model run into a run directory:
 * <pre>
 * out/
 *   reward-config.json   the configuration, as run
 *   run.json             provenance (seeds, data hashes, parent checkpoint, versions, command line)
 *   metrics.jsonl        train/loss, train/accuracy, eval/loss, eval/accuracy, ... per step
 *   report.html          learning curves
 *   model/               the reward model (see RewardCheckpoint), with normalisation statistics
 *   eval/                held-out evaluation: report.html, eval.json, calibration and length plots
 * </pre>
 * Records are split into training and held-out sets by a seeded shuffle before they become
 * examples, so the held-out evaluation sees whole records (all pairs of a ranking together).
 */
public final class RewardTraining {
    public static final String CONFIG_FILE = "reward-config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RewardConfig config;
    private final ComputeDevice device;
    private final List<String> commandLine;
    private final PrintStream log;

    public RewardTraining(RewardConfig config, ComputeDevice device, List<String> commandLine, PrintStream log) {
        this.config = config;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.log = log;
    }

    public record Result(Path model, RewardTrainer.Summary summary, RewardExamples.Counts counts, RewardEvaluation.Result heldOut, Path report) {}

    public Result run(Path base, List<Path> dataFiles, Path out) throws IOException {
        List<Feedback> records = FeedbackFiles.readAll(dataFiles, log::println);
        if (records.isEmpty()) throw new UserError("no feedback records in " + dataFiles);
        Files.createDirectories(out);
        JSON.writeValue(out.resolve(CONFIG_FILE).toFile(), config);
        SeedStreams seeds = SeedStreams.of(config.seed());
        List<Feedback> shuffled = org.rlhf4j.core.run.Shuffle.copy(records, seeds.random("held_out"));
        int heldOutCount = (int) Math.round(shuffled.size() * config.evalFraction());
        List<Feedback> heldOut = shuffled.subList(0, heldOutCount), train = shuffled.subList(heldOutCount, shuffled.size());
        Engine.seed(seeds.seed("engine"));
        ChatTemplate template = ChatTemplate.named(config.template());
        Checkpoint.Loaded lm = Checkpoint.load(base, device, Set.of(RewardModel.SCORE, RewardModel.THRESHOLDS));
        if (lm.tokenizer() == null) {
            lm.model().close();
            throw new UserError(base + ": no tokenizer.json beside the model");
        }
        try (Tokenizer tokenizer = Tokenizer.load(lm.tokenizer());
             RewardModel model = RewardModel.initialise(lm.model(), config.heads(), config.ratingLoss() == RatingLoss.ORDINAL, template, seeds.random("model_init"))) {
            RewardExamples encoder = new RewardExamples(tokenizer, template, model.fit(config.maxLength()), config.margins(), config.ratingLoss());
            RewardExamples.Result trainExamples = encoder.from(train);
            RewardExamples.Result heldOutExamples = encoder.from(heldOut);
            if (trainExamples.examples().isEmpty()) throw new UserError("none of the " + train.size() + " training records gives a reward-model example: " + trainExamples.counts());
            log.println("reward data: " + trainExamples.counts() + " (training); " + heldOutExamples.examples().size() + " held-out examples");
            Provenance provenance = Provenance.capture("reward", JSON.valueToTree(config), seeds, "model_init", "held_out", "engine")
                    .withDataFiles(Provenance.DataFile.ofAll(dataFiles))
                    .withParent(Provenance.ParentCheckpoint.of(base))
                    .withEngineVersions(Map.of("libtorch", Engine.version(), "device", device.toString()))
                    .withCommandLine(commandLine);
            provenance.write(out.resolve(Provenance.FILE_NAME));
            RewardTrainer.Summary summary = train(model, trainExamples.examples(), heldOutExamples.examples(), out);
            model.setNormalisation(normalisation(model, heldOutExamples.examples().isEmpty() ? trainExamples.examples() : heldOutExamples.examples()));
            Path modelDir = RewardCheckpoint.save(out.resolve("model"), model, lm.tokenizer(), provenance);
            RewardEvaluation.Result eval = null;
            if (!heldOut.isEmpty()) {
                eval = RewardEvaluation.evaluate(new RewardScorer(model, config.precision(), 32), encoder, heldOut);
                RewardEvaluation.writeReport(eval, out.resolve("eval"), "Reward model: held-out evaluation");
            }
            Path report = report(out, summary, trainExamples.counts(), eval, model.normalisation());
            return new Result(modelDir, summary, trainExamples.counts(), eval, report);
        }
    }

    private RewardTrainer.Summary train(RewardModel model, List<RewardExample> train, List<RewardExample> heldOut, Path out) throws IOException {
        try (MetricsSink metrics = MetricsSink.open(out.resolve(MetricsSink.FILE_NAME))) {
            int steps = config.plannedSteps(train.size());
            try (ProgressBar bar = new ProgressBar("reward", steps, "steps")) {
                RewardTrainer.Listener listener = new RewardTrainer.Listener() {
                    double heldOutAccuracy = Double.NaN;

                    @Override
                    public void onStep(RewardTrainer.StepReport r) {
                        Map<String, Number> m = new LinkedHashMap<>();
                        m.put("train/loss", r.loss());
                        m.put("train/accuracy", r.accuracy());
                        m.put("train/learning_rate", r.learningRate());
                        m.put("train/grad_norm", r.gradNorm());
                        m.put("train/pairs_per_second", r.pairsPerSecond());
                        m.put("reward/pairs_loss", r.parts().pairs());
                        m.put("reward/ties_loss", r.parts().ties());
                        m.put("reward/ratings_loss", r.parts().ratings());
                        m.put("reward/centring", r.parts().centring());
                        m.put("train/skipped_steps", r.skippedTotal());
                        metrics.log(r.step(), m);
                        bar.setExtra(String.format(Locale.ROOT, "loss %.3f%s  %.0f pairs/s", r.loss(),
                                Double.isNaN(heldOutAccuracy) ? "" : String.format(Locale.ROOT, "  held-out acc %.3f", heldOutAccuracy), r.pairsPerSecond()));
                        bar.step(1);
                    }

                    @Override
                    public void onEvaluation(int step, RewardTrainer.Evaluation e) {
                        heldOutAccuracy = e.accuracy();
                        metrics.log(step, Map.of("eval/loss", e.loss(), "eval/accuracy", e.accuracy()));
                    }
                };
                try (RewardTrainer t = new RewardTrainer(model, config, List.of(listener))) {
                    return t.train(train, heldOut);
                }
            }
        }
    }

    /** Statistics of the head-mean score over up to {@code normalisationSize} responses of the reference examples. */
    private Normalisation normalisation(RewardModel model, List<RewardExample> reference) {
        List<int[]> sequences = new ArrayList<>();
        for (RewardExample e : reference) {
            for (int[] s : e.sequences()) {
                if (sequences.size() >= config.normalisationSize()) break;
                sequences.add(s);
            }
        }
        return Normalisation.of(RewardScorer.headMeans(new RewardScorer(model, config.precision(), 32).score(sequences)));
    }

    private Path report(Path out, RewardTrainer.Summary s, RewardExamples.Counts counts, RewardEvaluation.Result eval, Normalisation n) throws IOException {
        Path metricsFile = out.resolve(MetricsSink.FILE_NAME);
        List<Double> steps = new ArrayList<>(), acc = new ArrayList<>(), evalSteps = new ArrayList<>(), evalAcc = new ArrayList<>();
        for (Map<String, Object> m : MetricsSink.read(metricsFile)) {
            double step = ((Number) m.get(MetricsSink.STEP)).doubleValue();
            if (m.get("train/accuracy") instanceof Number a) {
                steps.add(step);
                acc.add(a.doubleValue());
            }
            if (m.get("eval/accuracy") instanceof Number a) {
                evalSteps.add(step);
                evalAcc.add(a.doubleValue());
            }
        }
        RunReport report = new RunReport("Reward model training")
                .figure("steps", s.steps() + " (" + s.skippedSteps() + " skipped)")
                .figure("training pairs seen", Long.toString(s.pairs()))
                .figure("time", String.format(Locale.ROOT, "%.0f s (%.1f pairs/s)", s.seconds(), s.pairs() / s.seconds()))
                .figure("data", counts.toString())
                .figure("normalisation", String.format(Locale.ROOT, "mean %.4f, std %.4f over %d responses", n.mean(), n.std(), n.referenceSize()));
        if (s.heldOut() != null) report.figure("held-out accuracy", String.format(Locale.ROOT, "%.4f (%d pairs)", s.heldOut().accuracy(), s.heldOut().pairs()));
        if (eval != null) report.figure("held-out calibration (ECE)", String.format(Locale.ROOT, "%.4f", eval.expectedCalibrationError()));
        report.chart("loss.svg", LearningCurves.loss(metricsFile).withTitle("Reward-model loss", "loss"))
                .chart("accuracy.svg", new SvgLineChart("Pairwise accuracy", "optimizer step", "accuracy")
                        .add(Series.line("train (per batch)", steps, acc, "#c7d7ee"))
                        .add(Series.points("held-out", evalSteps, evalAcc, "#d2442f")))
                .link("model/", "the reward model (model.safetensors, config.json, reward.json, tokenizer.json)")
                .link(MetricsSink.FILE_NAME, "metrics per step");
        if (eval != null) report.link("eval/report.html", "held-out evaluation: calibration, length bias, distributions");
        return report.write(out);
    }

}
