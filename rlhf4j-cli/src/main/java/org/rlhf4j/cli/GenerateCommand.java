package org.rlhf4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.sampling.Generation;
import org.rlhf4j.lm.sampling.Sampler;
import org.rlhf4j.lm.sampling.SamplingConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Sample continuations of prompts from a checkpoint.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint folder (or a run folder holding model/).")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "A prompt; repeat for a batch.")
    List<String> prompts;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens = SamplingConfig.defaults().maxNewTokens();

    @Option(names = "--temperature", paramLabel = "T", description = "0 = greedy. Default: ${DEFAULT-VALUE}.")
    double temperature = SamplingConfig.defaults().temperature();

    @Option(names = "--top-k", paramLabel = "K", description = "0 = off. Default: ${DEFAULT-VALUE}.")
    int topK = SamplingConfig.defaults().topK();

    @Option(names = "--top-p", paramLabel = "P", description = "1 = off. Default: ${DEFAULT-VALUE}.")
    double topP = SamplingConfig.defaults().topP();

    @Option(names = "--seed", paramLabel = "S", description = "Default: ${DEFAULT-VALUE}.")
    long seed = SamplingConfig.defaults().seed();

    @Option(names = "--precision", paramLabel = "fp32|bf16", defaultValue = "fp32", converter = EngineOptions.PrecisionConverter.class,
            description = "Matmul precision (default: ${DEFAULT-VALUE}).")
    Precision precision;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        var device = engine.start();
        SamplingConfig sampling = new SamplingConfig(maxNewTokens, temperature, topK, topP, true, seed);
        Checkpoint.Loaded loaded = loadWithTokenizer(model, device);
        try (var m = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            List<int[]> encoded = new ArrayList<>();
            for (String p : prompts) encoded.add(withBos(tokenizer, p));
            Generation g = new Sampler(m, precision).generate(encoded, sampling);
            for (int i = 0; i < prompts.size(); i++) {
                System.out.println(prompts.get(i) + tokenizer.decode(g.tokens()[i], true));
                if (i + 1 < prompts.size()) System.out.println("---");
            }
        }
        return 0;
    }

    /** A checkpoint folder (or a run folder holding model/) that must carry its tokenizer. */
    static Checkpoint.Loaded loadWithTokenizer(Path model, org.rlhf4j.core.tensor.ComputeDevice device) {
        Path dir = model.resolve("model").resolve(Checkpoint.CONFIG).toFile().isFile() ? model.resolve("model") : model;
        Checkpoint.Loaded loaded = org.rlhf4j.align.policy.PolicyCheckpoint.languageModel(dir, device);
        if (loaded.tokenizer() == null) {
            loaded.model().close();
            throw new UserError(dir + ": no tokenizer.json in the checkpoint folder");
        }
        return loaded;
    }

    static int[] withBos(Tokenizer tokenizer, String prompt) {
        int[] ids = tokenizer.encode(prompt);
        int[] out = new int[ids.length + 1];
        out[0] = tokenizer.bosId();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }
}
