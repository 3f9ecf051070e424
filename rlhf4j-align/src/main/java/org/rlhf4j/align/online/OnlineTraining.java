package org.rlhf4j.align.online;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.run.RunFiles;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.run.Shuffle;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * The managed online loop PPO, GRPO and RLOO share: a run directory, a prompt stream (a fresh
 * permutation per pass, so the cursor is a function of the step), rollouts at per-step seeds
 * ({@code G} replies per prompt, a prompt's copies consecutive), scores from any
 * {@link RewardFunction}, the trainer's step, evaluations on held-out prompts (with the gold score
 * where the world knows one), checkpoints with rotation, bit-identical resume, the doctor and a
 * report. A method supplies only what differs ({@link Method}): its trainer, its doctor, its report.
 * <pre>
 * out/
 *   NAME-config.json     the configuration, as run
 *   NAME-run.json        what the run started from (policy, reference), for --resume
 *   run.json             provenance
 *   metrics.jsonl        one line per step under TRL's names, one per evaluation (eval/...)
 *   samples.jsonl        per evaluation: prompt, reply, score, gold
 *   checkpoints/step-N/  the newest checkpoint: policy, optimizer, trainer state, evaluations so far
 *   model/               the final policy (a causal LM)
 *   report.html          the method's report with the doctor's findings
 * </pre>
 */
public final class OnlineTraining {
    public static final String SAMPLES_FILE = "samples.jsonl";
    public static final String EVALUATIONS_FILE = "evaluations.json";
    private static final ObjectMapper JSON = RunFiles.JSON;

    /**
     * The loop's settings, read from a method's configuration.
     *
     * @param method               the method's name: file names, provenance, the progress bar
     * @param promptsPerStep       distinct prompts per step
     * @param generationsPerPrompt replies sampled per prompt (G; 1 for PPO)
     * @param minNewTokens         reply lengths are drawn per step from [min, max] (TRL's LengthSampler); equal = fixed
     * @param maxQueryLength       prompts are cut to their last tokens beyond this (BOS kept)
     */
    public record Settings(String method, int steps, int promptsPerStep, int generationsPerPrompt, int minNewTokens, int maxNewTokens,
                           int maxQueryLength, double temperature, Precision precision, int evalEvery, int checkpointEvery, String template, long seed) {
        public Settings {
            if (promptsPerStep < 1 || generationsPerPrompt < 1 || steps < 1) throw new IllegalArgumentException("steps, prompts per step and generations per prompt must be >= 1");
            if (maxNewTokens < minNewTokens || minNewTokens < 1) throw new IllegalArgumentException("need 1 <= min_new_tokens <= max_new_tokens");
        }
    }

    /** The step-level metrics the loop adds: the rollout's gold score and the rollout's, scoring's and step's wall time. */
    public record LoopMetricNames(String gold, String timeRollout, String timeScore, String timeTotal) {}

    /** What a method supplies to the loop. */
    public interface Method {
        Settings settings();

        /** The configuration record, written as {@code NAME-config.json} and into the provenance. */
        Record config();

        /** Seed streams the run uses, recorded in the provenance. */
        List<String> seedStreams();

        /** Whether the policy carries a value head (loaded from the checkpoint or initialised). */
        boolean valueHead();

        OnlineTrainer trainer(PolicyModel policy, PolicyModel reference);

        LoopMetricNames loopMetrics();

        OnlineDoctor.Findings examine(List<Map<String, Object>> rows, List<OnlineEvaluation.Result> evaluations);

        Path report(Path out, List<OnlineEvaluation.Result> evaluations, OnlineDoctor.Findings findings) throws IOException;
    }

    /** Where the run started from: the policy checkpoint and the reference (the same folder unless given). */
    public record Start(String policy, String reference) {}

    /** The inputs of a run besides its configuration. */
    public record Inputs(RewardFunction reward, List<Prompt> prompts, List<Prompt> evaluationPrompts, RewardFunction gold) {
        public Inputs {
            if (reward == null) throw new IllegalArgumentException("a reward function is needed");
            if (prompts == null || prompts.isEmpty()) throw new IllegalArgumentException("no training prompts");
            if (evaluationPrompts == null) evaluationPrompts = List.of();
        }
    }

    /** What a run produced. */
    public record Result(Path model, Path report, List<OnlineEvaluation.Result> evaluations, OnlineDoctor.Findings findings, int steps, double seconds) {
        public OnlineEvaluation.Result first() {
            return evaluations.get(0);
        }

        public OnlineEvaluation.Result last() {
            return evaluations.get(evaluations.size() - 1);
        }
    }

    private final Method method;
    private final Settings settings;
    private final ComputeDevice device;
    private final List<String> commandLine;
    private final PrintStream log;
    private final List<? extends OnlineListener> listeners;

    public OnlineTraining(Method method, ComputeDevice device, List<String> commandLine, PrintStream log, List<? extends OnlineListener> listeners) {
        this.method = method;
        this.settings = method.settings();
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.log = log;
        this.listeners = List.copyOf(listeners);
    }

