package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.validate.FeedbackFiles;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import org.rlhf4j.reward.RatingLoss;
import org.rlhf4j.reward.RewardCheckpoint;
import org.rlhf4j.reward.RewardConfig;
import org.rlhf4j.reward.RewardExamples;
import org.rlhf4j.reward.RewardModel;
import org.rlhf4j.reward.RewardScorer;
import org.rlhf4j.reward.RewardTraining;
import org.rlhf4j.reward.eval.RewardEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rlhf4j reward train|eval|score}: a thin adapter from flags to the reward module. */
@Command(name = "reward", mixinStandardHelpOptions = true, description = "Train, evaluate and use reward models.",
        subcommands = {RewardCommand.Train.class, RewardCommand.Eval.class, RewardCommand.Score.class})
final class RewardCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a reward model on feedback files (comparisons, rankings, ratings, critiques; any format `rlhf4j data validate` reads). "
                    + "Options left out take the values of --config, else of the built-in recipe (RewardConfig.defaults()).")
    static final class Train implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint to start from (SFT or base model; a reward model's backbone also works).")
        Path model;
        @Option(names = "--data", required = true, paramLabel = "FILE|DATABASE", arity = "1..*",
                description = "Feedback files, or the feedback app's database (an SQLite file or a jdbc:postgresql:// URL) with --project.")
        List<String> data;
        @Option(names = "--project", paramLabel = "NAME", description = "With a database in --data: the project whose answers to train on (the records `serve export` writes).")
        String project;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory (created).")
        Path out;
        @Option(names = "--config", paramLabel = "FILE", description = "A reward-config.json to start from (as written into every run directory).")
        Path configFile;
        @Option(names = "--epochs", paramLabel = "N") Integer epochs;
        @Option(names = "--steps", paramLabel = "N", description = "Stop after N steps (0 = when the epochs are done).") Integer steps;
        @Option(names = "--batch-size", paramLabel = "N", description = "Feedback examples per step.") Integer batchSize;
        @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate.") Double lr;
        @Option(names = "--max-length", paramLabel = "N", description = "Tokens per prompt + response.") Integer maxLength;
        @Option(names = "--template", paramLabel = "NAME", description = "Chat template: support, hh or chat.") String template;
        @Option(names = "--heads", paramLabel = "N", description = "Ensemble heads on the backbone.") Integer heads;
        @Option(names = "--subset-fraction", paramLabel = "X", description = "Each head trains on each example with this probability.") Double subsetFraction;
        @Option(names = "--freeze-layers", paramLabel = "N", description = "Keep the embedding and the lowest N blocks fixed.") Integer freezeLayers;
        @Option(names = "--margins", paramLabel = "true|false", description = "Use strengths and star/rank differences as margins.") Boolean margins;
        @Option(names = "--rating-loss", paramLabel = "ordinal|regression|pairs") String ratingLoss;
        @Option(names = "--tie-weight", paramLabel = "X") Double tieWeight;
        @Option(names = "--center-rewards", paramLabel = "X", description = "TRL's center_rewards_coefficient.") Double center;
        @Option(names = "--eval-fraction", paramLabel = "X", description = "Share of records held out.") Double evalFraction;
        @Option(names = "--seed", paramLabel = "S") Long seed;
        @Option(names = "--precision", paramLabel = "fp32|bf16", converter = EngineOptions.PrecisionConverter.class) Precision precision;
        @Mixin EngineOptions engine;

        @Override
        public Integer call() throws IOException {
            RewardConfig.Builder b = (configFile == null ? RewardConfig.defaults() : ConfigFiles.read(configFile, RewardConfig.class)).toBuilder();
            if (epochs != null) b.epochs = epochs;
            if (steps != null) b.maxSteps = steps;
            if (batchSize != null) b.batchSize = batchSize;
            if (lr != null) b.learningRate = lr;
            if (maxLength != null) b.maxLength = maxLength;
            if (template != null) b.template = template;
            if (heads != null) b.heads = heads;
            if (subsetFraction != null) b.subsetFraction = subsetFraction;
            if (freezeLayers != null) b.freezeLayers = freezeLayers;
            if (margins != null) b.margins = margins;
            if (tieWeight != null) b.tieWeight = tieWeight;
            if (center != null) b.centerCoefficient = center;
            if (evalFraction != null) b.evalFraction = evalFraction;
            if (seed != null) b.seed = seed;
            if (precision != null) b.precision = precision;
            RewardConfig config;
            try {
                if (ratingLoss != null) b.ratingLoss = RatingLoss.parse(ratingLoss);
                config = b.build();
                org.rlhf4j.lm.chat.ChatTemplate.named(config.template());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            var device = engine.start();
            RewardTraining.Result r = new RewardTraining(config, device, List.of(PretrainCommand.CommandLineText.current()), System.err).run(model, FeedbackData.files(data, project, out, false), out);
            System.out.printf(Locale.ROOT, "trained %d steps in %.0f s (%.1f pairs/s)%n", r.summary().steps(), r.summary().seconds(), r.summary().pairs() / r.summary().seconds());
            if (r.heldOut() != null) {
                System.out.println("held-out evaluation:");
                System.out.print(RewardEvaluation.text(r.heldOut()));
            }
            System.out.println("model: " + r.model().toAbsolutePath());
            System.out.println("report: " + r.report().toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Evaluate a reward model on feedback files: pairwise accuracy (ties apart), calibration, length bias, per-source distributions, per-annotator agreement; writes plots and a report.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR") Path model;
        @Option(names = "--data", required = true, paramLabel = "FILE", arity = "1..*") List<Path> data;
        @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default: <model>/../eval-<first data file name>).") Path out;
        @Option(names = "--max-length", paramLabel = "N", defaultValue = "256", description = "Tokens per prompt + response (default: ${DEFAULT-VALUE}).") int maxLength;
        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32") int batchSize;
        @Option(names = "--gold-support-tickets", paramLabel = "SPLIT:FIRST:COUNT",
                description = "Also measure accuracy against the support world's gold score, for data simulated on these tickets (e.g. evaluation:0:1000, as `data simulate --split evaluation --tickets 1000`).")
        String goldTickets;
        @Option(names = "--world-seed", paramLabel = "S", defaultValue = "1234", description = "World seed for --gold-support-tickets (default: ${DEFAULT-VALUE}).") long worldSeed;
        @Mixin EngineOptions engine;

        @Override
        public Integer call() throws IOException {
            List<Feedback> records = FeedbackFiles.readAll(data, System.err::println);
            org.rlhf4j.feedback.simulate.SupportScore gold = goldTickets == null ? null : goldScore(goldTickets, worldSeed);
            var device = engine.start();
            var loaded = RewardCheckpoint.load(model, device);
            try (RewardModel m = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
                RewardExamples encoder = RewardExamples.forScoring(tokenizer, m, maxLength);
                RewardEvaluation.Result r = RewardEvaluation.evaluate(new RewardScorer(m, Precision.BF16, batchSize), encoder, records);
                System.out.print(RewardEvaluation.text(r));
                if (gold != null) {
                    System.out.print(org.rlhf4j.reward.eval.GoldAccuracy.measure(new RewardScorer(m, Precision.BF16, batchSize), encoder, records, gold).text());
                }
                Path dir = out != null ? out : model.toAbsolutePath().getParent().resolve("eval-" + data.get(0).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"));
                System.out.println("report: " + RewardEvaluation.writeReport(r, dir, "Reward model evaluation: " + data).toAbsolutePath());
            }
            return 0;
        }
    }

    static org.rlhf4j.feedback.simulate.SupportScore goldScore(String spec, long worldSeed) {
        String[] p = spec.split(":");
        try {
            if (p.length != 3) throw new IllegalArgumentException("expected SPLIT:FIRST:COUNT");
            var split = org.rlhf4j.feedback.world.Split.valueOf(p[0].trim().toUpperCase(Locale.ROOT));
            return org.rlhf4j.feedback.simulate.SupportScore.of(org.rlhf4j.feedback.world.SupportWorld.seeded(worldSeed), split, Long.parseLong(p[1]), Integer.parseInt(p[2]));
        } catch (IllegalArgumentException e) {
            throw new UserError("--gold-support-tickets " + spec + ": " + e.getMessage() + " (e.g. evaluation:0:1000)");
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Score (prompt, response) pairs: from --prompt/--response on the command line, or every response in feedback files. "
                    + "Prints the normalised reward (the model's reference mean 0, std 1) and, with several heads or models, their disagreement.")
    static final class Score implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", arity = "1..*", description = "One reward model, or several: an ensemble (mean and disagreement over every head of every model).") List<Path> models;
        @Option(names = "--data", paramLabel = "FILE", arity = "1..*") List<Path> data;
        @Option(names = "--prompt", paramLabel = "TEXT") String prompt;
        @Option(names = "--response", paramLabel = "TEXT", arity = "1..*") List<String> responses;
        @Option(names = "--max-length", paramLabel = "N", defaultValue = "256") int maxLength;
        @Mixin EngineOptions engine;

        @Override
        public Integer call() {
            if ((data == null) == (prompt == null)) throw new UserError("give either --data FILE... or --prompt TEXT --response TEXT...");
            if (prompt != null && (responses == null || responses.isEmpty())) throw new UserError("--prompt needs at least one --response");
            List<Prompt> prompts = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            if (prompt != null) {
                for (String r : responses) {
                    prompts.add(Prompt.of(prompt));
                    texts.add(r);
                }
            } else {
                for (Feedback f : FeedbackFiles.readAll(data, System.err::println)) collect(f, prompts, texts);
            }
            var device = engine.start();
            List<RewardModel> loaded = new ArrayList<>();
            List<Tokenizer> tokenizers = new ArrayList<>();
            try {
                List<org.rlhf4j.reward.RewardEnsemble.Member> members = new ArrayList<>();
                for (Path dir : models) {
                    var l = RewardCheckpoint.load(dir, device);
                    loaded.add(l.model());
                    Tokenizer t = Tokenizer.load(l.tokenizer());
                    tokenizers.add(t);
                    members.add(new org.rlhf4j.reward.RewardEnsemble.Member(l.model(), RewardExamples.forScoring(t, l.model(), maxLength)));
                }
                List<org.rlhf4j.feedback.simulate.PromptResponse> items = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) items.add(new org.rlhf4j.feedback.simulate.PromptResponse(prompts.get(i), texts.get(i)));
                var scores = new org.rlhf4j.reward.RewardEnsemble(members, Precision.FP32, 32).score(items);
                System.out.println("reward\tdisagreement\tresponse    (reward: mean over heads and models of the normalised score)");
                for (int i = 0; i < texts.size(); i++) {
                    String shown = texts.get(i).replace('\n', ' ');
                    System.out.printf(Locale.ROOT, "%.4f\t%.4f\t%s%n", scores.get(i).mean(), scores.get(i).disagreement(), shown.length() > 80 ? shown.substring(0, 77) + "..." : shown);
                }
            } finally {
                tokenizers.forEach(Tokenizer::close);
                loaded.forEach(RewardModel::close);
            }
            return 0;
        }

        private static void collect(Feedback f, List<Prompt> prompts, List<String> texts) {
            for (var pr : org.rlhf4j.feedback.convert.Responses.of(f)) {
                prompts.add(pr.prompt());
                texts.add(pr.response());
            }
        }
    }
}
