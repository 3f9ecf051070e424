package org.rlhf4j.align.rloo;

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
import org.rlhf4j.core.run.MetricNames.Rloo;
import org.rlhf4j.core.tensor.ComputeDevice;

/**
 * A managed RLOO run through the shared online loop ({@link OnlineTraining}): rloo_k replies per
 * prompt, scores from any reward function, {@link RlooTrainer#step}, evaluations with the gold
 * score where the world knows one, checkpoints, bit-identical resume, the doctor and a report.
 * The run directory is the loop's, with {@code rloo-config.json} and {@code rloo-run.json}.
 */
public final class RlooTraining {
    public static final String NAME = "rloo";
    public static final String CONFIG_FILE = OnlineTraining.configFile(NAME);

    private final OnlineTraining loop;

    public RlooTraining(RlooConfig config, ComputeDevice device, List<String> commandLine, PrintStream log) {
        this(config, device, commandLine, log, List.of());
    }

    public RlooTraining(RlooConfig config, ComputeDevice device, List<String> commandLine, PrintStream log, List<? extends OnlineListener> listeners) {
        this.loop = new OnlineTraining(new Method(config), device, commandLine, log, listeners);
    }

    public static RlooConfig savedConfig(Path out) {
        return OnlineTraining.savedConfig(out, NAME, RlooConfig.class);
    }

    /** Starts a run from {@code policy} (an SFT checkpoint), against {@code reference} (null: the policy itself). */
    public OnlineTraining.Result run(Path policy, Path reference, OnlineTraining.Inputs inputs, Path out) throws IOException {
        return loop.run(policy, reference, inputs, out);
    }

    /** Continues the run in {@code out} from its newest complete checkpoint, as if it had never stopped. */
    public OnlineTraining.Result resume(OnlineTraining.Inputs inputs, Path out) throws IOException {
        return loop.resume(inputs, out, RlooTrainer.STATE_FILE);
    }

    public static Path latestCheckpoint(Path out) throws IOException {
        return org.rlhf4j.core.run.Checkpoints.latest(out, RlooTrainer.STATE_FILE);
    }

    private record Method(RlooConfig config) implements OnlineTraining.Method {
        @Override
        public OnlineTraining.Settings settings() {
            return new OnlineTraining.Settings(NAME, config.maxSteps(), config.promptsPerStep(), config.rlooK(), config.responseLength(),
                    config.responseLength(), config.maxPromptLength(), config.temperature(), config.precision(), config.evalSteps(), config.saveSteps(),
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
            return new RlooTrainer(policy, reference, config);
        }

        @Override
        public OnlineTraining.LoopMetricNames loopMetrics() {
            return new OnlineTraining.LoopMetricNames(Rloo.GOLD, Rloo.TIME_ROLLOUT, Rloo.TIME_SCORE, Rloo.TIME_TOTAL);
        }

        @Override
        public OnlineDoctor.Findings examine(List<Map<String, Object>> rows, List<OnlineEvaluation.Result> evaluations) {
            return RlooDoctor.examine(rows, evaluations);
        }

        @Override
        public Path report(Path out, List<OnlineEvaluation.Result> evaluations, OnlineDoctor.Findings findings) throws IOException {
            String steps = config.maxSteps() + " steps of " + config.promptsPerStep() + " prompts x " + config.rlooK() + " replies (kl_coef " + config.klCoef()
                    + ", " + config.numPpoEpochs() + " epochs)";
            return OnlineReport.write(out, "RLOO against the reward function", "RLOO", steps, config.temperature(),
                    new OnlineReport.Names(Rloo.SCORES, Rloo.GOLD, Rloo.KL, Rloo.RESPONSES_LEN_MEAN), evaluations, findings);
        }
    }
}
