package org.rlhf4j.align.ppo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.RunFiles;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.run.Shuffle;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * A managed PPO run into a run directory: rollouts from a prompt set, scores from any
 * {@link RewardFunction}, {@link PpoTrainer#step}, evaluations on held-out prompts (with the gold
 * score where the world knows one), checkpoints and a report.
 * <pre>
 * out/
 *   ppo-config.json      the configuration, as run
 *   ppo-run.json         what the run started from (policy, reference), for --resume
 *   run.json             provenance
 *   metrics.jsonl        one line per step under TRL's names, one per evaluation (eval/...)
 *   samples.jsonl        per evaluation: prompt, reply, score, gold
 *   checkpoints/step-N/  the newest checkpoint: policy + value head, optimizer, trainer state
 *   model/               the final policy (a causal LM; value head included under TRL's names)
 *   report.html          reward, gold and KL curves, before/after replies, the doctor's findings
 * </pre>
 */
public final class PpoTraining {
    public static final String CONFIG_FILE = "ppo-config.json";
    public static final String RUN_FILE = "ppo-run.json";
    public static final String SAMPLES_FILE = "samples.jsonl";
    public static final String EVALUATIONS_FILE = "evaluations.json";
    private static final ObjectMapper JSON = RunFiles.JSON;

    private final PpoConfig config;
    private final ComputeDevice device;
    private final List<String> commandLine;
    private final PrintStream log;
    private final List<PpoListener> listeners;

    public PpoTraining(PpoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log) {
        this(config, device, commandLine, log, List.of());
    }

    /** With listeners of the caller's (tests stop a run part-way with one, as a crash would). */
    public PpoTraining(PpoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log, List<PpoListener> listeners) {
        this.config = config;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.log = log;
        this.listeners = List.copyOf(listeners);
    }

    /** Where the run started from: the policy checkpoint and the reference (the same folder unless given). */
    public record Start(String policy, String reference) {}

    /** What a run produced. */
    public record Result(Path model, Path report, List<PpoEvaluation.Result> evaluations, PpoDoctor.Findings findings, int steps, double seconds) {
        public PpoEvaluation.Result first() {
            return evaluations.get(0);
        }

        public PpoEvaluation.Result last() {
            return evaluations.get(evaluations.size() - 1);
        }
    }

    /** The inputs of a run besides its configuration. */
    public record Inputs(RewardFunction reward, List<Prompt> prompts, List<Prompt> evaluationPrompts, RewardFunction gold) {
        public Inputs {
            if (reward == null) throw new IllegalArgumentException("a reward function is needed");
            if (prompts == null || prompts.isEmpty()) throw new IllegalArgumentException("no training prompts");
            if (evaluationPrompts == null) evaluationPrompts = List.of();
        }
    }

    /** The configuration a run directory was started with. */
    public static PpoConfig savedConfig(Path out) {
        return RunFiles.read(out.resolve(CONFIG_FILE), PpoConfig.class, "cannot resume this run");
    }

    /** Starts a run from {@code policy} (an SFT checkpoint or an earlier PPO model), against {@code reference} (null: the policy itself). */
    public Result run(Path policy, Path reference, Inputs inputs, Path out) throws IOException {
        RunFiles.startFresh(out);
        RunFiles.write(out.resolve(CONFIG_FILE), config);
        Start start = new Start(policy.toAbsolutePath().toString(), (reference == null ? policy : reference).toAbsolutePath().toString());
        RunFiles.write(out.resolve(RUN_FILE), start);
        return train(start, inputs, out, null);
    }

    /** Continues the run in {@code out} from its newest complete checkpoint, as if it had never stopped. */
    public Result resume(Inputs inputs, Path out) throws IOException {
        Start start = RunFiles.read(out.resolve(RUN_FILE), Start.class, "cannot resume this run");
        Path checkpoint = latestCheckpoint(out);
        if (checkpoint == null) throw new UserError(out + ": no complete checkpoint to resume from (checkpoints/step-N with " + PpoTrainer.STATE_FILE + ")");
        return train(start, inputs, out, checkpoint);
    }

    private Result train(Start start, Inputs inputs, Path out, Path resumeFrom) throws IOException {
        long t0 = System.nanoTime();
        SeedStreams seeds = SeedStreams.of(config.seed());
        Engine.seed(seeds.seed("engine"));
        Path policyDir = resumeFrom != null ? resumeFrom : Path.of(start.policy());
        PolicyCheckpoint.Loaded loaded = PolicyCheckpoint.load(policyDir, device, true, seeds.random(SeedStreams.MODEL_INIT));
        if (loaded.tokenizer() == null) {
            loaded.policy().close();
            throw new UserError(policyDir + ": no tokenizer.json beside the policy");
        }
        PolicyModel reference = PolicyCheckpoint.load(Path.of(start.reference()), device, false, null).policy();
        Provenance provenance = Provenance.capture("ppo", JSON.valueToTree(config), seeds, "rollout", "minibatches", "prompts", "lengths", SeedStreams.MODEL_INIT, "engine")
                .withParent(Provenance.ParentCheckpoint.of(Path.of(start.policy())))
                .withEngineVersions(Map.of("libtorch", Engine.version(), "device", device.toString()))
                .withCommandLine(commandLine);
        provenance.write(out.resolve(Provenance.FILE_NAME));
        try (PolicyModel policy = loaded.policy(); PolicyModel ref = reference; Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer());
             PpoTrainer trainer = new PpoTrainer(policy, ref, config)) {
            Loop loop = new Loop(trainer, tokenizer, loaded.tokenizer(), inputs, seeds, out, provenance);
            if (resumeFrom != null) loop.restore(resumeFrom);
            loop.run();
            Path model = PolicyCheckpoint.save(out.resolve("model"), policy, loaded.tokenizer(), provenance, tmp -> {});
            PpoDoctor.Findings findings = PpoDoctor.examine(MetricsSink.read(out.resolve(MetricsSink.FILE_NAME)), loop.evaluations);
            log.println(findings.text());
            Path report = PpoReport.write(out, config, loop.evaluations, findings);
            return new Result(model, report, List.copyOf(loop.evaluations), findings, trainer.stepsDone(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The managed loop's state: the trainer, the prompt stream, evaluations so far. */
    private final class Loop {
        private final PpoTrainer trainer;
        private final Tokenizer tokenizer;
        private final Path tokenizerJson;
        private final Inputs inputs;
        private final SeedStreams seeds;
        private final Path out;
        private final Provenance provenance;
        private final ChatTemplate template;
        private final PpoEvaluation evaluation;
        final List<PpoEvaluation.Result> evaluations = new ArrayList<>();
        private final RunFiles.Rotation rotation = new RunFiles.Rotation(null);

        Loop(PpoTrainer trainer, Tokenizer tokenizer, Path tokenizerJson, Inputs inputs, SeedStreams seeds, Path out, Provenance provenance) {
            this.trainer = trainer;
            this.tokenizer = tokenizer;
            this.tokenizerJson = tokenizerJson;
            this.inputs = inputs;
            this.seeds = seeds;
            this.out = out;
            this.provenance = provenance;
            this.template = ChatTemplate.named(config.template());
            this.evaluation = new PpoEvaluation(trainer, tokenizer, template, inputs.reward(), inputs.gold(), seeds.seed("evaluation"));
        }

        void restore(Path checkpoint) throws IOException {
            PpoTrainer.State st = trainer.restoreState(checkpoint);
            evaluations.addAll(Arrays.asList(JSON.readValue(checkpoint.resolve(EVALUATIONS_FILE).toFile(), PpoEvaluation.Result[].class)));
            RunFiles.truncateAfter(out.resolve(MetricsSink.FILE_NAME), st.step());
            RunFiles.truncateAfter(out.resolve(SAMPLES_FILE), st.step());
            rotation.written(checkpoint);
            log.println("resuming from " + checkpoint + " (step " + st.step() + ")");
        }

        void run() throws IOException {
            try (MetricsSink metrics = MetricsSink.open(out.resolve(MetricsSink.FILE_NAME));
                 ProgressBar bar = new ProgressBar("ppo", config.steps(), "steps")) {
                bar.step(trainer.stepsDone());
                if (evaluations.isEmpty()) evaluate(metrics, true);
                while (trainer.stepsDone() < config.steps()) {
                    PpoStats stats = step(metrics);
                    bar.setExtra(String.format(Locale.ROOT, "score %.3f  kl %.2f  beta %.3f  len %.0f", stats.meanScores(), stats.meanKl(), stats.klCoefficient(),
                            stats.responseLengthMean()));
                    bar.step(1);
                    int done = trainer.stepsDone();
                    if (done == config.steps() || (config.evalEvery() > 0 && done % config.evalEvery() == 0)) evaluate(metrics, done == config.steps());
                    if (config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0 && done < config.steps()) checkpoint(done);
                    for (PpoListener l : listeners) l.onStep(stats);
                }
            }
        }

        /** rollout -> score -> PPO step -> log. */
        private PpoStats step(MetricsSink metrics) {
            int step = trainer.stepsDone();
            long t0 = System.nanoTime();
            List<Prompt> prompts = promptsFor(step);
            List<int[]> queries = evaluation.encode(prompts);
            int length = config.minNewTokens() + new SplittableRandom(seeds.fork("lengths").seed("step-" + step)).nextInt(config.maxNewTokens() - config.minNewTokens() + 1);
            List<int[]> responses = trainer.generate(queries, length, seeds.fork("rollout").seed("step-" + step));
            long t1 = System.nanoTime();
            List<String> texts = evaluation.decode(responses);
            double[] scores = inputs.reward().score(prompts, texts);
            double gold = Double.NaN;
            if (inputs.gold() != null) gold = Arrays.stream(inputs.gold().score(prompts, texts)).average().orElse(Double.NaN);
            long t2 = System.nanoTime();
            PpoStats stats = trainer.step(queries, responses, scores);
            Map<String, Number> m = new java.util.LinkedHashMap<>(stats.metrics());
            if (!Double.isNaN(gold)) m.put(MetricNames.Ppo.GOLD, gold);
            m.put(MetricNames.Ppo.TIME_ROLLOUT, (t1 - t0) / 1e9);
            m.put(MetricNames.Ppo.TIME_SCORE, (t2 - t1) / 1e9);
            m.put(MetricNames.Ppo.TIME_TOTAL, (System.nanoTime() - t0) / 1e9);
            metrics.log(stats.step(), m);
            return stats;
        }

        /** The prompts of step {@code step}: a fresh permutation of the prompt set per pass, so the cursor is a function of the step. */
        private List<Prompt> promptsFor(int step) {
            List<Prompt> all = inputs.prompts();
            List<Prompt> batch = new ArrayList<>(config.batchSize());
            long first = (long) step * config.batchSize();
            for (long k = first; k < first + config.batchSize(); k++) {
                long pass = k / all.size();
                int[] order = Shuffle.permutation(all.size(), new SplittableRandom(seeds.fork("prompts").seed("pass-" + pass)));
                batch.add(all.get(order[(int) (k % all.size())]));
            }
            return batch;
        }

        /** An evaluation on the held-out prompts; greedy replies too at the start and the end. */
        private void evaluate(MetricsSink metrics, boolean greedy) throws IOException {
            if (inputs.evaluationPrompts().isEmpty()) return;
            PpoEvaluation.Result r = evaluation.run(inputs.evaluationPrompts(), trainer.stepsDone(), greedy);
            evaluations.add(r);
            metrics.log(r.step(), r.metrics());
            evaluation.appendSamples(out.resolve(SAMPLES_FILE), r);
            for (PpoListener l : listeners) l.onEvaluation(r);
        }

        private void checkpoint(int step) throws IOException {
            Path dir = PolicyCheckpoint.save(out.resolve("checkpoints").resolve(String.format("step-%06d", step)), trainer.policy(), tokenizerJson, provenance, tmp -> {
                trainer.saveState(tmp);
                JSON.writeValue(tmp.resolve(EVALUATIONS_FILE).toFile(), evaluations);
            });
            rotation.written(dir);
        }
    }

    /** The newest complete checkpoint under {@code out/checkpoints}, after recovering any interrupted write; null if none. */
    public static Path latestCheckpoint(Path out) throws IOException {
        return org.rlhf4j.core.run.Checkpoints.latest(out, PpoTrainer.STATE_FILE);
    }

}
