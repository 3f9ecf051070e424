package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlhf4j.align.sft.SftConfig;
import org.rlhf4j.align.sft.SftTraining;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.train.LmTrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rlhf4j sft}: a thin adapter from flags to {@link SftTraining}. */
@Command(name = "sft", mixinStandardHelpOptions = true,
        description = "Supervised fine-tuning on demonstrations (any format `rlhf4j data validate` reads; corrected critiques count too). "
                + "Loss on response tokens only, packing, held-out loss and early stopping; options left out take the built-in recipe (SftConfig.defaults()).")
final class SftCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint to fine-tune.") Path model;
    @Option(names = "--data", required = true, paramLabel = "FILE|DATABASE", arity = "1..*",
            description = "Demonstration files, or the feedback app's database (an SQLite file or a jdbc:postgresql:// URL) with --project.") List<String> data;
    @Option(names = "--project", paramLabel = "NAME", description = "With a database in --data: the project whose answers to train on (corrected critiques are demonstrations).") String project;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory (created).") Path out;
    @Option(names = "--epochs", paramLabel = "N") Integer epochs;
    @Option(names = "--steps", paramLabel = "N", description = "At most N steps.") Integer steps;
    @Option(names = "--lr", paramLabel = "X") Double lr;
    @Option(names = "--batch-size", paramLabel = "N") Integer batchSize;
    @Option(names = "--max-length", paramLabel = "N", description = "Tokens per row.") Integer maxLength;
    @Option(names = "--template", paramLabel = "NAME", description = "Chat template: support, hh or chat.") String template;
    @Option(names = "--include-prompt-loss", description = "Take the loss on prompt tokens too (default: response tokens only).") boolean includePrompt;
    @Option(names = "--no-packing", description = "One example per row (default: pack short examples, each attending only to itself).") boolean noPacking;
    @Option(names = "--patience", paramLabel = "N", description = "Evaluations without improvement before stopping (0 = off).") Integer patience;
    @Option(names = "--eval-every", paramLabel = "N", description = "Steps between held-out evaluations.") Integer evalEvery;
    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "200", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}; 0 = final only).") int checkpointEvery;
    @Option(names = "--seed", paramLabel = "S") Long seed;
    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint, with the configuration and data it was started with (--model is then ignored).") boolean resume;
    @Option(names = "--precision", paramLabel = "fp32|bf16", converter = EngineOptions.PrecisionConverter.class) Precision precision;
    @Mixin EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        SftConfig c = SftConfig.defaults();
        try {
            LmTrainingConfig t = c.training();
            if (batchSize != null || maxLength != null || lr != null || evalEvery != null) {
                var o = t.optimizer();
                t = new LmTrainingConfig(batchSize != null ? batchSize : t.batchSize(), maxLength != null ? maxLength : t.contextLength(), t.maxSteps(),
                        t.gradAccumulation(), lr != null ? new org.rlhf4j.core.nn.AdamWConfig(lr, o.beta1(), o.beta2(), o.epsilon(), o.weightDecay()) : o,
                        t.warmupSteps(), t.minLearningRateRatio(), t.gradClipNorm(), evalEvery != null ? evalEvery : t.evalEvery(), t.evalBatches(),
                        t.maxNonFiniteInARow(), t.precision(), t.seed());
            }
            if (steps != null) t = t.withMaxSteps(steps);
            if (seed != null) t = t.withSeed(seed);
            if (precision != null) t = t.withPrecision(precision);
            c = c.withTraining(t);
            if (epochs != null) c = c.withEpochs(epochs);
            if (template != null) c = c.withTemplate(template);
            if (patience != null) c = c.withPatience(patience);
            c = c.withCompletionOnly(!includePrompt).withPacking(!noPacking);
            org.rlhf4j.lm.chat.ChatTemplate.named(c.template());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        var device = engine.start();
        List<Path> data = FeedbackData.files(this.data, project, out, resume);
        SftTraining.Result r = resume
                ? new SftTraining(SftTraining.savedConfig(out), device, List.of(PretrainCommand.CommandLineText.current()), System.err, checkpointEvery).resume(data, out)
                : new SftTraining(c, device, List.of(PretrainCommand.CommandLineText.current()), System.err, checkpointEvery).run(model, data, out);
        System.out.printf(Locale.ROOT, "fine-tuned %d steps in %.0f s%s: held-out loss %.4f -> %.4f (best, step %d; perplexity %.2f -> %.2f)%n",
                r.summary().steps(), r.summary().seconds(), r.summary().stoppedEarly() ? " (stopped early)" : "", r.heldOutLossBefore(), r.bestHeldOutLoss(),
                r.bestStep(), Math.exp(r.heldOutLossBefore()), Math.exp(r.bestHeldOutLoss()));
        System.out.println("model: " + r.model().toAbsolutePath());
        System.out.println("report: " + r.report().toAbsolutePath());
        return 0;
    }
}
