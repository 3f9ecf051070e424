package org.rlhf4j.cli;

import org.rlhf4j.feedback.LineProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.format.ExportResult;
import org.rlhf4j.feedback.format.TrlPreferenceWriter;
import org.rlhf4j.feedback.format.TrlStyle;
import org.rlhf4j.feedback.format.UnpairedWriter;
import org.rlhf4j.feedback.stats.FeedbackStats;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.feedback.validate.FeedbackFiles;
import org.rlhf4j.feedback.validate.FeedbackValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Check, describe and convert feedback files.",
        subcommands = {DataCommand.Simulate.class, DataCommand.Split.class, DataCommand.Validate.class, DataCommand.Stats.class, DataCommand.Convert.class})
final class DataCommand {

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Counts per type and source, tie rate, lengths, length bias, annotators and inter-annotator agreement.")
    static final class Stats implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Override
        public Integer call() {
            FeedbackStats stats = new FeedbackStats();
            long problems = 0;
            for (Path file : files) {
                if (FeedbackFiles.isStoreFormat(file)) {
                    long[] bad = {0};
                    FeedbackStore.forEach(file, stats::add, p -> bad[0]++);   // streams: constant memory per record
                    problems += bad[0];
                } else {
                    FeedbackFiles.Loaded loaded = FeedbackFiles.read(file);
                    stats.addAll(loaded.records());
                    problems += loaded.issues().size();
                }
            }
            System.out.print(FeedbackStats.format(stats.summary()));
            if (problems > 0) System.out.printf("%n%d lines could not be read (see 'rlhf4j data validate')%n", problems);
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "List every bad record with file, line, field and reason; exit 1 if there is any.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Feedback files (rlhf4j store, HH-RLHF, TRL preference, Alpaca; .jsonl or .jsonl.gz).")
        List<Path> files;

        @Option(names = "--good", paramLabel = "FILE", description = "Write the valid records here (rlhf4j store format).")
        Path good;

        @Option(names = "--bad", paramLabel = "FILE", description = "Write the lines with problems here, as they were.")
        Path bad;

        @Option(names = "--max-chars", paramLabel = "N", description = "Longest text field allowed (default: ${DEFAULT-VALUE}).")
        int maxChars = FeedbackValidator.DEFAULT_MAX_CHARS;

