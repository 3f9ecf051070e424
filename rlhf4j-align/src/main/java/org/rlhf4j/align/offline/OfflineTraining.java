package org.rlhf4j.align.offline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.run.Checkpoints;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.run.RunFiles;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.run.Shuffle;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * A managed offline run into a run directory, the same for every offline method:
 * <pre>
 * out/
 *   &lt;method&gt;-config.json      the configuration, as run
 *   &lt;method&gt;-run.json         what the run started from (policy, reference), for --resume
 *   run.json                   provenance (seeds, data files, parent checkpoint, versions, command line)
 *   reference-logps.safetensors the reference's log-probs, computed once (precompute_ref_log_probs)
 *   metrics.jsonl              per step under TRL's names; per evaluation eval/...
 *   checkpoints/step-N/        the newest checkpoint: policy, optimizer, trainer state
 *   model/                     the final policy
 *   report.html                curves and the held-out figures
 * </pre>
 * Step s trains on examples [s B, (s + 1) B) of an endless stream of seeded permutations of the
 * training set (one per epoch), so the data cursor is a function of the step and a resumed run
 * continues bit for bit.
 */
public final class OfflineTraining {
    /** Observes a run; tests stop one part-way with it, as a crash would. */
    public interface Listener {
        default void onStep(int step, Map<String, Double> figures) {}

        default void onEvaluation(int step, Map<String, Double> figures) {}
    }

    /** Where a run started from. */
    public record Start(String policy, String reference) {}

    /** The examples of a run, encoded with the policy's tokenizer. */
    public record Examples(List<OfflineExample> train, List<OfflineExample> heldOut) {
        public Examples {
            if (train.isEmpty()) throw new UserError("no training examples");
        }
    }

    /** What a run produced; {@code evaluations} holds each evaluation's figures ({@code eval/...}) with its step under "step". */
    public record Result(Path model, Path report, List<Map<String, Double>> evaluations, int steps, double seconds, List<String> findings) {
        public Map<String, Double> first() {
            return evaluations.isEmpty() ? Map.of() : evaluations.get(0);
        }

        public Map<String, Double> last() {
            return evaluations.isEmpty() ? Map.of() : evaluations.get(evaluations.size() - 1);
        }
    }

    /** What a method adds at the end: a doctor's findings and the report. */
    public interface Finish {
        List<String> findings(List<Map<String, Object>> metrics);

        Path report(Path out, List<Map<String, Double>> evaluations, List<String> findings, int steps, double seconds) throws IOException;
    }

    private final String method;
    private final OfflineSettings settings;
    private final Record config;
    private final OfflineObjective objective;
    private final Finish finish;
    private final ComputeDevice device;
    private final List<String> commandLine;
    private final PrintStream log;
    private final List<Listener> listeners;
    private Path referenceCache;

    /**
     * Also keep the reference log-probs in {@code dir}, one file per key (data, reference,
     * precision), so other runs on the same data and reference read them instead of running the
     * reference again (a cache with the dataset, as TRL users asked in issue #3985); null: the run directory only.
     */
    public OfflineTraining withReferenceCache(Path dir) {
        this.referenceCache = dir;
        return this;
    }

    public OfflineTraining(String method, Record config, OfflineSettings settings, OfflineObjective objective, Finish finish, ComputeDevice device,
                           List<String> commandLine, PrintStream log, List<Listener> listeners) {
        this.method = method;
        this.config = config;
        this.settings = settings;
        this.objective = objective;
        this.finish = finish;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.log = log;
        this.listeners = List.copyOf(listeners);
    }

    public String configFile() {
        return method + "-config.json";
    }

    public String runFile() {
        return method + "-run.json";
    }

    /** Starts a run from {@code policy} against {@code reference} (null: the policy itself); {@code encode} turns the data into examples with the policy's tokenizer. */
    public Result run(Path policy, Path reference, List<Path> dataFiles, BiFunction<Tokenizer, ChatTemplate, Examples> encode, Path out) throws IOException {
        RunFiles.startFresh(out);
        RunFiles.write(out.resolve(configFile()), config);
        Start start = new Start(policy.toAbsolutePath().toString(), (reference == null ? policy : reference).toAbsolutePath().toString());
        RunFiles.write(out.resolve(runFile()), start);
        return train(start, dataFiles, encode, out, null);
    }