    public static String configFile(String method) {
        return method + "-config.json";
    }

    public static String runFile(String method) {
        return method + "-run.json";
    }

    /** The configuration a run directory was started with. */
    public static <T> T savedConfig(Path out, String method, Class<T> type) {
        return RunFiles.read(out.resolve(configFile(method)), type, "cannot resume this run");
    }

    /** Starts a run from {@code policy} against {@code reference} (null: the policy itself). */
    public Result run(Path policy, Path reference, Inputs inputs, Path out) throws IOException {
        RunFiles.startFresh(out);
        RunFiles.write(out.resolve(configFile(settings.method())), method.config());
        Start start = new Start(policy.toAbsolutePath().toString(), (reference == null ? policy : reference).toAbsolutePath().toString());
        RunFiles.write(out.resolve(runFile(settings.method())), start);
        return train(start, inputs, out, null);
    }

    /** Continues the run in {@code out} from its newest complete checkpoint, as if it had never stopped. */
    public Result resume(Inputs inputs, Path out, String stateFile) throws IOException {
        Start start = RunFiles.read(out.resolve(runFile(settings.method())), Start.class, "cannot resume this run");
        Path checkpoint = org.rlhf4j.core.run.Checkpoints.latest(out, stateFile);
        if (checkpoint == null) throw new UserError(out + ": no complete checkpoint to resume from (checkpoints/step-N with " + stateFile + ")");
        return train(start, inputs, out, checkpoint);
    }

