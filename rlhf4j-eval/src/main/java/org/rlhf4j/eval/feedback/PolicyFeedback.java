package org.rlhf4j.eval.feedback;

import org.rlhf4j.align.policy.ReplySampler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.core.tensor.Precision;

import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.simulate.Panel;
import org.rlhf4j.feedback.simulate.SimulatedAnnotator;
import org.rlhf4j.feedback.simulate.SupportScore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * Simulated customers compare a policy's own replies, as InstructGPT's labellers compared the
 * model's completions: a reward model trained on comparisons of logged replies only has never
 * seen the policy's mistakes (a fluent reply with the wrong order number), so it cannot rank
 * the replies best-of-n or PPO choose between. Per ticket, {@code repliesPerTicket} replies are
 * sampled from the checkpoint and the ticket's annotator (the panel {@code data simulate} builds:
 * {@link Panel#support}, round-robin) compares every pair; with {@code withLogged} the annotator
 * also compares two logged replies, exactly as {@code SupportFeedback} does. The clock is fixed,
 * so the same seeds give byte-identical files.
 */
public final class PolicyFeedback {
    private PolicyFeedback() {}

    /** What was collected, and how long sampling took. */
    public record Result(List<Feedback> records, int policyComparisons, int loggedComparisons, long sampledTokens, double samplingSeconds) {}

    /** Feedback on tickets {@code first .. first+count-1} of {@code split}, with replies from {@code model} (support template). */
    public static Result generate(SupportWorld world, Split split, long first, int count, LlamaModel model, Tokenizer tokenizer, PolicyFeedbackConfig config) {
        SupportScore score = SupportScore.of(world, split, first, count);
        List<Ticket> tickets = score.tickets();
        List<Prompt> prompts = SupportScore.prompts(tickets);
        long t0 = System.nanoTime();
        ReplySampler.Replies replies = new ReplySampler(model, tokenizer, ChatTemplate.named("support"), Precision.FP32, config.batchSize())
                .sample(prompts, config.repliesPerTicket(), config.temperature(), config.maxNewTokens(), config.seed());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long tokens = 0;
        for (int[] r : replies.response()) tokens += r.length;

        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Panel panel = Panel.support(score, config.annotators(), config.noise(), config.seed(), clock);
        List<Feedback> out = new ArrayList<>();
        int fromPolicy = 0, fromLog = 0, k = config.repliesPerTicket();
        for (int i = 0; i < tickets.size(); i++) {
            SimulatedAnnotator a = panel.annotators().get(i % panel.size());
            Prompt p = prompts.get(i);
            for (int x = 0; x < k; x++) {
                for (int y = x + 1; y < k; y++) {
                    var c = a.compare(p, replies.text().get(i * k + x), replies.text().get(i * k + y));
                    if (c.isPresent()) {
                        out.add(c.get());
                        fromPolicy++;
                    }
                }
            }
            if (config.withLogged()) {
                Ticket t = tickets.get(i);
                var c = a.compare(p, world.loggedReply(t, world.replyRandom(t, 2)).text(), world.loggedReply(t, world.replyRandom(t, 3)).text());
                if (c.isPresent()) {
                    out.add(c.get());
                    fromLog++;
                }
            }
        }
        return new Result(List.copyOf(out), fromPolicy, fromLog, tokens, seconds);
    }
}
