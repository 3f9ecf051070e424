package org.rlhf4j.align.sft;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.feedback.world.Detail;
import org.rlhf4j.feedback.world.DialogueFormat;
import org.rlhf4j.feedback.world.SupportWorld;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.Ticket;
import org.rlhf4j.lm.checkpoint.Checkpoint;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * Can the model copy a detail from the customer's message at all? Teacher-forced on the world's
 * good reply to each unseen evaluation ticket, up to where the reply repeats the order number,
 * e-mail address or first name that the message gave: the probability the model gives to the
 * detail's exact tokens there, and the share of tickets where greedy decoding would write every
 * one of them. Sampling never gets this far if the model cannot copy, so this separates "cannot
 * copy" from "does not choose to". Chance for a five-digit number is 1e-5.
 *
 * <pre>
 * java -cp rlhf4j-cli/target/rlhf4j.jar:rlhf4j-align/target/test-classes \
 *     org.rlhf4j.align.sft.DetailCopyProbe MODEL_DIR [tickets=160] [worldSeed=1234] [threads=1]
 * </pre>
 */
public final class DetailCopyProbe {
    private static final List<Detail> DETAILS = List.of(Detail.ORDER_NUMBER, Detail.EMAIL, Detail.NAME);

    private DetailCopyProbe() {}

    public static void main(String[] args) {
        Path modelDir = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 160;
        long worldSeed = args.length > 2 ? Long.parseLong(args[2]) : 1234;
        Engine.load();
        Engine.setThreads(args.length > 3 ? Integer.parseInt(args[3]) : 1);
        SupportWorld world = SupportWorld.seeded(worldSeed);
        List<Ticket> tickets = world.tickets(Split.EVALUATION, 0, count);
        Checkpoint.Loaded loaded = Checkpoint.load(modelDir, ComputeDevice.CPU);
        try (LlamaModel model = loaded.model(); Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer())) {
            System.out.println("model " + modelDir + ", good replies to " + count + " evaluation tickets of world " + worldSeed);
            System.out.println("| detail | tickets | mean P(exact copy) | median P | mean log10 P | log10 P first token | log10 P per later token | greedy copies it | tokens per detail |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (Detail detail : DETAILS) {
                double[] probs = new double[count];
                int n = 0, greedy = 0;
                long tokens = 0;
                double firstLog10 = 0, laterLog10 = 0;
                for (Ticket ticket : tickets) {
                    String value = value(ticket, detail);
                    String reply = world.goodReply(ticket, world.replyRandom(ticket, 0)).text();
                    int at = reply.indexOf(value);
                    if (!ticket.mentions(detail) || at < 0) continue;
                    Copy copy = probe(model, tokenizer, DialogueFormat.prompt(ticket), DialogueFormat.response(reply), 1 + at, value.length());
                    if (copy == null) continue;
                    probs[n++] = copy.probability();
                    greedy += copy.greedy() ? 1 : 0;
                    tokens += copy.tokens();
                    firstLog10 += copy.firstLogP() / Math.log(10);
                    laterLog10 += (Math.log(copy.probability()) - copy.firstLogP()) / Math.log(10) / tokens(copy.tokens() - 1);
                }
                double[] used = java.util.Arrays.copyOf(probs, n);
                double mean = java.util.Arrays.stream(used).average().orElse(Double.NaN);
                java.util.Arrays.sort(used);
                double median = n == 0 ? Double.NaN : used[n / 2];
                double log10 = java.util.Arrays.stream(used).map(Math::log10).average().orElse(Double.NaN);
                System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.1f | %.2f | %.2f | %.0f%% | %.1f |%n", detail, n, mean, median, log10, firstLog10 / n, laterLog10 / n,
                        100.0 * greedy / n,
                        (double) tokens / n);
            }
        }
    }

    private static String value(Ticket ticket, Detail detail) {
        return switch (detail) {
            case ORDER_NUMBER -> Integer.toString(ticket.order().number());
            case EMAIL -> ticket.customer().email();
            case NAME -> ticket.customer().firstName();
            default -> throw new IllegalArgumentException(detail.toString());
        };
    }

    /** P(the detail's tokens | everything before them), whether each is the argmax, and the first token's log P. */
    record Copy(double probability, boolean greedy, int tokens, double firstLogP) {}

    private static int tokens(int later) {
        return Math.max(1, later);
    }

    /** The detail spans response characters [from, from + length). */
    static Copy probe(LlamaModel model, Tokenizer tokenizer, String prompt, String response, int from, int length) {
        int[] p = tokenizer.encode(prompt), r = tokenizer.encode(response);
        int[] ids = new int[1 + p.length + r.length];
        ids[0] = tokenizer.bosId();
        System.arraycopy(p, 0, ids, 1, p.length);
        System.arraycopy(r, 0, ids, 1 + p.length, r.length);
        if (ids.length > model.config().maxPositionEmbeddings()) return null;
        // Response tokens whose characters overlap the detail (byte-level: decode prefixes).
        int first = -1, last = -1, end = 0;
        for (int i = 0; i < r.length; i++) {
            int start = end;
            end = tokenizer.decode(java.util.Arrays.copyOf(r, i + 1)).length();
            if (end > from && start < from + length) {
                if (first < 0) first = i;
                last = i;
            }
        }
        long[] positions = new long[ids.length];
        for (int i = 0; i < ids.length; i++) positions[i] = i;
        try (Scope scope = Scope.open(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor logits = model.forward(model.fuse(), TensorData.ids(ids, 1, ids.length), TensorData.longs(positions, 1, ids.length), null, null,
                    false).logits();                                                              // (1, T, V)
            float[] logProbs = TensorData.toFloats(torch.log_softmax(logits, -1));
            int v = model.config().vocabSize();
            double logP = 0, firstLogP = 0;
            boolean greedy = true;
            for (int i = first; i <= last; i++) {
                int target = 1 + p.length + i, row = (target - 1) * v;                            // logits at t predict t + 1
                logP += logProbs[row + ids[target]];
                if (i == first) firstLogP = logProbs[row + ids[target]];
                for (int k = 0; k < v && greedy; k++) greedy = logProbs[row + k] <= logProbs[row + ids[target]];
            }
            return new Copy(Math.exp(logP), greedy, last - first + 1, firstLogP);
        }
    }
}
