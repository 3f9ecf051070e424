package org.rlhf4j.feedback.world;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the demo trains and evaluates on, from one world: the pretraining corpus, SFT
 * demonstrations, RL prompts and held-out evaluation prompts.
 *
 * <p>Each set draws from its own {@link Split}, so ticket ids never overlap. Evaluation prompts are
 * also held out by text: a ticket whose message appears in any training set (possible when two
 * draws happen to write the same short message) is skipped, so evaluation measures
 * generalisation to unseen messages.
 */
public record SupportDatasets(PretrainingCorpus pretraining, List<Demonstration> demonstrations,
                              List<Ticket> rlPrompts, List<Ticket> evalPrompts) {
    public SupportDatasets {
        Objects.requireNonNull(pretraining, "pretraining");
        demonstrations = List.copyOf(demonstrations);
        rlPrompts = List.copyOf(rlPrompts);
        evalPrompts = List.copyOf(evalPrompts);
    }

    public static SupportDatasets build(SupportWorld world, DatasetSizes sizes) {
        Objects.requireNonNull(world, "world");
        Objects.requireNonNull(sizes, "sizes");
        PretrainingCorpus pretraining = PretrainingCorpus.generate(world, sizes.pretrainingBytes());
        List<Demonstration> demonstrations = demonstrations(world, sizes.demonstrations());
        List<Ticket> rlPrompts = world.tickets(Split.RL, 0, sizes.rlPrompts());

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pretraining.documents().size(); i++) {
            seen.add(world.ticket(Split.PRETRAINING, i).message());
        }
        demonstrations.forEach(d -> seen.add(d.ticket().message()));
        rlPrompts.forEach(t -> seen.add(t.message()));
        return new SupportDatasets(pretraining, demonstrations, rlPrompts, heldOut(world, sizes.evalPrompts(), seen));
    }

    /** Tickets {@code 0 .. count-1} of the SFT split, each with its logged reply (stream 0). */
    public static List<Demonstration> demonstrations(SupportWorld world, int count) {
        List<Demonstration> demonstrations = new ArrayList<>(count);
        for (Ticket ticket : world.tickets(Split.SFT, 0, count)) {
            demonstrations.add(new Demonstration(ticket, world.loggedReply(ticket, world.replyRandom(ticket, 0))));
        }
        return List.copyOf(demonstrations);
    }

    /** Writes the demonstrations as JSONL, one {@link Demonstration#toJson()} per line; replaces the file. */
    public void writeDemonstrations(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Demonstration demonstration : demonstrations) {
                out.write(demonstration.toJson());
                out.write('\n');
            }
        }
    }

    // Seen holds training messages; a message used once for evaluation is not used twice either.
    private static List<Ticket> heldOut(SupportWorld world, int count, Set<String> seen) {
        List<Ticket> eval = new ArrayList<>(count);
        long maxDraws = 10L * count + 1_000;
        for (long index = 0; eval.size() < count; index++) {
            if (index >= maxDraws) {
                throw new IllegalStateException("found only " + eval.size() + " of " + count
                        + " evaluation prompts unseen in training after " + maxDraws + " draws");
            }
            Ticket ticket = world.ticket(Split.EVALUATION, index);
            if (seen.add(ticket.message())) {
                eval.add(ticket);
            }
        }
        return eval;
    }
}
