package org.rlhf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.core.run.MetricsSink;
import org.rlhf4j.core.run.Provenance;
import org.rlhf4j.feedback.world.PretrainingCorpus;
import org.rlhf4j.feedback.world.SupportWorld;

class CliTest {
    @TempDir
    static Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        PrintStream previous = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Run(code, out + captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(previous);
        }
    }

    static Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** A pretrain-config.json for a tiny fp32 model (d 32, 2 heads sharing 1 key/value head, vocabulary 400), seed 5. */
    static Path tinyPretrainConfig(String name, int layers, int maxPositions, int contextLength, int maxSteps, int checkpointEvery) throws IOException {
        return write(name, """
                {"model": {"hiddenSize": 32, "layers": %d, "heads": 2, "keyValueHeads": 1, "intermediateSize": 64, "maxPositions": %d, "tiedEmbeddings": true},
                 "training": {"batchSize": 4, "contextLength": %d, "maxSteps": %d, "gradAccumulation": 1,
                              "optimizer": {"learningRate": 0.003, "beta1": 0.9, "beta2": 0.95, "epsilon": 1e-8, "weightDecay": 0.0},
                              "warmupSteps": 2, "minLearningRateRatio": 0.1, "gradClipNorm": 1.0, "evalEvery": 10, "evalBatches": 2,
                              "maxNonFiniteInARow": 3, "precision": "FP32", "seed": 5},
                 "vocabSize": 400, "heldOutFraction": 0.05, "checkpointEvery": %d}
                """.formatted(layers, maxPositions, contextLength, maxSteps, checkpointEvery));
    }

    static Stream<Arguments> userMistakes() throws IOException {
        Path badLine = write("bad-line.jsonl", "{\"text\": \"fine\"}\n{\"text\": 42}\n");
        Path notJson = write("not-json.jsonl", "{\"text\": \"fine\"}\n{text\n");
        Path brokenCheckpoint = Files.createDirectories(tmp.resolve("broken-ckpt"));
        Path notADemo = Files.createDirectories(tmp.resolve("not-a-demo"));
        Files.writeString(brokenCheckpoint.resolve("config.json"), "{\"hidden_size\": 32}");
        Path badConfig = write("bad-config.json", "{\"vocabSize\": 10}");
        return Stream.of(
                Arguments.of(new String[] {"pretrain", "--no-such-flag"}, 2, "Unknown option: '--no-such-flag'"),
                Arguments.of(new String[] {"pretrain", "--out", "x"}, 2, "Missing required option: '--corpus=FILE'"),
                Arguments.of(new String[] {"generate", "--model", "x", "--prompt", "hi", "--device", "tpu"}, 2, "unknown device 'tpu': expected cpu or cuda"),
                Arguments.of(new String[] {"generate", "--model", "x", "--prompt", "hi", "--top-p", "abc"}, 2, "Invalid value for option '--top-p'"),
                Arguments.of(new String[] {"pretrain", "--corpus", tmp.resolve("missing.jsonl").toString(), "--out", tmp.resolve("o1").toString()}, 1, "missing.jsonl: not found"),
                Arguments.of(new String[] {"pretrain", "--corpus", badLine.toString(), "--out", tmp.resolve("o2").toString()}, 1, "bad-line.jsonl:2: field \"text\" must be a string, got number"),
                Arguments.of(new String[] {"pretrain", "--corpus", notJson.toString(), "--out", tmp.resolve("o3").toString()}, 1, "not-json.jsonl:2: not valid JSON"),
                Arguments.of(new String[] {"pretrain", "--corpus", badLine.toString(), "--out", tmp.resolve("o4").toString(), "--config", badConfig.toString()}, 1, "bad-config.json"),
                Arguments.of(new String[] {"generate", "--model", tmp.resolve("nowhere").toString(), "--prompt", "hi"}, 1, "not a checkpoint folder"),
                Arguments.of(new String[] {"generate", "--model", brokenCheckpoint.toString(), "--prompt", "hi"}, 1, "config.json: missing field vocab_size"),
                Arguments.of(new String[] {"generate", "--model", tmp.toString(), "--prompt", "hi", "--temperature", "-1"}, 1, "temperature must be >= 0"),
                Arguments.of(new String[] {"data", "simulate", "--out", tmp.resolve("s1.jsonl").toString(), "--kinds", "votes"}, 1, "unknown feedback kind \"votes\""),
                Arguments.of(new String[] {"data", "simulate", "--out", tmp.resolve("s2.jsonl").toString(), "--split", "train"}, 1, "unknown split \"train\""),
                Arguments.of(new String[] {"sft", "--model", "x", "--data", "y", "--out", tmp.resolve("o5").toString(), "--template", "alpaca"}, 1, "unknown chat template \"alpaca\""),
                Arguments.of(new String[] {"sft", "--model", "x", "--data", badLine.toString(), "--out", tmp.resolve("o9").toString(), "--resume"}, 1, "sft-config.json: cannot resume this run"),
                Arguments.of(new String[] {"data", "split", "x", "--train", "a", "--held-out", "b", "--held-out-fraction", "1.5"}, 1, "--held-out-fraction must be in (0, 1), got 1.5"),
                Arguments.of(new String[] {"data", "split", tmp.resolve("missing.jsonl").toString(), "--train", tmp.resolve("t1").toString(), "--held-out", tmp.resolve("h1").toString()}, 1, "missing.jsonl: not found"),
                Arguments.of(new String[] {"sft", "--model", "x", "--data", tmp.resolve("missing.jsonl").toString(), "--out", tmp.resolve("o6").toString()}, 1, "missing.jsonl: not found"),
                Arguments.of(new String[] {"reward", "train", "--model", "x", "--data", "y", "--out", tmp.resolve("o7").toString(), "--rating-loss", "probit"}, 1, "rating loss must be ordinal, regression or pairs"),
                Arguments.of(new String[] {"reward", "train", "--model", "x", "--data", "y", "--out", tmp.resolve("o8").toString(), "--heads", "0"}, 1, "heads must be >= 1"),
                Arguments.of(new String[] {"reward", "score", "--model", "x"}, 1, "give either --data FILE... or --prompt TEXT --response TEXT..."),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v9", "--out", tmp.resolve("c1").toString()}, 1, "CartPole-v9"),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v1", "--algo", "sac", "--out", tmp.resolve("c2").toString()}, 1, "--algo must be ppo, a2c or dqn"),
                Arguments.of(new String[] {"control", "train", "--env", "Pendulum-v1", "--feedback", "shaping", "--out", tmp.resolve("c3").toString()}, 1, "built-in function for CartPole only"),
                Arguments.of(new String[] {"control", "eval", "--policy", tmp.resolve("none.safetensors").toString()}, 1, "none.safetensors: not found"),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v1", "--algo", "dqn", "--feedback", "preferences", "--out", tmp.resolve("c4").toString()}, 1, "--feedback preferences is available with ppo and a2c"),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v1", "--feedback", "preferences", "--teacher", "robot", "--out", tmp.resolve("c5").toString()}, 1, "--teacher must be simulated, terminal or web, got \"robot\""),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v1", "--feedback", "preferences", "--labels", "0", "--out", tmp.resolve("c6").toString()}, 1, "--labels must be >= 1, got 0"),
                Arguments.of(new String[] {"control", "train", "--env", "Acrobot-v1", "--feedback", "preferences", "--teacher", "web", "--out", tmp.resolve("c9").toString()}, 1, "--teacher web draws CartPole clips only, not Acrobot-v1"),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v1", "--feedback", "preferences", "--teacher", "web", "--teacher-timeout", "-1", "--out", tmp.resolve("c10").toString()}, 1, "--teacher-timeout must be >= 0"),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v1", "--feedback", "preferences", "--teacher", "web", "--db", "jdbc:mysql://db/x", "--out", tmp.resolve("c11").toString()}, 1, "database URL must start with jdbc:sqlite: or jdbc:postgresql:"),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v1", "--feedback", "preferences", "--teacher-mistakes", "2", "--out", tmp.resolve("c7").toString()}, 1, "mistakeProbability"),
                Arguments.of(new String[] {"control", "train", "--env", "CartPole-v1", "--feedback", "votes", "--out", tmp.resolve("c8").toString()}, 1, "--feedback must be none, shaping or preferences"),
                Arguments.of(new String[] {"bench", "control", "--rounds", "0"}, 1, "rounds must be >= 1, got 0"),
                Arguments.of(new String[] {"bench", "control", "--stepping-seconds", "0", "--max-steps", "1"}, 1, "measurement > 0 s, got 0.0 and 0.0"),
                Arguments.of(new String[] {"reward", "eval", "--model", tmp.toString(), "--data", badLine.toString()}, 1, "bad-line.jsonl: cannot tell the format from the keys [text]"),
                Arguments.of(new String[] {"reward", "score", "--model", tmp.toString(), "--prompt", "hi", "--response", "yo"}, 1, "not a reward model (no reward.json)"),
                Arguments.of(new String[] {"NOSUCH", "--help"}, 2, "unknown command 'NOSUCH'"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p1").toString(), "--reward", "x"}, 1, "--policy is required"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p2").toString(), "--policy", "x"}, 1, "--reward is required"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p3").toString(), "--policy", "x", "--reward", "y", "--learning-rate", "fast"}, 1, "--learning-rate: expected a number, got 'fast'"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p4").toString(), "--policy", "x", "--reward", "y", "--cliprange", "1.5"}, 1, "cliprange must be in [0, 1), got 1.5"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p5").toString(), "--policy", "x", "--reward", "y", "--batch-size", "10"}, 1, "batch_size (10) must be a multiple of mini_batch_size"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p6").toString(), "--policy", "x", "--reward", "y", "--kl-penalty", "kl9"}, 1, "unknown KL estimator \"kl9\""),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p7").toString(), "--policy", "x", "--reward", "y", "--adap-kl-ctrl", "maybe"}, 1, "--adap-kl-ctrl: expected true or false"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p8").toString(), "--policy", "x", "--reward", "y", "--support-tickets", "rl:0"}, 1, "--support-tickets: expected SPLIT:FIRST:COUNT"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p9").toString(), "--policy", "x", "--reward", "y", "--eval-tickets", "test:0:5"}, 1, "--eval-tickets: unknown split 'test'"),
                Arguments.of(new String[] {"best-of-n", "--out", tmp.resolve("b1").toString(), "--policy", tmp.resolve("nowhere").toString(), "--reward", "y"}, 1, "nowhere: no such folder"),
                Arguments.of(new String[] {"best-of-n", "--out", tmp.resolve("b2").toString(), "--policy", "x", "--reward", "y", "--sample-size", "0"}, 1, "sample_size must be >= 1"),
                Arguments.of(new String[] {"best-of-n", "--out", tmp.resolve("b3").toString(), "--policy", "x", "--reward", "y", "--n-candidates", "9"}, 1, "n_candidates must be in [1, sample_size=8]"),
                Arguments.of(new String[] {"best-of-n", "--out", tmp.resolve("b4").toString(), "--policy", "x", "--reward", "y", "--resume"}, 1, "--resume continues a --train run"),
                Arguments.of(new String[] {"best-of-n", "--out", tmp.resolve("b5").toString(), "--policy", "x", "--reward", "y", "--support-tickets", "rl:0"}, 1, "--support-tickets: expected SPLIT:FIRST:COUNT"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p10").toString(), "--policy", tmp.resolve("nowhere").toString(), "--reward", tmp.toString()}, 1, "not a reward model"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p11").toString(), "--resume", "--reward", "y"}, 1, "ppo-config.json: cannot resume this run"),
                Arguments.of(new String[] {"ppo", "--out", tmp.resolve("p12").toString(), "--policy", "x", "--reward", "y", "--config", tmp.resolve("none.json").toString()}, 1, "none.json: not found"),
                Arguments.of(new String[] {"demo", "--rl-steps", "-1"}, 1, "rl_steps must be >= 0"),
                Arguments.of(new String[] {"demo", "--method", "magic", "--out", tmp.resolve("d1").toString()}, 1, "unknown method \"magic\" (known: sft, best-of-n, rsft, ppo"),
                Arguments.of(new String[] {"compare", "--out", tmp.resolve("c1").toString(), "--methods", "sft,magic"}, 1, "unknown method \"magic\""),
                Arguments.of(new String[] {"compare", "--out", tmp.resolve("c2").toString(), "--methods", "sft,sft"}, 1, "methods must not repeat"),
                Arguments.of(new String[] {"compare", "--out", tmp.resolve("c3").toString()}, 1, "give --demo DIR, or --policy and --reward"),
                Arguments.of(new String[] {"compare", "--out", tmp.resolve("c4").toString(), "--demo", tmp.resolve("nowhere").toString()}, 1, "no such folder"),
                Arguments.of(new String[] {"compare", "--out", tmp.resolve("c5").toString(), "--methods", "sft,ppo", "--method-config", "dpo=x.json"}, 1, "--method-config dpo: not among --methods sft,ppo"),
                Arguments.of(new String[] {"compare", "--out", tmp.resolve("c6").toString(), "--methods", "sft,ppo", "--method-config", "ppo=" + tmp.resolve("none.json")}, 1, "none.json: no such file"),
                Arguments.of(new String[] {"compare", "--out", tmp.resolve("c7").toString(), "--eval-prompts", "0"}, 1, "eval_prompts must be >= 1"),
                Arguments.of(new String[] {"iterate", "--out", tmp.resolve("i1").toString()}, 1, "give --demo DIR, or --policy, --reward and --data"),
                Arguments.of(new String[] {"iterate", "--out", tmp.resolve("i2").toString(), "--method", "best-of-n"}, 1, "method best-of-n trains nothing"),
                Arguments.of(new String[] {"iterate", "--out", tmp.resolve("i3").toString(), "--method", "magic", "--demo", tmp.toString()}, 1, "unknown method \"magic\""),
                Arguments.of(new String[] {"iterate", "--out", tmp.resolve("i4").toString(), "--rounds", "0"}, 1, "rounds must be >= 1"),
                Arguments.of(new String[] {"iterate", "--out", tmp.resolve("i6").toString(), "--demo", notADemo.toString()}, 1, "not-a-demo: not a finished demo run (no sft/model/config.json)"),
                Arguments.of(new String[] {"iterate", "--out", tmp.resolve("i7").toString(), "--demo", tmp.toString(), "--policy", "x"}, 1, "--demo takes the policy"),
                Arguments.of(new String[] {"iterate", "--out", tmp.resolve("i5").toString(), "--policy-replies", "1"}, 1, "policy_replies must be >= 2"),
                Arguments.of(new String[] {"grpo", "--out", tmp.resolve("g1").toString(), "--policy", "x"}, 1, "--reward is required"),
                Arguments.of(new String[] {"grpo", "--out", tmp.resolve("g2").toString(), "--policy", "x", "--reward", "y", "--loss-type", "dapo2"}, 1, "unknown loss_type \"dapo2\""),
                Arguments.of(new String[] {"grpo", "--out", tmp.resolve("g3").toString(), "--policy", "x", "--reward", "y", "--num-generations", "3"}, 1, "must be a multiple of num_generations (3)"),
                Arguments.of(new String[] {"grpo", "--out", tmp.resolve("g4").toString(), "--resume", "--reward", "y"}, 1, "grpo-config.json: cannot resume this run"),
                Arguments.of(new String[] {"grpo", "--out", tmp.resolve("g5").toString(), "--policy", "x", "--reward", "y", "--optimise-gold"}, 1, "--optimise-gold and --reward exclude each other"),
                Arguments.of(new String[] {"grpo", "--out", tmp.resolve("g6").toString(), "--policy", "x", "--reward", "y", "--scale-rewards", "maybe"}, 1, "--scale-rewards: expected true or false"),
                Arguments.of(new String[] {"rloo", "--out", tmp.resolve("r1").toString(), "--policy", "x", "--reward", "y", "--rloo-k", "1"}, 1, "rloo_k must be >= 2"),
                Arguments.of(new String[] {"rloo", "--out", tmp.resolve("r2").toString(), "--policy", "x", "--reward", "y", "--kl-coef", "-0.1"}, 1, "kl_coef must be >= 0"),
                Arguments.of(new String[] {"rloo", "--out", tmp.resolve("r3").toString(), "--resume", "--reward", "y"}, 1, "rloo-config.json: cannot resume this run"),
                Arguments.of(new String[] {"dpo", "--out", tmp.resolve("d1").toString(), "--data", "x"}, 1, "--policy is required"),
                Arguments.of(new String[] {"dpo", "--out", tmp.resolve("d2").toString(), "--policy", "x", "--data", "y", "--beta", "0"}, 1, "beta must be > 0 and finite, got 0.0"),
                Arguments.of(new String[] {"dpo", "--out", tmp.resolve("d3").toString(), "--policy", "x", "--data", "y", "--loss-type", "hinge"}, 1, "loss_type must be one of [sigmoid, ipo, simpo], got hinge"),
                Arguments.of(new String[] {"dpo", "--out", tmp.resolve("d4").toString(), "--policy", "x", "--data", "y", "--label-smoothing", "0.5"}, 1, "label_smoothing must be in [0, 0.5), got 0.5"),
                Arguments.of(new String[] {"dpo", "--out", tmp.resolve("d5").toString(), "--policy", "x", "--data", tmp.resolve("missing.jsonl").toString()}, 1, "missing.jsonl: not found"),
                Arguments.of(new String[] {"dpo", "--out", tmp.resolve("d6").toString(), "--policy", "x", "--data", "y", "--max-prompt-length", "300"}, 1, "max_length (256) must be > max_prompt_length (300)"),
                Arguments.of(new String[] {"dpo", "--out", tmp.resolve("d7").toString(), "--resume", "--data", "y"}, 1, "dpo-config.json: cannot resume this run"),
                Arguments.of(new String[] {"dpo", "--out", tmp.resolve("d8").toString(), "--policy", "x", "--data", badLine.toString()}, 1, "bad-line.jsonl: cannot tell the format from the keys [text]"),
                Arguments.of(new String[] {"kto", "--out", tmp.resolve("k1").toString(), "--data", "x"}, 1, "--policy is required"),
                Arguments.of(new String[] {"kto", "--out", tmp.resolve("k2").toString(), "--policy", "x", "--data", "y", "--desirable-weight", "0"}, 1, "desirable_weight must be > 0 and finite, got 0.0"),
                Arguments.of(new String[] {"kto", "--out", tmp.resolve("k3").toString(), "--policy", "x", "--data", tmp.resolve("missing.jsonl").toString()}, 1, "missing.jsonl: not found"),
                Arguments.of(new String[] {"demo", "--noise", "loud"}, 1, "--noise: expected a number, got 'loud'"));
    }

    @ParameterizedTest
    @MethodSource("userMistakes")
    void userMistakesGetOneLineAndAnExitCode(String[] args, int code, String message) {
        Run r = run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).contains(message).doesNotContain("\tat org.").doesNotContain("Exception");
        assertThat(r.err().lines().filter(l -> l.startsWith("rlhf4j")).count()).isEqualTo(1);
    }

    @Test
    void verboseShowsTheStackTrace() {
        Run r = run("--verbose", "generate", "--model", tmp.resolve("nowhere").toString(), "--prompt", "hi");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("not a checkpoint folder").contains("\tat org.rlhf4j");
    }

    @Test
    void dataValidateListsProblemsAndSplitsGoodFromBad() throws IOException {
        Path file = write("mixed.jsonl", String.join("\n",
                "{\"prompt\": \"Where is my order?\", \"chosen\": \"It ships today.\", \"rejected\": \"No idea.\"}",
                "{\"prompt\": \"Refund?\", \"chosen\": 42, \"rejected\": \"No.\"}",
                "{\"prompt\": \"Cancel?\", \"chosen\": \"Done.\", \"rejected\": \"Done.\"}",
                "{\"prompt\": \"Password?\", \"chosen\": \"Reset link sent.\", \"rejected\": \"Try again.\"}") + "\n");
        Path good = tmp.resolve("good.jsonl"), bad = tmp.resolve("bad.jsonl");
        Run r = run("data", "validate", file.toString(), "--good", good.toString(), "--bad", bad.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("mixed.jsonl:2: field \"chosen\"").contains("mixed.jsonl:3: field \"response_b\": chosen identical to rejected")
                .contains("1 files, 3 records read, 2 valid, 2 problems");
        assertThat(Files.readAllLines(good)).hasSize(2);
        assertThat(Files.readAllLines(bad)).hasSize(2).allMatch(l -> l.contains("Refund?") || l.contains("Cancel?"));
        Run clean = run("data", "validate", good.toString());
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).contains("2 valid, 0 problems");

        Run stats = run("data", "stats", good.toString(), file.toString());
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("Feedback: 5 records").contains("decisive 5").contains("Length bias").contains("n/a (no overlapping items)")
                .contains("1 lines could not be read");

        Path trl = tmp.resolve("converted-trl.jsonl");
        Run converted = run("data", "convert", good.toString(), trl.toString(), "--to", "trl");
        assertThat(converted.code()).as(converted.err()).isZero();
        assertThat(Files.readAllLines(trl)).hasSize(2).allMatch(l -> l.contains("\"chosen\""));
        Run again = run("data", "convert", good.toString(), trl.toString(), "--to", "trl");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    /** The whole path a user takes: pretrain a (tiny) model from a corpus, then generate from it. */
    @Test
    void pretrainThenGenerate() throws IOException {
        Path corpus = tmp.resolve("corpus.jsonl");
        PretrainingCorpus.generate(SupportWorld.seeded(7), 200_000).write(corpus);
        Path config = tinyPretrainConfig("tiny.json", 1, 64, 32, 20, 10);
        Path out = tmp.resolve("run");
        Run p = run("pretrain", "--corpus", corpus.toString(), "--out", out.toString(), "--config", config.toString(), "--threads", "1");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("pretrained").contains("held-out loss");
        for (String f : new String[] {"model/model.safetensors", "model/config.json", "model/tokenizer.json", "model/run.json", "tokenizer.json", "metrics.jsonl", "pretrain-config.json", "run.json", "report.html", "learning-curve.svg"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        var metrics = MetricsSink.read(out.resolve(MetricsSink.FILE_NAME));
        assertThat(metrics.stream().filter(m -> m.containsKey("train/loss"))).hasSize(20);
        assertThat(metrics.stream().filter(m -> m.containsKey("eval/loss"))).hasSize(2);
        Provenance run = Provenance.read(out.resolve("model/run.json"));
        assertThat(run.kind()).isEqualTo("pretrain");
        assertThat(run.seed()).isEqualTo(5);
        assertThat(run.dataFiles().get(0).sha256()).isEqualTo(Provenance.sha256(corpus));

        // Resuming a finished run continues from its newest checkpoint (step 10 of 20) to the same end.
        Run resumed = run("pretrain", "--corpus", corpus.toString(), "--out", out.toString(), "--resume", "--threads", "1");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("20 steps");
        Run resumeWithConfig = run("pretrain", "--corpus", corpus.toString(), "--out", out.toString(), "--resume", "--steps", "5");
        assertThat(resumeWithConfig.code()).isEqualTo(1);
        assertThat(resumeWithConfig.err()).contains("--resume continues the run as it was configured");

        Run g = run("generate", "--model", out.toString(), "--prompt", "Customer: where is my order?\nAgent:", "--max-new-tokens", "8", "--seed", "3", "--threads", "1");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).startsWith("Customer: where is my order?\nAgent:");
        Run again = run("generate", "--model", out.toString(), "--prompt", "Customer: where is my order?\nAgent:", "--max-new-tokens", "8", "--seed", "3", "--threads", "1");
        assertThat(again.out()).isEqualTo(g.out());
    }

    /** The path after pretraining: simulated feedback, SFT, reward model, evaluation against the gold score, scoring. */
    @Test
    void simulateSftRewardEvalScore() throws IOException {
        Path corpus = tmp.resolve("corpus2.jsonl");
        PretrainingCorpus.generate(SupportWorld.seeded(1234), 200_000).write(corpus);
        Path config = tinyPretrainConfig("tiny2.json", 2, 128, 64, 10, 0);
        Path base = tmp.resolve("base");
        assertThat(run("pretrain", "--corpus", corpus.toString(), "--out", base.toString(), "--config", config.toString(), "--threads", "1").code()).isZero();
        Path demos = tmp.resolve("demos.jsonl"), comparisons = tmp.resolve("comparisons.jsonl"), heldOut = tmp.resolve("held-out.jsonl");
        assertThat(run("data", "simulate", "--out", demos.toString(), "--kinds", "demonstrations", "--split", "sft", "--tickets", "60").out()).contains("records on 60 tickets");
        assertThat(run("data", "simulate", "--out", comparisons.toString(), "--kinds", "comparisons,rankings", "--tickets", "60").code()).isZero();
        assertThat(run("data", "simulate", "--out", heldOut.toString(), "--split", "evaluation", "--tickets", "40").code()).isZero();
        Path train = tmp.resolve("train.jsonl"), held = tmp.resolve("held.jsonl"), text = tmp.resolve("text.jsonl");
        Run split = run("data", "split", comparisons.toString(), "--train", train.toString(), "--held-out", held.toString(), "--held-out-fraction", "0.25");
        assertThat(split.out()).as(split.err()).contains("-> " + train).contains("-> " + held);
        long trainCount = org.rlhf4j.feedback.store.FeedbackStore.read(train).records().size(), heldCount = org.rlhf4j.feedback.store.FeedbackStore.read(held).records().size();
        assertThat(trainCount + heldCount).isEqualTo(org.rlhf4j.feedback.store.FeedbackStore.read(comparisons).records().size());
        assertThat((double) heldCount / (trainCount + heldCount)).isBetween(0.2, 0.3);
        Run corpusRun = run("data", "convert", demos.toString(), text.toString(), "--to", "corpus");
        assertThat(corpusRun.code()).as(corpusRun.err()).isZero();
        assertThat(Files.readAllLines(text).get(0)).startsWith("{\"text\":\"Customer: ").contains("\\nAgent: ");
        Run again = run("data", "simulate", "--out", demos.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");

        Path sft = tmp.resolve("sft");
        Run s = run("sft", "--model", base.resolve("model").toString(), "--data", demos.toString(), "--out", sft.toString(), "--steps", "4", "--eval-every", "2",
                "--max-length", "96", "--batch-size", "4", "--precision", "fp32", "--threads", "1");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("fine-tuned 4 steps").contains("held-out loss");
        for (String f : new String[] {"model/model.safetensors", "sft-config.json", "run.json", "metrics.jsonl", "report.html"}) assertThat(sft.resolve(f)).as(f).isRegularFile();
        assertThat(Provenance.read(sft.resolve("run.json")).kind()).isEqualTo("sft");

        Path rm = tmp.resolve("rm");
        Run r = run("reward", "train", "--model", sft.resolve("model").toString(), "--data", comparisons.toString(), "--out", rm.toString(), "--steps", "3",
                "--batch-size", "4", "--heads", "2", "--eval-fraction", "0.2", "--max-length", "96", "--precision", "fp32", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("pairwise accuracy").contains("calibration (ECE)").contains("length bias");
        for (String f : new String[] {"model/model.safetensors", "model/reward.json", "model/config.json", "reward-config.json", "metrics.jsonl", "report.html",
                "eval/report.html", "eval/eval.json", "eval/calibration.svg"}) {
            assertThat(rm.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readString(rm.resolve("model/config.json"))).contains("LlamaForSequenceClassification").contains("\"num_labels\" : 2");

        // the feedback app's database straight into reward train and sft, without an export step
        Path appDb = tmp.resolve("app.db"), rmDb = tmp.resolve("rm-db"), sftDb = tmp.resolve("sft-db");
        FeedbackAppFixture.fill(appDb, org.rlhf4j.feedback.store.FeedbackStore.read(comparisons).records(), 12);
        Run fromDb = run("reward", "train", "--model", sft.resolve("model").toString(), "--data", appDb.toString(), "--project", "orders", "--out", rmDb.toString(), "--steps", "2",
                "--batch-size", "4", "--heads", "1", "--eval-fraction", "0.25", "--max-length", "96", "--precision", "fp32", "--threads", "1");
        assertThat(fromDb.code()).as(fromDb.err()).isZero();
        Path copied = rmDb.resolve("data/orders.feedback.jsonl");
        assertThat(fromDb.out()).contains("12 feedback records of project 'orders' in jdbc:sqlite:" + appDb.toAbsolutePath() + " copied to " + copied).contains("trained 2 steps");
        Path exported = tmp.resolve("orders-export.jsonl");
        assertThat(run("serve", "export", "--db", appDb.toString(), "--project", "orders", "--out", exported.toString()).code()).isZero();
        assertThat(Files.readString(copied)).as("the records serve export writes").isEqualTo(Files.readString(exported));
        assertThat(Provenance.read(rmDb.resolve("run.json")).dataFiles()).singleElement().satisfies(f -> assertThat(f.path()).endsWith("orders.feedback.jsonl"));
        Run sftFromDb = run("sft", "--model", base.resolve("model").toString(), "--data", appDb.toString(), "--project", "fixes", "--out", sftDb.toString(), "--steps", "2",
                "--eval-every", "2", "--max-length", "96", "--batch-size", "2", "--precision", "fp32", "--threads", "1");
        assertThat(sftFromDb.code()).as(sftFromDb.err()).isZero();
        assertThat(sftFromDb.out()).contains("4 feedback records of project 'fixes'").contains("fine-tuned 2 steps");
        Run noProject = run("reward", "train", "--model", sft.resolve("model").toString(), "--data", appDb.toString(), "--out", tmp.resolve("rm-x").toString());
        assertThat(noProject.err().strip()).isEqualTo("rlhf4j: error: " + appDb + " is a feedback app database: name its project with --project NAME");
        Run unknown = run("reward", "train", "--model", sft.resolve("model").toString(), "--data", appDb.toString(), "--project", "nope", "--out", tmp.resolve("rm-y").toString());
        assertThat(unknown.err().strip()).isEqualTo("rlhf4j: error: no project 'nope' in jdbc:sqlite:" + appDb.toAbsolutePath());
        Run projectWithoutDb = run("sft", "--model", "x", "--data", comparisons.toString(), "--project", "orders", "--out", tmp.resolve("sft-z").toString());
        assertThat(projectWithoutDb.err().strip()).startsWith("rlhf4j: error: --project names a project of a feedback app database, but no --data entry is one");

        Run e = run("reward", "eval", "--model", rm.resolve("model").toString(), "--data", heldOut.toString(), "--gold-support-tickets", "evaluation:0:40",
                "--out", tmp.resolve("rm-eval").toString(), "--threads", "1");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("accuracy against the gold score").contains("ensemble disagreement");
        assertThat(tmp.resolve("rm-eval/report.html")).isRegularFile();

        Path bon = tmp.resolve("bon");
        Run b = run("best-of-n", "--policy", sft.resolve("model").toString(), "--reward", rm.resolve("model").toString(), "--support-tickets", "rl:0:6", "--sample-size", "3",
                "--max-new-tokens", "12", "--train", "--sft-epochs", "1", "--out", bon.toString(), "--threads", "1");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("best-of-n: 18 replies sampled").contains("fine-tuned on the kept replies");
        assertThat(org.rlhf4j.feedback.store.FeedbackStore.read(bon.resolve("best-of-n.jsonl")).records()).hasSize(6);
        for (String f : new String[] {"bon-config.json", "sft/model/model.safetensors", "sft/report.html"}) assertThat(bon.resolve(f)).as(f).isRegularFile();

        // iterate: two rounds of feedback on the policy's own replies, reward model again, rejection sampling; then a rerun skips both rounds
        Path it = tmp.resolve("iterate"), bonConfig = Files.writeString(tmp.resolve("bon-small.json"), "{\"sample_size\": 2, \"max_new_tokens\": 12}");
        String[] iterate = {"iterate", "--policy", sft.resolve("model").toString(), "--reward", rm.resolve("model").toString(), "--data", comparisons.toString(), "--rounds", "2",
                "--method", "rsft", "--method-config", bonConfig.toString(), "--policy-tickets", "6", "--first-ticket", "0", "--rl-tickets", "6", "--eval-tickets", "4", "--max-new-tokens", "12",
                "--out", it.toString(), "--threads", "1"};
        Run i = run(iterate);
        assertThat(i.code()).as(i.err()).isZero();
        assertThat(i.out()).contains("round 0: gold").contains("round 2: gold").contains("reward model so far on");
        for (String f : new String[] {"report.html", "gold.svg", "round-0/eval/report.html", "round-1/comparisons.jsonl", "round-1/reward/model/reward.json",
                "round-2/rsft/sft/model/model.safetensors", "round-2/round.json"}) {
            assertThat(it.resolve(f)).as(f).isRegularFile();
        }
        byte[] round2 = Files.readAllBytes(it.resolve("round-2/round.json"));
        Run again2 = run(iterate);
        assertThat(again2.code()).as(again2.err()).isZero();
        assertThat(Files.readAllBytes(it.resolve("round-2/round.json"))).isEqualTo(round2);
        Run other = run("iterate", "--policy", sft.resolve("model").toString(), "--reward", rm.resolve("model").toString(), "--data", comparisons.toString(), "--rounds", "3",
                "--out", it.toString(), "--threads", "1");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("holds a run with another configuration");

        Run sc = run("reward", "score", "--model", rm.resolve("model").toString(), "--prompt", "where is my order?", "--response", "It ships today.", "--response", "No.",
                "--threads", "1");
        assertThat(sc.code()).as(sc.err()).isZero();
        assertThat(sc.out().lines().count()).isEqualTo(3);

        // GRPO and RLOO from the SFT policy against the reward model: 2 steps each, a run directory, a summary.
        Path grpo = tmp.resolve("grpo");
        Run gr = run("grpo", "--policy", sft.resolve("model").toString(), "--reward", rm.resolve("model").toString(), "--out", grpo.toString(),
                "--support-tickets", "rl:0:8", "--eval-tickets", "evaluation:0:4", "--max-steps", "2", "--num-generations", "4", "--per-device-train-batch-size", "4",
                "--steps-per-generation", "2", "--max-completion-length", "8", "--precision", "fp32", "--threads", "1");
        assertThat(gr.code()).as(gr.err()).isZero();
        assertThat(gr.out()).contains("GRPO: 2 steps").contains("on 4 held-out prompts");
        for (String f : new String[] {"model/model.safetensors", "grpo-config.json", "run.json", "metrics.jsonl", "report.html"}) assertThat(grpo.resolve(f)).as(f).isRegularFile();
        assertThat(Provenance.read(grpo.resolve("run.json")).kind()).isEqualTo("grpo");
        Path rloo = tmp.resolve("rloo");
        Run rl = run("rloo", "--policy", sft.resolve("model").toString(), "--optimise-gold", "--out", rloo.toString(), "--support-tickets", "rl:0:8",
                "--eval-tickets", "evaluation:0:4", "--max-steps", "2", "--rloo-k", "2", "--per-device-train-batch-size", "4", "--num-mini-batches", "1",
                "--response-length", "8", "--precision", "fp32", "--threads", "1");
        assertThat(rl.code()).as(rl.err()).isZero();
        assertThat(rl.out()).contains("RLOO: 2 steps");
        assertThat(rloo.resolve("rloo-config.json")).isRegularFile();
    }

    /**
     * bench control with tiny settings: the stepping rows and one PPO run capped at two rollouts, at
     * positive rates in the table and the JSON. Times are not asserted.
     */
    @Test
    void benchControlPrintsSteppingAndPpoRows() throws IOException {
        Path json = tmp.resolve("bench-control.json");
        Run r = run("bench", "control", "--stepping-seconds", "0.02", "--seeds", "5", "--rounds", "1", "--max-steps", "512", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("CartPole-v1 raw stepping").contains("x 160k ref").contains("x Gymnasium 92k")
                .contains("at most 512 steps").contains("stable-baselines3 2.4.1").doesNotContain("rounds 2-");
        assertThat(rateInRow(r.out(), "1 ")).isPositive();
        assertThat(rateInRow(r.out(), "8 copies")).isPositive();
        assertThat(rateInRow(r.out(), "round 1 seed 5")).isPositive();
        assertThat(rateInRow(r.out(), "median, round 1 (cold)")).isPositive();

        var results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(results.at("/stepping/singleStepsPerSecond").asDouble()).isPositive();
        assertThat(results.at("/stepping/vectorStepsPerSecond").asDouble()).isPositive();
        assertThat(results.at("/ppoRuns").size()).isEqualTo(1);
        assertThat(results.at("/ppoRuns/0/totalSteps").asLong()).isEqualTo(512);
        assertThat(results.at("/ppoRuns/0/stepsToTarget").asLong()).isEqualTo(-1);
        assertThat(results.at("/ppoFirstRound/medianStepsPerSecond").asDouble()).isPositive();
    }

    /** The steps/s column of the table row that starts with {@code label}: the first number after the "at 475" column, or the row's first number. */
    private static double rateInRow(String out, String label) {
        String row = out.lines().filter(l -> l.startsWith("  " + label)).findFirst().orElseThrow(() -> new AssertionError("no row " + label + " in\n" + out));
        String[] cells = row.substring(2 + label.length()).trim().split("\\s+");
        String rate = label.startsWith("round") || label.startsWith("median") ? cells[3] : cells[0];
        return Double.parseDouble(rate.replace(",", ""));
    }

    /** Control: train briefly with the feedback function, then evaluate the saved policy. */
    @Test
    void controlTrainAndEval() throws IOException {
        Path dir = tmp.resolve("ctl");
        Run t = run("control", "train", "--env", "CartPole-v1", "--algo", "a2c", "--steps", "4000", "--feedback", "shaping", "--seed", "3", "--out", dir.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("deterministic evaluation over 10 episodes");
        for (String f : new String[] {"policy.safetensors", "metrics.jsonl", "control-config.json", "run.json", "report.html", "learning-curve.svg"}) assertThat(dir.resolve(f)).as(f).isRegularFile();
        var metrics = MetricsSink.read(dir.resolve(MetricsSink.FILE_NAME));
        assertThat(metrics.get(metrics.size() - 1)).containsKeys("rollout/ep_rew_mean", "rollout/ep_shaped_rew_mean", "train/entropy_loss", "train/explained_variance", "time/fps");
        Run e = run("control", "eval", "--policy", dir.resolve("policy.safetensors").toString(), "--episodes", "3");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("CartPole-v1 over 3 episodes: mean return");
    }

    @Test
    void controlTrainFromPreferencesKeepsEveryAnswerAndTheRewardModel() throws IOException {
        Path dir = tmp.resolve("pref");
        Run t = run("control", "train", "--env", "CartPole-v1", "--feedback", "preferences", "--labels", "20", "--rounds", "2", "--steps", "6000",
                "--seed", "1", "--out", dir.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("labels: 20 asked, 20 answered");
        for (String f : new String[] {"policy.safetensors", "reward-model.safetensors", "comparisons.jsonl", "metrics.jsonl", "report.html",
                "labels-vs-return.svg", "learning-curve.svg", "control-config.json", "run.json"}) assertThat(dir.resolve(f)).as(f).isRegularFile();
        List<String> answers = Files.readAllLines(dir.resolve("comparisons.jsonl"));
        assertThat(answers).hasSize(20);
        assertThat(answers.get(0)).contains("\"label\":0", "\"preference_for_a\"", "\"true_return\"", "\"observations\"");
        var metrics = MetricsSink.read(dir.resolve(MetricsSink.FILE_NAME));
        assertThat(metrics.stream().filter(m -> m.containsKey("eval/mean_reward")).count()).as("round 0, rounds 1-2 and the end").isEqualTo(4);
        assertThat(metrics.stream().anyMatch(m -> m.containsKey("rollout/ep_shaped_rew_mean"))).as("the learned return").isTrue();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("labels needed", "labels-vs-return.svg");
        assertThat(Files.readString(dir.resolve("control-config.json"))).contains("\"preferences\"", "simulated (true return");
        Run again = run("control", "train", "--env", "CartPole-v1", "--feedback", "preferences", "--out", dir.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a run");
        assertThat(Files.readAllLines(dir.resolve("comparisons.jsonl"))).as("the answers stay as they were").hasSize(20);
    }
}
