package org.rlhf4j.lm.pretrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.rlhf4j.lm.train.TrainingListeners;

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

    public static final String CONFIG_FILE = "pretrain-config.json";

    private final PretrainConfig config;
    private final ComputeDevice device;
    private final List<String> commandLine;
    private final List<TrainingListener> extraListeners;

    public Pretraining(PretrainConfig config, ComputeDevice device, List<String> commandLine) {
        this(config, device, commandLine, List.of());
    }

    /** With listeners of the caller's (tests use one to stop a run part-way, as a crash would). */
    public Pretraining(PretrainConfig config, ComputeDevice device, List<String> commandLine, List<TrainingListener> extraListeners) {
        this.config = config;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.extraListeners = List.copyOf(extraListeners);
    }

    /** The configuration a run directory was started with. */
    public static PretrainConfig savedConfig(Path out) {
        Path file = out.resolve(CONFIG_FILE);
        try {
            return JSON.readValue(file.toFile(), PretrainConfig.class);
        } catch (IOException e) {
            throw new UserError(file + ": cannot resume this run: " + e.getMessage(), e);
        }
    }

    /** The newest complete checkpoint under {@code out/checkpoints}, or null; leftovers of an interrupted write are cleaned up first. */
    public static Path latestCheckpoint(Path out) throws IOException {
        return org.rlhf4j.core.run.Checkpoints.latest(out, LmTrainer.STATE_FILE);
    }

    /** What the run produced. */
    public record Result(Path model, LmTrainer.Summary summary, long corpusTokens, long parameters) {
        /** One line for the log: size, tokens, steps, speed and losses. */
        public String describe() {
            var s = summary;
            return String.format(java.util.Locale.ROOT, "pretrained %,d parameters on %,d tokens: %d steps in %.0f s (%.0f tokens/s), train loss %.3f, held-out loss %.3f (perplexity %.1f)",
                    parameters, corpusTokens, s.steps(), s.seconds(), s.tokens() / s.seconds(), s.lastTrainLoss(), s.heldOutLoss(), Math.exp(s.heldOutLoss()));
        }
    }

    public Result run(Path corpusFile, Path out, Path tokenizerFile) throws IOException {
        Files.createDirectories(out);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(CONFIG_FILE).toFile(), config);
        List<String> documents = CorpusReader.read(corpusFile);
        Path tokenizerJson = tokenizerFile != null ? tokenizerFile : trainTokenizer(documents, out.resolve("tokenizer.json"));
        return run(corpusFile, documents, out, tokenizerJson, null);
    }

    /**
     * Continues the run in {@code out} from its newest complete checkpoint, as if it had never
     * stopped: weights, AdamW moments, step counters and the position in the data stream are
     * restored; the corpus must be the one the run started with. (Metrics of steps after that
     * checkpoint and before the interruption appear twice in metrics.jsonl.)
     */
    public Result resume(Path corpusFile, Path out) throws IOException {
        Path checkpoint = latestCheckpoint(out);
        if (checkpoint == null) throw new UserError(out + ": no complete checkpoint to resume from (checkpoints/step-N with " + LmTrainer.STATE_FILE + ")");
        Provenance saved = Provenance.read(checkpoint.resolve(Provenance.FILE_NAME));
        String hash = Provenance.sha256(corpusFile);
        if (!saved.dataFiles().isEmpty() && !saved.dataFiles().get(0).sha256().equals(hash)) {
            throw new UserError(corpusFile + ": not the corpus this run started with (SHA-256 differs from " + checkpoint.resolve(Provenance.FILE_NAME) + ")");
        }
        return run(corpusFile, CorpusReader.read(corpusFile), out, checkpoint.resolve(Checkpoint.TOKENIZER), checkpoint);
    }

    private Result run(Path corpusFile, List<String> documents, Path out, Path tokenizerJson, Path resumeFrom) throws IOException {
        SeedStreams seeds = SeedStreams.of(config.training().seed());
        try (Tokenizer tokenizer = Tokenizer.load(tokenizerJson)) {
            int[] stream = tokenize(tokenizer, documents);
            TokenCorpus corpus = new TokenCorpus(stream, config.heldOutFraction(), config.training().contextLength());
            Engine.seed(seeds.seed("engine"));
            var modelConfig = config.model().toConfig(tokenizer.vocabSize(), tokenizer.bosId(), tokenizer.eosId(), tokenizer.padId());
            try (LlamaModel model = resumeFrom != null ? Checkpoint.load(resumeFrom, device).model()
                    : new LlamaModel(modelConfig, device, seeds.random("model_init"))) {
                Provenance provenance = Provenance.capture("pretrain", JSON.valueToTree(config), seeds, "model_init", "data_order", "held_out", "engine")
                        .withDataFiles(List.of(Provenance.DataFile.of(corpusFile)))
                        .withEngineVersions(Map.of("libtorch", Engine.version(), "device", device.toString()))
                        .withCommandLine(commandLine);
                if (resumeFrom != null) provenance = provenance.withParent(Provenance.ParentCheckpoint.of(resumeFrom));
                provenance.write(out.resolve(Provenance.FILE_NAME));
                LmTrainer.Summary summary = train(model, corpus, seeds, out, tokenizerJson, provenance, resumeFrom);
                Path finalModel = Checkpoint.save(out.resolve("model"), model, tokenizerJson, provenance);
                return new Result(finalModel, summary, stream.length, model.parameters().count());
            }
        }
    }

    private LmTrainer.Summary train(LlamaModel model, TokenCorpus corpus, SeedStreams seeds, Path out, Path tokenizerJson, Provenance provenance,
                                    Path resumeFrom) throws IOException {
        var t = config.training();
        SplittableRandom order = seeds.random("data_order");
        SplittableRandom heldOutRng = seeds.random("held_out");
        List<LmBatch> heldOut = LmTrainer.fixedBatches(t.evalBatches(), () -> corpus.heldOutBatch(t.batchSize(), t.contextLength(), heldOutRng));
        try (MetricsSink metrics = MetricsSink.open(out.resolve(MetricsSink.FILE_NAME));
             ProgressBar bar = new ProgressBar("pretrain", t.maxSteps(), "steps")) {
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(TrainingListeners.progress(bar));
            listeners.add(TrainingListeners.metrics(metrics));
            LmTrainer[] current = new LmTrainer[1];
            if (config.checkpointEvery() > 0) listeners.add(TrainingListeners.checkpoints(model, out, tokenizerJson, provenance, () -> current[0], config.checkpointEvery()));
            listeners.addAll(extraListeners);
            try (LmTrainer trainer = new LmTrainer(model, t, listeners)) {
                current[0] = trainer;
                if (resumeFrom != null) {
                    LmTrainer.State state = trainer.restoreState(resumeFrom);
                    // The data stream continues where it was: replay its draws.
                    for (long i = 0; i < state.batchesDrawn(); i++) corpus.trainBatch(t.batchSize(), t.contextLength(), order);
                    bar.step(state.step());
                }
                return trainer.train(() -> corpus.trainBatch(t.batchSize(), t.contextLength(), order), heldOut);
            }
        }
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

}
