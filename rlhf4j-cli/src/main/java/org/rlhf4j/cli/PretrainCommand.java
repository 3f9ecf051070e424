package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.pretrain.PretrainConfig;
import org.rlhf4j.lm.pretrain.Pretraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pretrain", mixinStandardHelpOptions = true, description = "Train a language model from scratch on a corpus (.jsonl with \"text\", or plain text with blank-line-separated documents).")
final class PretrainCommand implements Callable<Integer> {
    @Option(names = "--corpus", required = true, paramLabel = "FILE")
    Path corpus;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory (created).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "A pretrain-config.json to start from (as written into every run directory).")
    Path configFile;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "Use this tokenizer.json instead of training one.")
    Path tokenizer;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps (default from the config).")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (default from the config).")
    Long seed;

    @Option(names = "--precision", paramLabel = "fp32|bf16", converter = EngineOptions.PrecisionConverter.class, description = "Matmul precision (default from the config: bf16).")
    Precision precision;

    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint, with the configuration it was started with.")
    boolean resume;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        if (resume && (configFile != null || tokenizer != null || steps != null || seed != null || precision != null)) {
            throw new UserError("--resume continues the run as it was configured: leave out --config, --tokenizer, --steps, --seed and --precision");
        }
        PretrainConfig config = resume ? Pretraining.savedConfig(out)
                : (configFile == null ? PretrainConfig.defaults() : ConfigFiles.read(configFile, PretrainConfig.class)).withOverrides(steps, seed, precision);
        var device = engine.start();
        var pretraining = new Pretraining(config, device, List.of(CommandLineText.current()));
        var result = resume ? pretraining.resume(corpus, out) : pretraining.run(corpus, out, tokenizer);
        System.out.println(result.describe());
        System.out.println("model: " + result.model().toAbsolutePath());
        System.out.println("report: " + org.rlhf4j.eval.PretrainReport.write(out, result, null).toAbsolutePath());
        return 0;
    }

    /** For provenance: the command as typed (set by the launcher), else the Java command. */
    static final class CommandLineText {
        static String current() {
            return ProcessHandle.current().info().commandLine().orElse("rlhf4j pretrain");
        }
    }
}
