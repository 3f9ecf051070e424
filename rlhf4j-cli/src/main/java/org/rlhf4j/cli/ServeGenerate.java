package org.rlhf4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/**
 * Items made by the model instead of imported: K sampled responses per prompt, written as the
 * item lines a project imports ({@code {"id", "prompt", "responses"}}). Prompts are fed to the
 * model as they are written (no chat template), as {@code rlhf4j generate} does.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample K responses per prompt from a checkpoint and write item lines for a project's import (comparison: K=2, ranking: K>2, rating or critique: K=1).")
final class ServeGenerate implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint folder (or a run folder holding model/).")
    Path model;

    @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "JSONL, one {\"prompt\": text} (and optionally \"id\") a line.")
    Path promptsFile;

    @Option(names = "--responses", paramLabel = "K", description = "Responses per prompt (default: ${DEFAULT-VALUE}).")
    int responses = 2;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Item lines to import.")
    Path out;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens = SamplingConfig.defaults().maxNewTokens();

    @Option(names = "--temperature", paramLabel = "T", description = "Above 0, so the K responses differ (default: ${DEFAULT-VALUE}).")
    double temperature = 1.0;

    @Option(names = "--top-p", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
    double topP = SamplingConfig.defaults().topP();

    @Option(names = "--seed", paramLabel = "S", description = "Default: ${DEFAULT-VALUE}.")
    long seed = SamplingConfig.defaults().seed();

    @Mixin
    EngineOptions engine;

    record PromptLine(String id, String prompt) {
    }

    @Override
    public Integer call() throws IOException {
        if (responses < 1 || responses > 8) throw new UserError("--responses must be in 1..8, got " + responses);
        if (!(temperature > 0)) throw new UserError("--temperature must be above 0 so the sampled responses differ, got " + temperature);
        if (Files.exists(out)) throw new UserError(out + " exists; choose a new file");
        List<PromptLine> prompts = readPrompts(promptsFile);
        SamplingConfig sampling = new SamplingConfig(maxNewTokens, temperature, 0, topP, true, seed);
        Checkpoint.Loaded loaded = GenerateCommand.loadWithTokenizer(model, engine.start());
        List<String> lines = new ArrayList<>();
        int dropped = 0;
        try (var m = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            Sampler sampler = new Sampler(m, Precision.FP32);
            for (int i = 0; i < prompts.size(); i++) {
                PromptLine p = prompts.get(i);
                List<int[]> batch = new ArrayList<>();
                for (int k = 0; k < responses; k++) batch.add(GenerateCommand.withBos(tokenizer, p.prompt()));
                // one seed per prompt, so adding prompts to the file does not change earlier items
                Generation g = sampler.generate(batch, sampling.withSeed(seed + i));
                List<String> texts = new ArrayList<>();
                for (int k = 0; k < responses; k++) texts.add(tokenizer.decode(g.tokens()[k], true).strip());
                if (texts.stream().anyMatch(String::isEmpty)) {
                    dropped++;
                    continue;
                }
                ObjectNode line = JSON.createObjectNode().put("id", p.id()).put("prompt", p.prompt());
                ArrayNode rs = line.putArray("responses");
                texts.forEach(rs::add);
                lines.add(line.toString());
            }
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.println(lines.size() + " items with " + responses + " responses each written to " + out
                + (dropped > 0 ? " (" + dropped + " prompts left out: a sample was empty)" : "") + "; import it on the project's page");
        return 0;
    }

    private static List<PromptLine> readPrompts(Path file) throws IOException {
        List<PromptLine> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String where = file + ":" + (i + 1) + ": ";
            JsonNode o;
            try {
                o = JSON.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new UserError(where + "not JSON: " + e.getOriginalMessage());
            }
            if (o == null || !o.isObject() || !o.path("prompt").isTextual() || o.get("prompt").textValue().isEmpty()) {
                throw new UserError(where + "field \"prompt\": must be non-empty text");
            }
            String id = o.hasNonNull("id") ? o.get("id").asText() : file.getFileName() + ":" + (i + 1);
            out.add(new PromptLine(id, o.get("prompt").textValue()));
        }
        if (out.isEmpty()) throw new UserError(file + ": no prompts");
        return out;
    }
}