    private Result train(Start start, Inputs inputs, Path out, Path resumeFrom) throws IOException {
        long t0 = System.nanoTime();
        SeedStreams seeds = SeedStreams.of(settings.seed());
        Engine.seed(seeds.seed("engine"));
        Path policyDir = resumeFrom != null ? resumeFrom : Path.of(start.policy());
        PolicyCheckpoint.Loaded loaded = PolicyCheckpoint.load(policyDir, device, method.valueHead(), seeds.random(SeedStreams.MODEL_INIT));
        if (loaded.tokenizer() == null) {
            loaded.policy().close();
            throw new UserError(policyDir + ": no tokenizer.json beside the policy");
        }
        PolicyModel reference = PolicyCheckpoint.load(Path.of(start.reference()), device, false, null).policy();
        Provenance provenance = Provenance.capture(settings.method(), JSON.valueToTree(method.config()), seeds, method.seedStreams().toArray(String[]::new))
                .withParent(Provenance.ParentCheckpoint.of(Path.of(start.policy())))
                .withEngineVersions(Map.of("libtorch", Engine.version(), "device", device.toString()))
                .withCommandLine(commandLine);
        provenance.write(out.resolve(Provenance.FILE_NAME));
        try (PolicyModel policy = loaded.policy(); PolicyModel ref = reference; Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer());
             OnlineTrainer trainer = method.trainer(policy, ref)) {
            Loop loop = new Loop(trainer, tokenizer, loaded.tokenizer(), inputs, seeds, out, provenance);
            if (resumeFrom != null) loop.restore(resumeFrom);
            loop.run();
            Path model = PolicyCheckpoint.save(out.resolve("model"), policy, loaded.tokenizer(), provenance, tmp -> {});
            OnlineDoctor.Findings findings = method.examine(MetricsSink.read(out.resolve(MetricsSink.FILE_NAME)), loop.evaluations);
            log.println(findings.text());
            Path report = method.report(out, loop.evaluations, findings);
            return new Result(model, report, List.copyOf(loop.evaluations), findings, trainer.stepsDone(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The managed loop's state: the trainer, the prompt stream, evaluations so far. */
    private final class Loop {
        private final OnlineTrainer trainer;
        private final Path tokenizerJson;
        private final Inputs inputs;
        private final SeedStreams seeds;
        private final Path out;
        private final Provenance provenance;
        private final OnlineEvaluation evaluation;
        private final LoopMetricNames names = method.loopMetrics();
        final List<OnlineEvaluation.Result> evaluations = new ArrayList<>();
        private final RunFiles.Rotation rotation = new RunFiles.Rotation(null);

        Loop(OnlineTrainer trainer, Tokenizer tokenizer, Path tokenizerJson, Inputs inputs, SeedStreams seeds, Path out, Provenance provenance) {
            this.trainer = trainer;
            this.tokenizerJson = tokenizerJson;
            this.inputs = inputs;
            this.seeds = seeds;
            this.out = out;
            this.provenance = provenance;
            this.evaluation = new OnlineEvaluation(trainer.policy(), trainer.reference(), settings, tokenizer, ChatTemplate.named(settings.template()),
                    inputs.reward(), inputs.gold(), seeds.seed("evaluation"));
        }

        void restore(Path checkpoint) throws IOException {
            trainer.restoreState(checkpoint);
            int step = trainer.stepsDone();
            evaluations.addAll(Arrays.asList(JSON.readValue(checkpoint.resolve(EVALUATIONS_FILE).toFile(), OnlineEvaluation.Result[].class)));
            RunFiles.truncateAfter(out.resolve(MetricsSink.FILE_NAME), step);
            RunFiles.truncateAfter(out.resolve(SAMPLES_FILE), step);
            rotation.written(checkpoint);
            log.println("resuming from " + checkpoint + " (step " + step + ")");
        }

        void run() throws IOException {
            try (MetricsSink metrics = MetricsSink.open(out.resolve(MetricsSink.FILE_NAME));
                 ProgressBar bar = new ProgressBar(settings.method(), settings.steps(), "steps")) {
                bar.step(trainer.stepsDone());
                if (evaluations.isEmpty()) evaluate(metrics, true);
                while (trainer.stepsDone() < settings.steps()) {
                    OnlineStats stats = step(metrics);
                    bar.setExtra(stats.progress());
                    bar.step(1);
                    int done = trainer.stepsDone();
                    if (done == settings.steps() || (settings.evalEvery() > 0 && done % settings.evalEvery() == 0)) evaluate(metrics, done == settings.steps());
                    if (settings.checkpointEvery() > 0 && done % settings.checkpointEvery() == 0 && done < settings.steps()) checkpoint(done);
                    for (OnlineListener l : listeners) l.onStep(stats);
                }
            }
        }

        /** rollout -> score -> the method's step -> log. */
        private OnlineStats step(MetricsSink metrics) {
            int step = trainer.stepsDone();
            long t0 = System.nanoTime();
            List<Prompt> prompts = grouped(promptsFor(step));
            List<int[]> queries = evaluation.encode(prompts);
            int length = settings.minNewTokens() + new SplittableRandom(seeds.fork("lengths").seed("step-" + step)).nextInt(settings.maxNewTokens() - settings.minNewTokens() + 1);
            List<int[]> responses = trainer.generate(queries, length, seeds.fork("rollout").seed("step-" + step));
            long t1 = System.nanoTime();
            List<String> texts = evaluation.decode(responses);
            double[] scores = inputs.reward().score(prompts, texts);
            double gold = Double.NaN;
            if (inputs.gold() != null) gold = Arrays.stream(inputs.gold().score(prompts, texts)).average().orElse(Double.NaN);
            long t2 = System.nanoTime();
            OnlineStats stats = trainer.step(queries, responses, scores);
            Map<String, Number> m = new LinkedHashMap<>(stats.metrics());
            if (!Double.isNaN(gold)) m.put(names.gold(), gold);
            m.put(names.timeRollout(), (t1 - t0) / 1e9);
            m.put(names.timeScore(), (t2 - t1) / 1e9);
            m.put(names.timeTotal(), (System.nanoTime() - t0) / 1e9);
            metrics.log(stats.step(), m);
            return stats;
        }

        /** Each prompt {@code G} times in a row: a group's replies sit together. */
        private List<Prompt> grouped(List<Prompt> prompts) {
            int g = settings.generationsPerPrompt();
            if (g == 1) return prompts;
            List<Prompt> out = new ArrayList<>(prompts.size() * g);
            for (Prompt p : prompts) for (int i = 0; i < g; i++) out.add(p);
            return out;
        }

        /** The prompts of step {@code step}: a fresh permutation of the prompt set per pass, so the cursor is a function of the step. */
        private List<Prompt> promptsFor(int step) {
            List<Prompt> all = inputs.prompts();
            int n = settings.promptsPerStep();
            List<Prompt> batch = new ArrayList<>(n);
            long first = (long) step * n;
            for (long k = first; k < first + n; k++) {
                long pass = k / all.size();
                int[] order = Shuffle.permutation(all.size(), new SplittableRandom(seeds.fork("prompts").seed("pass-" + pass)));
                batch.add(all.get(order[(int) (k % all.size())]));
            }
            return batch;
        }

        /** An evaluation on the held-out prompts; greedy replies too at the start and the end. */
        private void evaluate(MetricsSink metrics, boolean greedy) throws IOException {
            if (inputs.evaluationPrompts().isEmpty()) return;
            OnlineEvaluation.Result r = evaluation.run(inputs.evaluationPrompts(), trainer.stepsDone(), greedy);
            evaluations.add(r);
            metrics.log(r.step(), r.metrics());
            evaluation.appendSamples(out.resolve(SAMPLES_FILE), r);
            for (OnlineListener l : listeners) l.onEvaluation(r);
        }

        private void checkpoint(int step) throws IOException {
            Path dir = PolicyCheckpoint.save(out.resolve("checkpoints").resolve(String.format("step-%06d", step)), trainer.policy(), tokenizerJson, provenance, tmp -> {
                trainer.saveState(tmp);
                JSON.writeValue(tmp.resolve(EVALUATIONS_FILE).toFile(), evaluations);
            });
            rotation.written(dir);
        }
    }
}
