package org.rlhf4j.lm.pretrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.BpeTrainer;
import org.rlhf4j.lm.tokenizer.BpeTrainerConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import org.rlhf4j.lm.train.LmBatch;
import org.rlhf4j.lm.train.LmTrainer;
import org.rlhf4j.lm.train.TokenCorpus;
import org.rlhf4j.lm.train.TrainingListener;

/**
 * One pretraining run into a run directory:
 * <pre>
 * out/
 *   pretrain-config.json   the configuration, as run
 *   run.json               provenance (seeds, data hash, versions, command line)
 *   tokenizer.json         trained here unless one was given
 *   metrics.jsonl          one line per step and per evaluation
 *   checkpoints/step-N/    periodic checkpoints (the latest is kept)
 *   model/                 the final checkpoint: model.safetensors, config.json, tokenizer.json, run.json
 * </pre>
 */
public final class Pretraining {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PretrainConfig config;
    private final ComputeDevice device;
    private final List<String> commandLine;

    public Pretraining(PretrainConfig config, ComputeDevice device, List<String> commandLine) {
        this.config = config;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
    }

    /** What the run produced. */
    public record Result(Path model, LmTrainer.Summary summary, long corpusTokens, long parameters) {}

    public Result run(Path corpusFile, Path out, Path tokenizerFile) throws IOException {
        Files.createDirectories(out);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("pretrain-config.json").toFile(), config);
        SeedStreams seeds = SeedStreams.of(config.training().seed());
        List<String> documents = CorpusReader.read(corpusFile);
        Path tokenizerJson = tokenizerFile != null ? tokenizerFile : trainTokenizer(documents, out.resolve("tokenizer.json"));
        try (Tokenizer tokenizer = Tokenizer.load(tokenizerJson)) {
            int[] stream = tokenize(tokenizer, documents);
            TokenCorpus corpus = new TokenCorpus(stream, config.heldOutFraction(), config.training().contextLength());
            Engine.seed(seeds.seed("engine"));
            var modelConfig = config.model().toConfig(tokenizer.vocabSize(), tokenizer.bosId(), tokenizer.eosId(), tokenizer.padId());
            try (LlamaModel model = new LlamaModel(modelConfig, device, seeds.random("model_init"))) {
                Provenance provenance = Provenance.capture("pretrain", JSON.valueToTree(config), seeds, "model_init", "data_order", "held_out", "engine")
                        .withDataFiles(List.of(Provenance.DataFile.of(corpusFile)))
                        .withEngineVersions(Map.of("libtorch", Engine.version(), "device", device.toString()))
                        .withCommandLine(commandLine);
                provenance.write(out.resolve(Provenance.FILE_NAME));
                LmTrainer.Summary summary = train(model, corpus, seeds, out, tokenizerJson, provenance);
                Path finalModel = Checkpoint.save(out.resolve("model"), model, tokenizerJson, provenance);
                return new Result(finalModel, summary, stream.length, model.parameters().count());
            }
        }
    }

    private LmTrainer.Summary train(LlamaModel model, TokenCorpus corpus, SeedStreams seeds, Path out, Path tokenizerJson, Provenance provenance) throws IOException {
        var t = config.training();
        SplittableRandom order = seeds.random("data_order");
        SplittableRandom heldOutRng = seeds.random("held_out");
        List<LmBatch> heldOut = LmTrainer.fixedBatches(t.evalBatches(), () -> corpus.heldOutBatch(t.batchSize(), t.contextLength(), heldOutRng));
        try (MetricsSink metrics = MetricsSink.open(out.resolve(MetricsSink.FILE_NAME));
             ProgressBar bar = new ProgressBar("pretrain", t.maxSteps(), "steps")) {
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(progress(bar));
            listeners.add(metrics(metrics));
            if (config.checkpointEvery() > 0) listeners.add(checkpoints(model, out, tokenizerJson, provenance));
            try (LmTrainer trainer = new LmTrainer(model, t, listeners)) {
                return trainer.train(() -> corpus.trainBatch(t.batchSize(), t.contextLength(), order), heldOut);
            }
        }
    }

    private static TrainingListener progress(ProgressBar bar) {
        return new TrainingListener() {
            double heldOut = Double.NaN;

            @Override
            public void onStep(StepReport r) {
                bar.setExtra(String.format("loss %.3f%s  %.0f tok/s", r.loss(), Double.isNaN(heldOut) ? "" : String.format("  held-out %.3f", heldOut), r.tokensPerSecond()));
                bar.step(1);
            }

            @Override
            public void onEvaluation(int step, double loss) {
                heldOut = loss;
            }
        };
    }

    private static TrainingListener metrics(MetricsSink sink) {
        return new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                Map<String, Number> m = new LinkedHashMap<>();
                m.put("train/loss", r.loss());
                m.put("train/learning_rate", r.learningRate());
                m.put("train/grad_norm", r.gradNorm());
                m.put("train/tokens", r.tokens());
                m.put("train/tokens_per_second", r.tokensPerSecond());
                m.put("train/skipped_steps", r.skippedTotal());
                sink.log(r.step(), m);
            }

            @Override
            public void onEvaluation(int step, double loss) {
                sink.log(step, Map.of("eval/loss", loss));
            }
        };
    }

    private TrainingListener checkpoints(LlamaModel model, Path out, Path tokenizerJson, Provenance provenance) {
        return new TrainingListener() {
            Path previous;

            @Override
            public void onStep(StepReport r) {
                if (r.step() % config.checkpointEvery() != 0 || r.step() == r.maxSteps()) return;
                try {
                    Path dir = Checkpoint.save(out.resolve("checkpoints").resolve(String.format("step-%06d", r.step())), model, tokenizerJson, provenance);
                    if (previous != null) deleteTree(previous);
                    previous = dir;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write checkpoint at step " + r.step(), e);
                }
            }
        };
    }

    private Path trainTokenizer(List<String> documents, Path file) throws IOException {
        BpeTrainerConfig bpe = BpeTrainerConfig.defaults().withVocabSize(config.vocabSize());
        BpeTrainer.train(documents, bpe).write(file);
        return file;
    }

    /** Documents joined GPT-style: bos, tokens, eos, for each document in order. */
    static int[] tokenize(Tokenizer tokenizer, List<String> documents) {
        int bos = tokenizer.bosId(), eos = tokenizer.eosId();
        List<int[]> encoded = tokenizer.encodeBatch(documents);
        int n = 0;
        for (int[] e : encoded) n += e.length + 2;
        int[] stream = new int[n];
        int at = 0;
        for (int[] e : encoded) {
            stream[at++] = bos;
            System.arraycopy(e, 0, stream, at, e.length);
            at += e.length;
            stream[at++] = eos;
        }
        if (stream.length < 1000) throw new UserError("the corpus is too small to pretrain on: " + stream.length + " tokens");
        return stream;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