        @Override
        public Integer call() throws IOException {
            FeedbackValidator validator = new FeedbackValidator(maxChars);
            List<Feedback> valid = new ArrayList<>();
            List<String> badLines = new ArrayList<>();
            int issues = 0, records = 0;
            for (Path file : files) {
                FeedbackFiles.Loaded loaded = FeedbackFiles.read(file);
                List<LineProblem> found = new ArrayList<>(loaded.issues());
                for (int i = 0; i < loaded.records().size(); i++) {
                    List<LineProblem> own = validator.check(loaded.records().get(i), file, loaded.lines().get(i));
                    if (own.isEmpty()) valid.add(loaded.records().get(i));
                    found.addAll(own);
                }
                found.sort(java.util.Comparator.comparingLong(LineProblem::line));
                for (LineProblem issue : found) System.out.println(issue);
                issues += found.size();
                records += loaded.records().size();
                if (bad != null) {
                    Set<Long> lines = new HashSet<>();
                    for (LineProblem issue : found) lines.add(issue.line());
                    badLines.addAll(FeedbackFiles.lines(file, lines::contains));
                }
            }
            if (good != null) {
                try (FeedbackStore store = FeedbackStore.open(good)) {
                    store.append(valid);
                }
            }
            if (bad != null) Files.write(bad, badLines);
            System.out.printf("%d files, %d records read, %d valid, %d problems%n", files.size(), records, valid.size(), issues);
            return issues == 0 ? 0 : 1;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Collect feedback on the embedded support world from a panel of simulated customers (each ticket goes to one annotator) "
                    + "and write it to a store file: the demo's data, and a labelled set with a known gold standard for experiments.")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Store file to write (must not exist).")
        Path out;
        @Option(names = "--kinds", paramLabel = "LIST", defaultValue = "comparisons", description = "Comma-separated: comparisons, ratings, rankings, demonstrations, critiques (default: ${DEFAULT-VALUE}).")
        String kinds;
        @Option(names = "--tickets", paramLabel = "N", defaultValue = "2000", description = "Tickets to collect feedback on (default: ${DEFAULT-VALUE}).")
        int tickets;
        @Option(names = "--split", paramLabel = "NAME", defaultValue = "rl", description = "World split the tickets come from: pretraining, sft, rl, evaluation (default: ${DEFAULT-VALUE}).")
        String split;
        @Option(names = "--first", paramLabel = "I", defaultValue = "0", description = "First ticket index in the split (default: ${DEFAULT-VALUE}).")
        long first;
        @Option(names = "--annotators", paramLabel = "N", defaultValue = "5", description = "Panel size (default: ${DEFAULT-VALUE}).")
        int annotators;
        @Option(names = "--noise", paramLabel = "X", defaultValue = "0.2", description = "Panel noise level in [0, 1] (default: ${DEFAULT-VALUE}).")
        double noise;
        @Option(names = "--world-seed", paramLabel = "S", defaultValue = "1234", description = "World seed, as for `rlhf4j demo` (default: ${DEFAULT-VALUE}).")
        long worldSeed;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Panel seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--policy", paramLabel = "DIR",
                description = "Compare replies sampled from this checkpoint instead of logged replies (comparisons only): feedback on the policy's own replies.")
        Path policy;
        @Option(names = "--policy-replies", paramLabel = "K", description = "With --policy: replies per ticket; every pair is compared (default: ${DEFAULT-VALUE}).")
        int policyReplies = org.rlhf4j.eval.feedback.PolicyFeedbackConfig.defaults().repliesPerTicket();
        @Option(names = "--temperature", paramLabel = "T", description = "With --policy: sampling temperature (default: ${DEFAULT-VALUE}).")
        double temperature = org.rlhf4j.eval.feedback.PolicyFeedbackConfig.defaults().temperature();
        @Option(names = "--max-new-tokens", paramLabel = "N", description = "With --policy: longest reply (default: ${DEFAULT-VALUE}).")
        int maxNewTokens = org.rlhf4j.eval.feedback.PolicyFeedbackConfig.defaults().maxNewTokens();
        @Option(names = "--with-logged", description = "With --policy: also compare two logged replies per ticket (a mix).")
        boolean withLogged;
        @picocli.CommandLine.Mixin
        EngineOptions engine;

        @Override
        public Integer call() {
            if (Files.exists(out)) throw new UserError(out + ": already exists; choose a new file (nothing was written)");
            if (policy != null) return fromPolicy();
            List<Feedback> records;
            try {
                var world = org.rlhf4j.feedback.world.SupportWorld.seeded(worldSeed);
                var s = org.rlhf4j.feedback.world.Split.valueOf(split.trim().toUpperCase(java.util.Locale.ROOT));
                records = org.rlhf4j.feedback.simulate.SupportFeedback.generate(world, s, first, tickets,
                        org.rlhf4j.feedback.simulate.SupportFeedback.Kind.parse(kinds), annotators, noise, seed);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage().startsWith("No enum constant") ? "unknown split \"" + split + "\" (known: pretraining, sft, rl, evaluation)" : e.getMessage());
            }
            try (FeedbackStore store = FeedbackStore.open(out)) {
                store.append(records);
            }
            System.out.printf("%d records on %d tickets -> %s%n", records.size(), tickets, out);
            return 0;
        }

        private Integer fromPolicy() {
            if (!kinds.trim().equalsIgnoreCase("comparisons") && !kinds.trim().equalsIgnoreCase("comparison")) {
                throw new UserError("--policy collects comparisons only; drop --kinds " + kinds);
            }
            org.rlhf4j.feedback.world.Split s;
            try {
                s = org.rlhf4j.feedback.world.Split.valueOf(split.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("unknown split \"" + split + "\" (known: pretraining, sft, rl, evaluation)");
            }
            org.rlhf4j.eval.feedback.PolicyFeedbackConfig config;
            try {
                config = org.rlhf4j.eval.feedback.PolicyFeedbackConfig.defaults().withRepliesPerTicket(policyReplies).withTemperature(temperature)
                        .withPanel(annotators, noise).withLogged(withLogged).withSeed(seed);
                config = new org.rlhf4j.eval.feedback.PolicyFeedbackConfig(config.repliesPerTicket(), config.temperature(), maxNewTokens, config.batchSize(),
                        config.annotators(), config.noise(), config.withLogged(), config.seed());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            var device = engine.start();
            Path dir = EvalCommand.modelDir(policy, "--policy");
            var loaded = org.rlhf4j.align.policy.PolicyCheckpoint.languageModel(dir, device);
            if (loaded.tokenizer() == null) {
                loaded.model().close();
                throw new UserError(dir + ": no tokenizer.json in the checkpoint folder");
            }
            org.rlhf4j.eval.feedback.PolicyFeedback.Result r;
            try (var model = loaded.model(); var tokenizer = org.rlhf4j.lm.tokenizer.Tokenizer.load(loaded.tokenizer())) {
                r = org.rlhf4j.eval.feedback.PolicyFeedback.generate(org.rlhf4j.feedback.world.SupportWorld.seeded(worldSeed), s, first, tickets, model, tokenizer, config);
            }
            try (FeedbackStore store = FeedbackStore.open(out)) {
                store.append(r.records());
            }
            System.out.printf(java.util.Locale.ROOT, "%d comparisons of the policy's replies%s on %d tickets -> %s (sampled %d tokens in %.1f s)%n", r.policyComparisons(),
                    withLogged ? " and " + r.loggedComparisons() + " of logged replies" : "", tickets, out, r.sampledTokens(), r.samplingSeconds());
            return 0;
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "Split feedback files into training and held-out store files by a seeded shuffle of records (like datasets' train_test_split).")
    static final class Split implements Callable<Integer> {
        @Parameters(paramLabel = "IN", arity = "1..*")
        List<Path> in;
        @Option(names = "--train", required = true, paramLabel = "FILE") Path train;
        @Option(names = "--held-out", required = true, paramLabel = "FILE") Path heldOut;
        @Option(names = "--held-out-fraction", paramLabel = "X", defaultValue = "0.1", description = "Share of records held out (default: ${DEFAULT-VALUE}).") double fraction;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Shuffle seed (default: ${DEFAULT-VALUE}).") long seed;

        @Override
        public Integer call() {
            if (!(fraction > 0 && fraction < 1)) throw new UserError("--held-out-fraction must be in (0, 1), got " + fraction);
            for (Path p : List.of(train, heldOut)) if (Files.exists(p)) throw new UserError(p + ": already exists; choose a new file (nothing was written)");
            List<Feedback> records = org.rlhf4j.core.run.Shuffle.copy(FeedbackFiles.readAll(in, System.err::println), new java.util.SplittableRandom(seed));
            int n = (int) Math.round(records.size() * fraction);
            try (FeedbackStore h = FeedbackStore.open(heldOut); FeedbackStore t = FeedbackStore.open(train)) {
                h.append(records.subList(0, n));
                t.append(records.subList(n, records.size()));
            }
            System.out.printf("%d records: %d -> %s, %d -> %s%n", records.size(), records.size() - n, train, n, heldOut);
            return 0;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true, description = "Convert feedback between formats.")
    static final class Convert implements Callable<Integer> {
        enum Target { store, trl, trl_conversational, unpaired, corpus }

        @Parameters(index = "0", paramLabel = "IN")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT")
        Path out;

        @Option(names = "--to", required = true, paramLabel = "FORMAT",
                description = "store, trl, trl_conversational, unpaired, or corpus: every prompt + response as {\"text\": ...} lines, rendered with --template, for `rlhf4j pretrain` (domain-adaptive pretraining on the feedback's text).")
        Target to;

        @Option(names = "--template", paramLabel = "NAME", defaultValue = "support", description = "Chat template for --to corpus: support, hh or chat (default: ${DEFAULT-VALUE}).")
        String template;

        @Override
        public Integer call() throws IOException {
            FeedbackFiles.Loaded loaded = FeedbackFiles.read(in);
            for (LineProblem issue : loaded.issues()) System.err.println("skipped: " + issue);
            if (Files.exists(out) && to != Target.store) throw new UserError(out + ": already exists; choose a new file (nothing was written)");
            List<Comparison> comparisons = new ArrayList<>();
            for (Feedback f : loaded.records()) if (f instanceof Comparison c) comparisons.add(c);
            switch (to) {
                case store -> {
                    try (FeedbackStore store = FeedbackStore.open(out)) {
                        store.append(loaded.records());
                    }
                    System.out.printf("%d records -> %s (%d lines skipped)%n", loaded.records().size(), out, loaded.issues().size());
                }
                case trl, trl_conversational -> report(TrlPreferenceWriter.write(out, comparisons, to == Target.trl ? TrlStyle.PLAIN : TrlStyle.CONVERSATIONAL));
                case unpaired -> report(UnpairedWriter.write(out, UnpairedWriter.fromComparisons(comparisons).examples(), TrlStyle.PLAIN));
                case corpus -> corpus(loaded.records());
            }
            return 0;
        }

        /** Distinct rendered transcripts, one {"text": ...} per line, written to a temporary file and renamed. */
        private void corpus(List<Feedback> records) throws IOException {
            org.rlhf4j.lm.chat.ChatTemplate t;
            try {
                t = org.rlhf4j.lm.chat.ChatTemplate.named(template);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            Set<String> seen = new HashSet<>();
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (var w = Files.newBufferedWriter(tmp)) {
                for (Feedback f : records) {
                    for (var pr : org.rlhf4j.feedback.convert.Responses.of(f)) {
                        String text = t.render(pr.prompt()) + t.responseText(pr.response());
                        if (!seen.add(text)) continue;
                        w.write(json.writeValueAsString(java.util.Map.of("text", text)));
                        w.write('\n');
                    }
                }
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("%d distinct transcripts from %d records -> %s%n", seen.size(), records.size(), out);
        }

        private static void report(ExportResult r) {
            System.out.println(r.written() + " records -> " + r.file() + (r.skipped().isEmpty() ? "" : " (" + r.skipped().size() + " not exportable, e.g. " + r.skipped().get(0).reason() + ")"));
        }
    }
}
