package org.rlhf4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.rlhf4j.control.a2c.A2cConfig;
import org.rlhf4j.control.a2c.A2cTrainer;
import org.rlhf4j.control.env.Environment;
import org.rlhf4j.control.env.Environments;
import org.rlhf4j.control.feedback.CartPoleFeedback;
import org.rlhf4j.control.feedback.RewardShaping;
import org.rlhf4j.control.onpolicy.MetricNames;
import org.rlhf4j.control.onpolicy.MetricsSinkListener;
import org.rlhf4j.control.onpolicy.OnPolicyAlgorithm;
import org.rlhf4j.control.policy.PolicyEvaluation;
import org.rlhf4j.control.policy.PolicyFile;
import org.rlhf4j.control.ppo.PpoConfig;
import org.rlhf4j.control.ppo.PpoTrainer;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.run.SeedStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rlhf4j control train|eval}: classic control with stable-baselines3's algorithms and hyperparameter names. */
@Command(name = "control", mixinStandardHelpOptions = true, description = "Classic control tasks (CartPole-v1, MountainCar-v0, Acrobot-v1, Pendulum-v1) with PPO and A2C.",
        subcommands = {ControlCommand.Train.class, ControlCommand.Eval.class})
final class ControlCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a policy. Hyperparameters: rl-baselines3-zoo's for CartPole-v1, stable-baselines3's defaults elsewhere. "
                    + "Writes metrics.jsonl (SB3 metric names), policy.safetensors, config, run.json and report.html with the learning curve.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--env", required = true, paramLabel = "ID") String env;
        @Option(names = "--algo", paramLabel = "ppo|a2c|dqn", defaultValue = "ppo", description = "Algorithm (default: ${DEFAULT-VALUE}).") String algo;
        @Option(names = "--steps", paramLabel = "N", defaultValue = "100000", description = "Environment steps (default: ${DEFAULT-VALUE}).") long steps;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "2", description = "Seed (default: ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--feedback", paramLabel = "none|shaping", defaultValue = "none",
                description = "shaping: add the documents' CartPole feedback function (-1 when |angle| > 0.05 rad, -1 when |x| > 0.5) to the reward (default: ${DEFAULT-VALUE}).")
        String feedback;
        @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/control-<env>-<algo>-<seed>).") Path out;

        @Override
        public Integer call() throws IOException {
            try {
                Environments.make(env);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            Path dir = out != null ? out : Path.of("runs", "control-" + env + "-" + algo + "-" + seed);
            Files.createDirectories(dir);
            if (algo.equals("dqn")) return dqn(dir);
            Object config;
            OnPolicyAlgorithm<?> trainer;
            try {
                switch (algo) {
                    case "ppo" -> {
                        PpoConfig c = (env.equals("CartPole-v1") ? PpoConfig.zooCartPole() : PpoConfig.defaults()).withSeed(seed);
                        config = c;
                        trainer = PpoTrainer.create(c, env);
                    }
                    case "a2c" -> {
                        A2cConfig c = (env.equals("CartPole-v1") ? A2cConfig.zooCartPole() : A2cConfig.defaults()).withSeed(seed);
                        config = c;
                        trainer = A2cTrainer.create(c, env);
                    }
                    default -> throw new UserError("--algo must be ppo, a2c or dqn, got \"" + algo + "\"");
                }
                switch (feedback) {
                    case "none" -> { }
                    case "shaping" -> {
                        if (!env.startsWith("CartPole")) throw new UserError("--feedback shaping has a built-in function for CartPole only, not " + env);
                        trainer.setRewardShaping(RewardShaping.added(CartPoleFeedback.documents()));
                    }
                    default -> throw new UserError("--feedback must be none or shaping, got \"" + feedback + "\"");
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            JSON.writeValue(dir.resolve("control-config.json").toFile(), config);
            Provenance.capture("control-" + algo, JSON.valueToTree(config), SeedStreams.of(seed)).withCommandLine(List.of(PretrainCommand.CommandLineText.current()))
                    .write(dir.resolve(Provenance.FILE_NAME));
            try (MetricsSink sink = MetricsSink.open(dir.resolve(MetricsSink.FILE_NAME)); ProgressBar bar = new ProgressBar(algo, steps, "steps")) {
                trainer.addListener(new MetricsSinkListener(sink, 1, true));
                trainer.addListener(u -> {
                    bar.setExtra(String.format(Locale.ROOT, "ep_rew_mean %.1f", u.rollout().episodeRewardMean()));
                    bar.step(u.rollout().totalTimesteps() - bar.done());
                });
                trainer.learn(steps);
            }
            Path policy = PolicyFile.save(trainer.policy(), dir.resolve("policy.safetensors"), Map.of("env", env, "algo", algo, "seed", Long.toString(seed)));
            PolicyEvaluation.Result eval = PolicyEvaluation.evaluate(trainer.policy(), Environments.make(env), 10, true, seed + 1000, null);
            Path report = report(dir, eval);
            System.out.printf(Locale.ROOT, "trained %s on %s for %,d steps; deterministic evaluation over 10 episodes: mean return %.1f (std %.1f)%n",
                    algo, env, trainer.numTimesteps(), eval.meanReturn(), eval.stdReturn());
            System.out.println("policy: " + policy.toAbsolutePath());
            System.out.println("report: " + report.toAbsolutePath());
            return 0;
        }

        /** DQN: zoo settings on CartPole-v1, SB3 defaults elsewhere; the Q-network is the policy (greedy). */
        private int dqn(Path dir) throws IOException {
            if (!feedback.equals("none")) throw new UserError("--feedback shaping is available with ppo and a2c");
            org.rlhf4j.control.dqn.DqnConfig c;
            org.rlhf4j.control.dqn.DqnTrainer trainer;
            try {
                c = env.equals("CartPole-v1") ? org.rlhf4j.control.dqn.DqnConfig.zooCartPole(seed) : org.rlhf4j.control.dqn.DqnConfig.defaults().toBuilder().seed(seed).build();
                trainer = org.rlhf4j.control.dqn.DqnTrainer.create(c, env);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            JSON.writeValue(dir.resolve("control-config.json").toFile(), c);
            try (MetricsSink sink = MetricsSink.open(dir.resolve(MetricsSink.FILE_NAME)); ProgressBar bar = new ProgressBar(algo, steps, "steps")) {
                trainer.addListener(new org.rlhf4j.control.dqn.DqnListener() {
                    @Override
                    public void onLog(org.rlhf4j.control.dqn.DqnMetrics m) {
                        sink.log(m.totalTimesteps(), m.asMap());
                        bar.setExtra(String.format(Locale.ROOT, "ep_rew_mean %.1f", m.episodeRewardMean()));
                        bar.step(Math.max(0, m.totalTimesteps() - bar.done()));
                    }
                });
                trainer.learn(steps);
            }
            trainer.save(dir);
            var eval = trainer.evaluate(Environments.make(env), 10, seed + 1000);
            System.out.printf(Locale.ROOT, "trained dqn on %s for %,d steps; greedy evaluation over 10 episodes: mean return %.1f (std %.1f)%n",
                    env, trainer.numTimesteps(), eval.meanReturn(), eval.stdReturn());
            System.out.println("run directory: " + dir.toAbsolutePath() + " (q_network.safetensors, run.json, metrics.jsonl)");
            return 0;
        }

        private Path report(Path dir, PolicyEvaluation.Result eval) throws IOException {
            List<Double> steps = new ArrayList<>(), returns = new ArrayList<>(), shaped = new ArrayList<>();
            for (Map<String, Object> m : MetricsSink.read(dir.resolve(MetricsSink.FILE_NAME))) {
                if (m.get(MetricNames.ROLLOUT_EP_REW_MEAN) instanceof Number r) {
                    steps.add(((Number) m.get(MetricsSink.STEP)).doubleValue());
                    returns.add(r.doubleValue());
                    shaped.add(m.get(MetricNames.ROLLOUT_EP_SHAPED_REW_MEAN) instanceof Number s ? s.doubleValue() : Double.NaN);
                }
            }
            SvgLineChart curve = new SvgLineChart("Learning curve: " + env + ", " + algo, "environment steps", "mean episode return (last 100)")
                    .add(Series.line("true return", steps, returns, "#1f5fa8"));
            if (feedback.equals("shaping")) curve.add(Series.line("shaped return (with feedback)", steps, shaped, "#d2442f"));
            return new RunReport("Control run: " + env + ", " + algo + ", seed " + seed)
                    .figure("deterministic evaluation", String.format(Locale.ROOT, "mean return %.1f, std %.1f over 10 episodes", eval.meanReturn(), eval.stdReturn()))
                    .chart("learning-curve.svg", curve)
                    .link("policy.safetensors", "the trained policy")
                    .link(MetricsSink.FILE_NAME, "metrics with stable-baselines3's names")
                    .link("control-config.json", "hyperparameters")
                    .write(dir);
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a saved policy: mean and std of the return over episodes.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--policy", required = true, paramLabel = "FILE") Path policyFile;
        @Option(names = "--env", paramLabel = "ID", description = "Environment (default: the one the policy was trained on).") String env;
        @Option(names = "--episodes", paramLabel = "N", defaultValue = "10") int episodes;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "0") long seed;
        @Option(names = "--stochastic", description = "Sample actions instead of taking the most likely one.") boolean stochastic;
        @Option(names = "--render", description = "Print the first episode as text frames.") boolean render;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(policyFile)) throw new UserError(policyFile + ": not found");
            var policy = PolicyFile.load(policyFile);
            String id = env != null ? env : PolicyFile.metadata(policyFile).get("env");
            if (id == null) throw new UserError(policyFile + ": does not say which environment it was trained on; give --env");
            Environment environment;
            try {
                environment = Environments.make(id);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            if (render) renderEpisode(policy, Environments.make(id));
            var r = PolicyEvaluation.evaluate(policy, environment, episodes, !stochastic, seed, stochastic ? new SplittableRandom(seed) : null);
            System.out.printf(Locale.ROOT, "%s over %d episodes: mean return %.2f (std %.2f), mean length %.1f%n", id, episodes, r.meanReturn(), r.stdReturn(), r.meanLength());
            return 0;
        }

        private void renderEpisode(org.rlhf4j.control.policy.ActorCriticPolicy policy, Environment e) {
            float[] obs = new float[e.observationSize()];
            var step = new org.rlhf4j.control.env.StepResult();
            e.reset(seed, obs);
            for (int t = 0; t < 20; t++) {
                System.out.println("t=" + t);
                System.out.println(e.renderText());
                float[] a = new float[policy.actionSize()];
                policy.predict(obs, 1, true, null, a);
                if (e.actionSpace() instanceof org.rlhf4j.control.env.Space.Discrete) e.step((int) a[0], obs, step);
                else e.step(a, obs, step);
                if (step.done()) break;
            }
        }
    }
}
