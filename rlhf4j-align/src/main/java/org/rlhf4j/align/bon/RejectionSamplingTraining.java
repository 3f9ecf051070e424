package org.rlhf4j.align.bon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.sft.SftConfig;
import org.rlhf4j.align.sft.SftTraining;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.RunFiles;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * Rejection-sampling fine-tuning (Llama 2's "rejection sampling", also RAFT and ReST's first
 * step): best-of-n on the training prompts with the policy itself, then SFT of the policy on the
 * kept replies. Two phases, each resumable:
 * <pre>
 * out/
 *   bon-config.json    best-of-n's configuration, as run
 *   best-of-n.jsonl    the kept replies as demonstrations (score, rank and the prompt's mean score in their attribution);
 *                      written whole or not at all, so a resume samples again only if it is missing
 *   sft/               the SFT run on them (sft-config.json, metrics, checkpoints, model/, report.html)
 * </pre>
 */
public final class RejectionSamplingTraining {
    public static final String CONFIG_FILE = "bon-config.json";
    public static final String PICKS_FILE = "best-of-n.jsonl";

    private final BestOfNConfig bestOfN;
    private final SftConfig sft;
    private final ComputeDevice device;
    private final List<String> commandLine;
    private final PrintStream log;

    public RejectionSamplingTraining(BestOfNConfig bestOfN, SftConfig sft, ComputeDevice device, List<String> commandLine, PrintStream log) {
        this.bestOfN = bestOfN;
        this.sft = sft;
        this.device = device;
        this.commandLine = List.copyOf(commandLine);
        this.log = log;
    }

    /** What the run produced: the picks' summary (null when a resume found them written) and the SFT run. */
    public record Result(BestOfNSampling.Result picks, SftTraining.Result sft) {
        public Path model() {
            return sft.model();
        }
    }

    /** The SFT recipe for a policy that is already fine-tuned: one epoch at a third of SFT's learning rate, no early stopping. */
    public static SftConfig defaultSft() {
        SftConfig base = SftConfig.defaults().withEpochs(1).withPatience(0);
        return base.withTraining(base.training().withLearningRate(1e-4));
    }

    /** Samples best-of-n with {@code policy} on {@code prompts}, then fine-tunes {@code policy} on the kept replies. */
    public Result run(Path policy, RewardFunction reward, List<Prompt> prompts, Path out) throws IOException {
        RunFiles.startFresh(out);
        if (Files.exists(out.resolve("sft").resolve(MetricsSink.FILE_NAME))) throw new UserError(out + ": already holds a run (sft/metrics.jsonl); continue it with --resume");
        RunFiles.write(out.resolve(CONFIG_FILE), bestOfN);
        BestOfNSampling.Result picks = sample(policy, reward, prompts, out.resolve(PICKS_FILE));
        SftTraining.Result trained = new SftTraining(sft, device, commandLine, log, 0).run(policy, List.of(out.resolve(PICKS_FILE)), out.resolve("sft"));
        return new Result(picks, trained);
    }

    /** Best-of-n alone, without the fine-tuning: {@code out/bon-config.json} and {@code out/best-of-n.jsonl}. */
    public BestOfNSampling.Result pick(Path policy, RewardFunction reward, List<Prompt> prompts, Path out) throws IOException {
        RunFiles.startFresh(out);
        if (Files.exists(out.resolve(PICKS_FILE))) throw new UserError(out.resolve(PICKS_FILE) + ": already exists; choose a new --out");
        RunFiles.write(out.resolve(CONFIG_FILE), bestOfN);
        return sample(policy, reward, prompts, out.resolve(PICKS_FILE));
    }

    /** Continues a run: samples again only if the picks were never written whole, then resumes or starts the SFT run. */
    public Result resume(Path policy, RewardFunction reward, List<Prompt> prompts, Path out) throws IOException {
        BestOfNConfig saved = RunFiles.read(out.resolve(CONFIG_FILE), BestOfNConfig.class, "cannot resume this run");
        if (!saved.equals(bestOfN)) throw new UserError(out.resolve(CONFIG_FILE) + ": the run was started with " + saved + ", not " + bestOfN);
        BestOfNSampling.Result picks = Files.isRegularFile(out.resolve(PICKS_FILE)) ? null : sample(policy, reward, prompts, out.resolve(PICKS_FILE));
        Path sftDir = out.resolve("sft");
        SftTraining training = new SftTraining(sft, device, commandLine, log, 0);
        SftTraining.Result trained = org.rlhf4j.lm.pretrain.Pretraining.latestCheckpoint(sftDir) != null
                ? new SftTraining(SftTraining.savedConfig(sftDir), device, commandLine, log, 0).resume(List.of(out.resolve(PICKS_FILE)), sftDir)
                : training.run(policy, List.of(out.resolve(PICKS_FILE)), freshSftDir(sftDir));
        return new Result(picks, trained);
    }

    private static Path freshSftDir(Path sftDir) throws IOException {
        if (Files.isDirectory(sftDir)) org.rlhf4j.core.run.AtomicDirectory.deleteTree(sftDir);   // an SFT run killed before its first checkpoint starts again
        return sftDir;
    }

    private BestOfNSampling.Result sample(Path policy, RewardFunction reward, List<Prompt> prompts, Path file) throws IOException {
        Engine.seed(bestOfN.seed());
        Checkpoint.Loaded loaded = org.rlhf4j.align.policy.PolicyCheckpoint.languageModel(policy, device);
        if (loaded.tokenizer() == null) {
            loaded.model().close();
            throw new UserError(policy + ": no tokenizer.json beside the model");
        }
        BestOfNSampling.Result r;
        try (LlamaModel model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            r = new BestOfNSampling(bestOfN).sample(model, tokenizer, reward, prompts);
        }
        List<Demonstration> demos = new ArrayList<>(r.picks().size());
        for (int i = 0; i < r.picks().size(); i++) demos.add(r.picks().get(i).demonstration("bon-" + i));
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(tmp);
        try (FeedbackStore store = FeedbackStore.open(tmp)) {
            store.append(demos);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.println(r.describe() + " -> " + file);
        return r;
    }
}