    /** Continues the run in {@code out} from its newest complete checkpoint; the data must encode to the same examples. */
    public Result resume(List<Path> dataFiles, BiFunction<Tokenizer, ChatTemplate, Examples> encode, Path out) throws IOException {
        Start start = RunFiles.read(out.resolve(runFile()), Start.class, "cannot resume this run");
        Path checkpoint = Checkpoints.latest(out, OfflineTrainer.STATE_FILE);
        if (checkpoint == null) throw new UserError(out + ": no complete checkpoint to resume from (checkpoints/step-N with " + OfflineTrainer.STATE_FILE + ")");
        return train(start, dataFiles, encode, out, checkpoint);
    }

    private Result train(Start start, List<Path> dataFiles, BiFunction<Tokenizer, ChatTemplate, Examples> encode, Path out, Path resumeFrom) throws IOException {
        long t0 = System.nanoTime();
        SeedStreams seeds = SeedStreams.of(settings.seed());
        Engine.seed(seeds.seed("engine"));
        Path policyDir = resumeFrom != null ? resumeFrom : Path.of(start.policy());
        PolicyCheckpoint.Loaded loaded = PolicyCheckpoint.load(policyDir, device, false, null);
        if (loaded.tokenizer() == null) {
            loaded.policy().close();
            throw new UserError(policyDir + ": no tokenizer.json beside the policy");
        }
        Provenance provenance = Provenance.capture(method, RunFiles.JSON.valueToTree(config), seeds, SeedStreams.DATA_ORDER, "engine")
                .withDataFiles(Provenance.DataFile.ofAll(dataFiles))
                .withParent(Provenance.ParentCheckpoint.of(Path.of(start.policy())))
                .withEngineVersions(Map.of("libtorch", Engine.version(), "device", device.toString()))
                .withCommandLine(commandLine);
        provenance.write(out.resolve(Provenance.FILE_NAME));
        try (PolicyModel policy = loaded.policy(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            Examples examples = encode.apply(tokenizer, ChatTemplate.named(settings.template()));
            String dataKey = ReferenceLogProbs.dataKey(examples.train(), examples.heldOut());
            float[][][] cached = null;
            PolicyModel reference = null;
            if (objective.usesReference()) {
                reference = PolicyCheckpoint.load(Path.of(start.reference()), device, false, null).policy();
                if (settings.precomputeRefLogProbs()) {
                    String key = dataKey + ":" + Provenance.sha256(Path.of(start.reference())) + ":" + settings.precision();
                    Path file = out.resolve(ReferenceLogProbs.FILE);
                    Path shared = referenceCache == null ? null : referenceCache.resolve(ReferenceLogProbs.sha256(key) + ".safetensors");
                    if (shared != null && java.nio.file.Files.isRegularFile(shared) && !java.nio.file.Files.exists(file)) {
                        java.nio.file.Files.copy(shared, file);
                        log.println("reference log-probs from the cache " + shared);
                    }
                    try (PolicyModel ref = reference) {
                        cached = ReferenceLogProbs.load(file, key, ref.model(), settings.precision(), 2 * settings.perDeviceTrainBatchSize(), examples.train(), examples.heldOut());
                    }
                    if (shared != null && !java.nio.file.Files.exists(shared)) {
                        java.nio.file.Files.createDirectories(referenceCache);
                        Path tmp = shared.resolveSibling(shared.getFileName() + ".tmp");
                        java.nio.file.Files.copy(file, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        java.nio.file.Files.move(tmp, shared, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                    reference = null;
                }
            }
            try (PolicyModel ref = reference; OfflineTrainer trainer = new OfflineTrainer(policy, ref, objective, settings)) {
                Loop loop = new Loop(trainer, examples, cached, seeds, out, loaded.tokenizer(), provenance, dataKey);
                if (resumeFrom != null) loop.restore(resumeFrom);
                loop.run();
                Path model = PolicyCheckpoint.save(out.resolve("model"), policy, loaded.tokenizer(), provenance, tmp -> {});
                List<String> findings = finish.findings(MetricsSink.read(out.resolve(MetricsSink.FILE_NAME)));
                for (String f : findings) log.println(f);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Path report = finish.report(out, loop.evaluations, findings, trainer.stepsDone(), seconds);
                return new Result(model, report, List.copyOf(loop.evaluations), trainer.stepsDone(), seconds, findings);
            }
        }
    }

    /** The loop's state: the trainer, the example stream, the evaluations so far. */
    private final class Loop {
        private static final String EVALUATIONS_FILE = "evaluations.json";
        private final OfflineTrainer trainer;
        private final Examples examples;
        private final float[][] trainReference, heldOutReference;
        private final SeedStreams seeds;
        private final Path out;
        private final Path tokenizerJson;
        private final Provenance provenance;
        private final String dataKey;
        private final int steps;
        final List<Map<String, Double>> evaluations = new ArrayList<>();
        private final RunFiles.Rotation rotation = new RunFiles.Rotation(null);

        Loop(OfflineTrainer trainer, Examples examples, float[][][] cached, SeedStreams seeds, Path out, Path tokenizerJson, Provenance provenance, String dataKey) {
            this.trainer = trainer;
            this.examples = examples;
            this.trainReference = cached == null ? null : cached[0];
            this.heldOutReference = cached == null ? null : cached[1];
            this.seeds = seeds;
            this.out = out;
            this.tokenizerJson = tokenizerJson;
            this.provenance = provenance;
            this.dataKey = dataKey;
            this.steps = settings.plannedSteps(examples.train().size());
        }

        void restore(Path checkpoint) throws IOException {
            OfflineTrainer.State st = trainer.restoreState(checkpoint);
            if (!dataKey.equals(st.dataKey())) throw new UserError(checkpoint + ": the data encodes to other examples than the run was trained on; resume with the same files and settings");
            for (Map<?, ?> m : RunFiles.JSON.readValue(checkpoint.resolve(EVALUATIONS_FILE).toFile(), Map[].class)) {
                Map<String, Double> e = new LinkedHashMap<>();
                for (Map.Entry<?, ?> x : m.entrySet()) e.put((String) x.getKey(), ((Number) x.getValue()).doubleValue());
                evaluations.add(e);
            }
            RunFiles.truncateAfter(out.resolve(MetricsSink.FILE_NAME), st.step());
            rotation.written(checkpoint);
            log.println("resuming from " + checkpoint + " (step " + st.step() + ")");
        }

        void run() throws IOException {
            try (MetricsSink metrics = MetricsSink.open(out.resolve(MetricsSink.FILE_NAME));
                 ProgressBar bar = new ProgressBar(method, steps, "steps")) {
                bar.step(trainer.stepsDone());
                if (evaluations.isEmpty()) evaluate(metrics);
                while (trainer.stepsDone() < steps) {
                    int[] rows = rowsFor(trainer.stepsDone());
                    List<OfflineExample> batch = new ArrayList<>(rows.length);
                    float[][] reference = trainReference == null ? null : new float[rows.length][];
                    for (int i = 0; i < rows.length; i++) {
                        batch.add(examples.train().get(rows[i]));
                        if (reference != null) reference[i] = trainReference[rows[i]];
                    }
                    Map<String, Double> figures = trainer.step(batch, reference);
                    int done = trainer.stepsDone();
                    metrics.log(done, figures);
                    bar.setExtra(String.format(Locale.ROOT, "loss %.4f", figures.get(org.rlhf4j.core.run.MetricNames.Train.LOSS)));
                    bar.step(1);
                    for (Listener l : listeners) l.onStep(done, figures);
                    if (done == steps || (settings.evalSteps() > 0 && done % settings.evalSteps() == 0)) evaluate(metrics);
                    if (settings.saveSteps() > 0 && done % settings.saveSteps() == 0 && done < steps) checkpoint(done);
                }
            }
        }

        /** Example indices of step {@code step}: a fresh permutation of the training set per pass. */
        private int[] rowsFor(int step) {
            int n = examples.train().size(), b = settings.rowsPerStep();
            int[] rows = new int[b];
            long first = (long) step * b;
            int[] order = null;
            long pass = -1;
            for (int i = 0; i < b; i++) {
                long k = first + i;
                if (k / n != pass) {
                    pass = k / n;
                    order = Shuffle.permutation(n, new SplittableRandom(seeds.fork(SeedStreams.DATA_ORDER).seed("pass-" + pass)));
                }
                rows[i] = order[(int) (k % n)];
            }
            return rows;
        }

        private void evaluate(MetricsSink metrics) {
            if (examples.heldOut().isEmpty()) return;
            Map<String, Double> figures = trainer.evaluate(examples.heldOut(), heldOutReference);
            metrics.log(trainer.stepsDone(), figures);
            Map<String, Double> withStep = new LinkedHashMap<>();
            withStep.put(MetricsSink.STEP, (double) trainer.stepsDone());
            withStep.putAll(figures);
            evaluations.add(withStep);
            for (Listener l : listeners) l.onEvaluation(trainer.stepsDone(), figures);
        }

        private void checkpoint(int step) throws IOException {
            Path dir = PolicyCheckpoint.save(out.resolve("checkpoints").resolve(String.format("step-%06d", step)), trainer.policy(), tokenizerJson, provenance, tmp -> {
                trainer.saveState(tmp, dataKey);
                RunFiles.JSON.writeValue(tmp.resolve(EVALUATIONS_FILE).toFile(), evaluations);
            });
            rotation.written(dir);
        }
    }
}
