package org.rlhf4j.eval.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.eval.policy.TinyPolicy;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.tokenizer.Tokenizer;

class PolicyFeedbackTest {
    @TempDir
    Path tmp;

    private List<Feedback> collect(Path dir, PolicyFeedbackConfig config) {
        Checkpoint.Loaded c = Checkpoint.load(dir, ComputeDevice.CPU);
        try (var model = c.model(); Tokenizer t = Tokenizer.load(c.tokenizer())) {
            return PolicyFeedback.generate(SupportWorld.seeded(1234), Split.RL, 0, 5, model, t, config).records();
        }
    }

    @Test
    void thePanelComparesEveryPairOfThePolicysRepliesDeterministically() throws IOException {
        Path dir = TinyPolicy.checkpoint(tmp, "policy", TinyPolicy.tokenizer(tmp), 3);
        PolicyFeedbackConfig config = new PolicyFeedbackConfig(3, 1.0, 8, 4, 5, 0.0, false, 7);   // noise 0: no skips
        List<Feedback> records = collect(dir, config);
        assertThat(records).hasSize(5 * 3).allMatch(f -> f instanceof Comparison);
        Comparison first = (Comparison) records.get(0);
        assertThat(first.prompt().lastUserText()).isEqualTo(SupportWorld.seeded(1234).tickets(Split.RL, 0, 1).get(0).message());
        assertThat(collect(dir, config)).isEqualTo(records);

        List<Feedback> mixed = collect(dir, config.withRepliesPerTicket(2).withLogged(true));
        assertThat(mixed).hasSize(5 * 2);
        var world = SupportWorld.seeded(1234);
        var ticket = world.tickets(Split.RL, 0, 1).get(0);
        assertThat(((Comparison) mixed.get(1)).responseA()).isEqualTo(world.loggedReply(ticket, world.replyRandom(ticket, 2)).text());
    }
}
