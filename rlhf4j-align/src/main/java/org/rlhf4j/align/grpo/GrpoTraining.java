package org.rlhf4j.align.grpo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rlhf4j.align.online.OnlineDoctor;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.rlhf4j.align.online.OnlineListener;
import org.rlhf4j.align.online.OnlineReport;
import org.rlhf4j.align.online.OnlineTrainer;
import org.rlhf4j.align.online.OnlineTraining;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.run.MetricNames.Grpo;
import org.rlhf4j.core.tensor.ComputeDevice;

/**
 * A managed GRPO run through the shared online loop ({@link OnlineTraining}): G replies per
 * prompt, scores from any reward function, {@link GrpoTrainer#step}, evaluations with the gold
 * score where the world knows one, checkpoints, bit-identical resume, the doctor and a report.
 * The run directory is the loop's, with {@code grpo-config.json} and {@code grpo-run.json}.
 */
public final class GrpoTraining {
    public static final String NAME = "grpo";
    public static final String CONFIG_FILE = OnlineTraining.configFile(NAME);

    private final OnlineTraining loop;

    public GrpoTraining(GrpoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log) {
        this(config, device, commandLine, log, List.of());
    }

    public GrpoTraining(GrpoConfig config, ComputeDevice device, List<String> commandLine, PrintStream log, List<? extends OnlineListener> listeners) {
        this.loop = new OnlineTraining(new Method(config), device, commandLine, log, listeners);
    }

    public static GrpoConfig savedConfig(Path out) {
        return OnlineTraining.savedConfig(out, NAME, GrpoConfig.class);
    }

    /** Starts a run from {@code policy} (an SFT checkpoint), against {@code reference} (null: the policy itself). */
    public OnlineTraining.Result run(Path policy, Path reference, OnlineTraining.Inputs inputs, Path out) throws IOException {
        return loop.run(policy, reference, inputs, out);
    }

    /** Continues the run in {@code out} from its newest complete checkpoint, as if it had never stopped. */
    public OnlineTraining.Result resume(OnlineTraining.Inputs inputs, Path out) throws IOException {
        return loop.resume(inputs, out, GrpoTrainer.STATE_FILE);
    }

    public static Path latestCheckpoint(Path out) throws IOException {
        return org.rlhf4j.core.run.Checkpoints.latest(out, GrpoTrainer.STATE_FILE);
    }

    private record Method(GrpoConfig config) implements OnlineTraining.Method {
        @Override
        public OnlineTraining.Settings settings() {
            return new OnlineTraining.Settings(NAME, config.maxSteps(), config.promptsPerStep(), config.numGenerations(), config.maxCompletionLength(),
                    config.maxCompletionLength(), config.maxPromptLength(), config.temperature(), config.precision(), config.evalSteps(), config.saveSteps(),
                    config.template(), config.seed());
        }

        @Override
        public List<String> seedStreams() {
            return List.of("rollout", "minibatches", "prompts", "lengths", "evaluation", "engine");
        }

        @Override
        public boolean valueHead() {
            return false;
        }

        @Override
        public OnlineTrainer trainer(PolicyModel policy, PolicyModel reference) {
            return new GrpoTrainer(policy, reference, config);
        }

        @Override
        public OnlineTraining.LoopMetricNames loopMetrics() {
            return new OnlineTraining.LoopMetricNames(Grpo.GOLD, Grpo.TIME_ROLLOUT, Grpo.TIME_SCORE, Grpo.TIME_TOTAL);
        }

        @Override
        public OnlineDoctor.Findings examine(List<Map<String, Object>> rows, List<OnlineEvaluation.Result> evaluations) {
            return GrpoDoctor.examine(rows, evaluations, config.numIterations());
        }

        @Override
        public Path report(Path out, List<OnlineEvaluation.Result> evaluations, OnlineDoctor.Findings findings) throws IOException {
            String steps = config.maxSteps() + " steps of " + config.promptsPerStep() + " prompts x " + config.numGenerations() + " replies (loss_type " + config.lossType()
                    + ", beta " + config.beta() + ", scale_rewards " + config.scaleRewards() + ")";
            return OnlineReport.write(out, "GRPO against the reward function", "GRPO", steps, config.temperature(),
                    new OnlineReport.Names(Grpo.REWARD, Grpo.GOLD, Grpo.KL, Grpo.COMPLETIONS_MEAN_LENGTH), evaluations, findings);
        }
    }
}
