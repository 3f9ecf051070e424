package org.rlhf4j.align.ppo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rlhf4j.align.online.OnlineDoctor;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.rlhf4j.align.online.OnlineTrainer;
import org.rlhf4j.align.online.OnlineTraining;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.feedback.Prompt;

/**
 * A managed PPO run into a run directory, through the loop every online method shares
 * ({@link OnlineTraining}: rollouts from a prompt set, scores from any {@link RewardFunction},
 * {@link PpoTrainer#step}, evaluations on held-out prompts with the gold score where the world
 * knows one, checkpoints, bit-identical resume, a report). PPO supplies its trainer (with a value
 * head), its doctor and its report; one reply per prompt.
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
    public static final String NAME = "ppo";
    public static final String CONFIG_FILE = OnlineTraining.configFile(NAME);
    public static final String RUN_FILE = OnlineTraining.runFile(NAME);
    public static final String SAMPLES_FILE = OnlineTraining.SAMPLES_FILE;
    public static final String EVALUATIONS_FILE = OnlineTraining.EVALUATIONS_FILE;

    private final OnlineTraining loop;

    public PpoTraining(PpoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log) {
        this(config, device, commandLine, log, List.of());
    }

    /** With listeners of the caller's (tests stop a run part-way with one, as a crash would). */
    public PpoTraining(PpoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log, List<PpoListener> listeners) {
        this.loop = new OnlineTraining(new Method(config), device, commandLine, log, listeners);
    }

    /** What a run produced. */
    public record Result(Path model, Path report, List<OnlineEvaluation.Result> evaluations, OnlineDoctor.Findings findings, int steps, double seconds) {
        static Result of(OnlineTraining.Result r) {
            return new Result(r.model(), r.report(), r.evaluations(), r.findings(), r.steps(), r.seconds());
        }

        public OnlineEvaluation.Result first() {
            return evaluations.get(0);
        }

        public OnlineEvaluation.Result last() {
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

        OnlineTraining.Inputs online() {
            return new OnlineTraining.Inputs(reward, prompts, evaluationPrompts, gold);
        }
    }

    /** The configuration a run directory was started with. */
    public static PpoConfig savedConfig(Path out) {
        return OnlineTraining.savedConfig(out, NAME, PpoConfig.class);
    }

    /** Starts a run from {@code policy} (an SFT checkpoint or an earlier PPO model), against {@code reference} (null: the policy itself). */
    public Result run(Path policy, Path reference, Inputs inputs, Path out) throws IOException {
        return Result.of(loop.run(policy, reference, inputs.online(), out));
    }

    /** Continues the run in {@code out} from its newest complete checkpoint, as if it had never stopped. */
    public Result resume(Inputs inputs, Path out) throws IOException {
        return Result.of(loop.resume(inputs.online(), out, PpoTrainer.STATE_FILE));
    }

    /** The newest complete checkpoint under {@code out/checkpoints}, after recovering any interrupted write; null if none. */
    public static Path latestCheckpoint(Path out) throws IOException {
        return org.rlhf4j.core.run.Checkpoints.latest(out, PpoTrainer.STATE_FILE);
    }

    /** What PPO supplies to the shared loop. */
    private record Method(PpoConfig config) implements OnlineTraining.Method {
        @Override
        public OnlineTraining.Settings settings() {
            return new OnlineTraining.Settings(NAME, config.steps(), config.batchSize(), 1, config.minNewTokens(), config.maxNewTokens(), config.maxQueryLength(),
                    config.temperature(), config.precision(), config.evalEvery(), config.checkpointEvery(), config.template(), config.seed());
        }

        @Override
        public List<String> seedStreams() {
            return List.of("rollout", "minibatches", "prompts", "lengths", SeedStreams.MODEL_INIT, "engine");
        }

        @Override
        public boolean valueHead() {
            return true;
        }

        @Override
        public OnlineTrainer trainer(PolicyModel policy, PolicyModel reference) {
            return new PpoTrainer(policy, reference, config);
        }

        @Override
        public OnlineTraining.LoopMetricNames loopMetrics() {
            return new OnlineTraining.LoopMetricNames(MetricNames.Ppo.GOLD, MetricNames.Ppo.TIME_ROLLOUT, MetricNames.Ppo.TIME_SCORE, MetricNames.Ppo.TIME_TOTAL);
        }

        @Override
        public OnlineDoctor.Findings examine(List<Map<String, Object>> rows, List<OnlineEvaluation.Result> evaluations) {
            return PpoDoctor.examine(rows, evaluations);
        }

        @Override
        public Path report(Path out, List<OnlineEvaluation.Result> evaluations, OnlineDoctor.Findings findings) throws IOException {
            return PpoReport.write(out, config, evaluations, findings);
        }
    }
}
