package org.rlhf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** `eval policy` and `data simulate --policy`: bad input gets one line naming what is wrong, before any model loads. */
class EvalCommandTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> userMistakes() throws IOException {
        Path prompts = Files.writeString(tmp.resolve("prompts.jsonl"), "{\"prompt\": \"where is my order?\"}\n{\"text\": \"no prompt here\"}\n");
        Path notCheckpoint = Files.createDirectories(tmp.resolve("empty"));
        String nowhere = tmp.resolve("nowhere").toString();
        return Stream.of(
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere}, 1, "--policy " + nowhere + ": no such folder"),
                Arguments.of(new String[] {"eval", "policy", "--policy", notCheckpoint.toString(), "--reward", nowhere}, 1, "not a checkpoint folder (no config.json, and no model/ inside)"),
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere, "--support-tickets", "evaluation:0"}, 1,
                        "--support-tickets evaluation:0: expected SPLIT:FIRST:COUNT (e.g. evaluation:0:500)"),
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere, "--support-tickets", "test:0:10"}, 1, "unknown split \"test\""),
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere, "--support-tickets", "evaluation:x:10"}, 1, "FIRST and COUNT must be whole numbers"),
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere, "--prompts", prompts.toString()}, 1, "prompts.jsonl:2: field \"prompt\" is missing"),
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere, "--prompts", prompts.toString(), "--support-tickets", "evaluation:0:5"}, 1,
                        "give --support-tickets or --prompts, not both"),
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere, "--best-of-n", "1,4,2"}, 1, "bestOfN sizes must be ascending"),
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere, "--best-of-n", "1,two"}, 1, "\"two\" is not a whole number"),
                Arguments.of(new String[] {"eval", "policy", "--policy", nowhere, "--reward", nowhere, "--temperature", "0"}, 1, "temperature must be > 0"),
                Arguments.of(new String[] {"eval", "policy", "--reward", nowhere}, 2, "Missing required option: '--policy=DIR'"),
                Arguments.of(new String[] {"data", "simulate", "--out", tmp.resolve("s1.jsonl").toString(), "--policy", nowhere}, 1, "--policy " + nowhere + ": no such folder"),
                Arguments.of(new String[] {"data", "simulate", "--out", tmp.resolve("s2.jsonl").toString(), "--policy", nowhere, "--policy-replies", "1"}, 1, "repliesPerTicket must be >= 2"),
                Arguments.of(new String[] {"data", "simulate", "--out", tmp.resolve("s3.jsonl").toString(), "--policy", nowhere, "--kinds", "ratings"}, 1, "--policy collects comparisons only"));
    }

    @ParameterizedTest
    @MethodSource("userMistakes")
    void userMistakesGetOneLineAndAnExitCode(String[] args, int code, String message) {
        CliTest.Run r = CliTest.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).contains(message).doesNotContain("\tat org.").doesNotContain("Exception");
        assertThat(r.err().lines().filter(l -> l.startsWith("rlhf4j")).count()).isEqualTo(1);
    }
}
