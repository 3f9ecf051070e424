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
import org.rlhf4j.control.preference.Comparison;
import org.rlhf4j.control.preference.ComparisonLog;
import org.rlhf4j.control.preference.PreferenceConfig;
import org.rlhf4j.control.preference.PreferenceLearning;
import org.rlhf4j.control.preference.PreferenceTeacher;
import org.rlhf4j.control.preference.SimulatedTeacher;
import org.rlhf4j.control.preference.TerminalTeacher;
import org.rlhf4j.feedback.simulate.AnnotatorConfig;
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
        @Option(names = "--feedback", paramLabel = "none|shaping|preferences", defaultValue = "none",
                description = "shaping: add the documents' CartPole feedback function (-1 when |angle| > 0.05 rad, -1 when |x| > 0.5) to the reward; "
                        + "preferences: train on a reward learned from a teacher's comparisons of clips, never seeing the environment's reward (default: ${DEFAULT-VALUE}).")
        String feedback;
        @Option(names = "--labels", paramLabel = "N", defaultValue = "200", description = "With --feedback preferences: questions to ask in all (default: ${DEFAULT-VALUE}).")
        int labels;
        @Option(names = "--teacher", paramLabel = "simulated|terminal|web", defaultValue = "simulated",
                description = "With --feedback preferences: who answers; simulated scores clips by their true return, terminal asks you, "
                        + "web asks you in the feedback app's browser page (CartPole; default: ${DEFAULT-VALUE}).")
        String teacher;
        @Option(names = "--db", paramLabel = "FILE|JDBC-URL", defaultValue = "feedback.db",
                description = "With --teacher web: the feedback app's database, an SQLite file or a jdbc:postgresql:// URL (default: ${DEFAULT-VALUE}).")
        String db;
        @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
                description = "With --teacher web: serve the feedback app in this process on 127.0.0.1:N; 0 picks a free port (default: ${DEFAULT-VALUE}).")
        int port;
        @Option(names = "--no-serve", description = "With --teacher web: do not serve the app here; only write the queries into --db for an `rlhf4j serve` running on it.")
        boolean noServe;
        @Option(names = "--project", paramLabel = "NAME", description = "With --teacher web: the clips project the queries go to, made when missing (default: \"<env> clips\").")
        String project;
        @Option(names = "--teacher-timeout", paramLabel = "SECONDS", defaultValue = "0",
                description = "With --teacher web: a query unanswered this long is withdrawn, counts as skipped, and no more are asked; 0 waits as long as it takes (default: ${DEFAULT-VALUE}).")
        long teacherTimeout;
        private org.rlhf4j.server.clips.WebTeaching web;
        @Option(names = "--teacher-temperature", paramLabel = "T", defaultValue = "0",
                description = "Simulated teacher's Boltzmann noise: P(A) = sigmoid((return A - return B) / T); 0 is perfectly rational (default: ${DEFAULT-VALUE}).")
        double teacherTemperature;
        @Option(names = "--teacher-mistakes", paramLabel = "P", defaultValue = "0", description = "Simulated teacher's chance of flipping an answer (default: ${DEFAULT-VALUE}).")
        double teacherMistakes;
        @Option(names = "--rounds", paramLabel = "R", defaultValue = "20", description = "With --feedback preferences: query rounds over the training (default: ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--stop-at", paramLabel = "RETURN", description = "With --feedback preferences: stop once a deterministic evaluation's mean true return reaches RETURN.")
        Double stopAt;
        @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/control-<env>-<algo>-<seed>).") Path out;

        @Override
        public Integer call() throws IOException {
            try {
                return train();
            } finally {
                if (web != null) web.close();
            }
        }

        private Integer train() throws IOException {
            try {
                Environments.make(env);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            Path dir = out != null ? out : Path.of("runs", "control-" + env + "-" + algo + "-" + seed);
            if (Files.exists(dir.resolve(MetricsSink.FILE_NAME))) {
                throw new UserError(dir + " already holds a run (metrics.jsonl); choose another --out or move it away");
            }
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
                    case "preferences" -> { }
                    default -> throw new UserError("--feedback must be none, shaping or preferences, got \"" + feedback + "\"");
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            PreferenceLearning preferences;
            try {
                preferences = feedback.equals("preferences") ? preferenceLearning(trainer) : null;
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            JSON.writeValue(dir.resolve("control-config.json").toFile(), preferences == null ? config
                    : Map.of("algorithm", config, "preferences", preferences.config(), "teacher", preferences.teacher().describe()));
            Provenance.capture("control-" + algo, JSON.valueToTree(config), SeedStreams.of(seed)).withCommandLine(List.of(PretrainCommand.CommandLineText.current()))
                    .write(dir.resolve(Provenance.FILE_NAME));
            PreferenceLearning.Result preferenceResult = null;
            try (MetricsSink sink = MetricsSink.open(dir.resolve(MetricsSink.FILE_NAME)); ProgressBar bar = new ProgressBar(algo, steps, "steps")) {
                trainer.addListener(new MetricsSinkListener(sink, 1, true));
                String[] labelsText = {""};
                trainer.addListener(u -> {
                    bar.setExtra(String.format(Locale.ROOT, "ep_rew_mean %.1f%s", u.rollout().episodeRewardMean(), labelsText[0]));
                    bar.step(u.rollout().totalTimesteps() - bar.done());
                });
                if (preferences == null) {
                    trainer.learn(steps);
                } else {
                    try (ComparisonLog log = new ComparisonLog(dir.resolve(ComparisonLog.FILE_NAME))) {
                        preferences.addListener(new PreferenceLearning.Listener() {
                            @Override
                            public void onRound(PreferenceLearning.Round r) {
                                sink.log(r.policySteps(), r.toMap());
                                labelsText[0] = String.format(Locale.ROOT, ", labels %d, eval %.1f", r.labels() + r.newLabels(), r.evalMeanReturn());
                            }

                            @Override
                            public void onAnswer(Comparison c) {
                                try {
                                    log.append(c);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }
                        });
                        try {
                            preferenceResult = preferences.learn(steps);
                        } catch (IllegalStateException e) {
                            throw new UserError(e.getMessage());
                        }
                    }
                    preferences.rewardModel().save(dir.resolve("reward-model.safetensors"), Map.of("env", env, "seed", Long.toString(seed)));
                }
            }
            Path policy = PolicyFile.save(trainer.policy(), dir.resolve("policy.safetensors"), Map.of("env", env, "algo", algo, "seed", Long.toString(seed)));
            PolicyEvaluation.Result eval = PolicyEvaluation.evaluate(trainer.policy(), Environments.make(env), 10, true, seed + 1000, null);
            Path report = report(dir, eval, preferenceResult);
            if (preferenceResult != null) {
                System.out.printf(Locale.ROOT, "labels: %d asked, %d answered; %s%n", preferenceResult.labelsAsked(), preferenceResult.labelsAnswered(),
                        labelsNeeded(preferenceResult));
            }
            System.out.printf(Locale.ROOT, "trained %s on %s for %,d steps; deterministic evaluation over 10 episodes: mean return %.1f (std %.1f)%n",
                    algo, env, trainer.numTimesteps(), eval.meanReturn(), eval.stdReturn());
            System.out.println("policy: " + policy.toAbsolutePath());
            System.out.println("report: " + report.toAbsolutePath());
            return 0;
        }

        /** The return that counts as solved for the summary line: --stop-at, Gymnasium's threshold for CartPole-v1 (475), else the best possible. */
        private double solvedAt() {
            if (stopAt != null) return stopAt;
            return env.equals("CartPole-v1") ? 475 : Double.POSITIVE_INFINITY;
        }

        /** When the evaluation first reached the solved return, or the best evaluation where there is no threshold. */
        private String labelsNeeded(PreferenceLearning.Result result) {
            if (Double.isInfinite(solvedAt())) {
                PreferenceLearning.Round best = result.rounds().stream().max(java.util.Comparator.comparingDouble(PreferenceLearning.Round::evalMeanReturn)).orElseThrow();
                return String.format(Locale.ROOT, "best evaluation %.1f after %d labels and %,d steps (give --stop-at RETURN for a threshold)",
                        best.evalMeanReturn(), best.labels(), best.policySteps());
            }
            PreferenceLearning.Round hit = result.firstAtOrAbove(solvedAt());
            return hit == null ? String.format(Locale.ROOT, "no evaluation reached %.1f", solvedAt())
                    : String.format(Locale.ROOT, "evaluation first reached %.1f (>= %.1f) after %d labels and %,d steps", hit.evalMeanReturn(),
                            solvedAt(), hit.labels(), hit.policySteps());
        }

        private PreferenceLearning preferenceLearning(OnPolicyAlgorithm<?> trainer) {
            if (labels < 1) throw new UserError("--labels must be >= 1, got " + labels);
            if (rounds < 1) throw new UserError("--rounds must be >= 1, got " + rounds);
            if (steps <= rounds) throw new UserError("--steps must be more than --rounds (" + rounds + "), got " + steps);
            PreferenceTeacher who = switch (teacher) {
                case "simulated" -> new SimulatedTeacher(AnnotatorConfig.defaults().withTemperature(teacherTemperature).withMistakeProbability(teacherMistakes),
                        SeedStreams.of(seed).random("teacher"));
                case "terminal" -> new TerminalTeacher(env, new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                        java.nio.charset.StandardCharsets.UTF_8)), System.out, 5);
                case "web" -> webTeacher();
                default -> throw new UserError("--teacher must be simulated, terminal or web, got \"" + teacher + "\"");
            };
            PreferenceLearning learning = new PreferenceLearning(trainer,
                    PreferenceConfig.defaults().withTotalComparisons(labels).withRounds(rounds).withSeed(seed), who);
            if (stopAt != null) learning.stopAtEvaluationReturn(stopAt);
            return learning;
        }

        /** The feedback app (served here unless --no-serve) and its clips project; closed when the command ends. */
        private PreferenceTeacher webTeacher() {
            if (teacherTimeout < 0) throw new UserError("--teacher-timeout must be >= 0 (0: no limit), got " + teacherTimeout);
            if (!env.startsWith("CartPole")) throw new UserError("--teacher web draws CartPole clips only, not " + env);
            org.rlhf4j.server.db.DatabaseLocation location;
            try {
                location = org.rlhf4j.server.db.DatabaseLocation.parse(db);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            web = org.rlhf4j.server.clips.WebTeaching.open(location, noServe ? null : port, env, project != null ? project : env + " clips", teacherTimeout * 1000, System.out);
            return web.teacher();
        }

        /** DQN: zoo settings on CartPole-v1, SB3 defaults elsewhere; the Q-network is the policy (greedy). */
        private int dqn(Path dir) throws IOException {
            if (!feedback.equals("none")) throw new UserError("--feedback " + feedback + " is available with ppo and a2c");
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

        private Path report(Path dir, PolicyEvaluation.Result eval, PreferenceLearning.Result preferenceResult) throws IOException {
            List<Double> steps = new ArrayList<>(), returns = new ArrayList<>(), shaped = new ArrayList<>();
            List<Double> evalSteps = new ArrayList<>(), evalReturns = new ArrayList<>(), evalLabels = new ArrayList<>();
            if (preferenceResult != null) {
                for (PreferenceLearning.Round r : preferenceResult.rounds()) {
                    evalSteps.add((double) r.policySteps());
                    evalReturns.add(r.evalMeanReturn());
                    evalLabels.add((double) r.labels());
                }
            }
            for (Map<String, Object> m : MetricsSink.read(dir.resolve(MetricsSink.FILE_NAME))) {
                if (m.get(MetricNames.ROLLOUT_EP_REW_MEAN) instanceof Number r) {
                    steps.add(((Number) m.get(MetricsSink.STEP)).doubleValue());
                    returns.add(r.doubleValue());
                    shaped.add(m.get(MetricNames.ROLLOUT_EP_SHAPED_REW_MEAN) instanceof Number s ? s.doubleValue() : Double.NaN);
                }
            }
            SvgLineChart curve = new SvgLineChart("Learning curve: " + env + ", " + algo, "environment steps", "mean episode return (last 100)");
            // the learned return is drawn first: normalised to about 1 per step, it often lies under the true return
            if (preferenceResult != null) curve.add(Series.line("learned return", steps, shaped, "#f0a500"));
            curve.add(Series.line("true return", steps, returns, "#1f5fa8"));
            if (feedback.equals("shaping")) curve.add(Series.line("shaped return (with feedback)", steps, shaped, "#d2442f"));
            if (preferenceResult != null) curve.add(Series.points("evaluation (true)", evalSteps, evalReturns, "#2a9d4b"));
            RunReport report = new RunReport("Control run: " + env + ", " + algo + ", seed " + seed
                    + (preferenceResult != null ? ", reward learned from preferences" : ""))
                    .figure("deterministic evaluation", String.format(Locale.ROOT, "mean return %.1f, std %.1f over 10 episodes", eval.meanReturn(), eval.stdReturn()));
            if (preferenceResult != null) {
                report.figure("labels", preferenceResult.labelsAsked() + " asked, " + preferenceResult.labelsAnswered() + " answered")
                        .figure("labels needed", labelsNeeded(preferenceResult))
                        .chart("labels-vs-return.svg", new SvgLineChart("Labels vs true return: " + env, "labels used by the reward model",
                                "deterministic evaluation, mean true return").add(Series.points("evaluation", evalLabels, evalReturns, "#2a9d4b")))
                        .section("What the learner saw", "The policy never sees the environment's reward: it trains on the ensemble's "
                                + "learned reward, normalised so that the state after a termination is worth 0 and a typical step about 1. "
                                + "The learned return therefore tracks the true one closely once the reward model is right, and may be hidden under it "
                                + "in the learning curve. Evaluations are deterministic episodes on the true reward, after each query round.")
                        .link(ComparisonLog.FILE_NAME, "every answered query with both clips")
                        .link("reward-model.safetensors", "the learned reward ensemble");
            }
            return report.chart("learning-curve.svg", curve)
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
