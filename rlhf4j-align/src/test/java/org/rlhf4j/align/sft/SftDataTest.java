package org.rlhf4j.align.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.AttentionMasks;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.train.LmBatch;
import org.rlhf4j.lm.train.LmLoss;

class SftDataTest {
    private static final int I = LmBatch.IGNORE;
    // Two examples: prompt (1 10 11) response (20 21 2), and prompt (1 12) response (22 2).
    private static final ChatTemplate.Encoded A = new ChatTemplate.Encoded(new int[] {1, 10, 11}, new int[] {20, 21, 2});
    private static final ChatTemplate.Encoded B = new ChatTemplate.Encoded(new int[] {1, 12}, new int[] {22, 2});

    @Test
    void completionOnlyTargetsAreTheResponseTokens() {
        SftData d = new SftData(8, true, false, 0);
        SftData.Rows rows = d.rows(List.of(A, B));
        assertThat(rows.size()).isEqualTo(2);
        LmBatch b = d.batch(rows, new int[] {0});
        // inputs 1 10 11 20 21 2; targets: predict 20 from 11, 21 from 20, 2 from 21; nothing after the end.
        assertThat(b.length()).isEqualTo(6);
        assertThat(b.inputs()).containsExactly(1, 10, 11, 20, 21, 2);
        assertThat(b.targets()).containsExactly(I, I, 20, 21, 2, I);
        SftData all = new SftData(8, false, false, 0);
        LmBatch withPrompt = all.batch(all.rows(List.of(A, B)), new int[] {0});
        assertThat(withPrompt.targets()).containsExactly(10, 11, 20, 21, 2, I);
    }

    @Test
    void packedExamplesDoNotPredictAcrossTheBoundary() {
        SftData d = new SftData(12, true, true, 0);
        SftData.Rows rows = d.rows(List.of(A, B));
        assertThat(rows.size()).isEqualTo(1);
        LmBatch b = d.batch(rows, new int[] {0});
        assertThat(b.inputs()).startsWith(1, 10, 11, 20, 21, 2, 1, 12, 22, 2);
        assertThat(b.segments()).startsWith(1, 1, 1, 1, 1, 1, 2, 2, 2, 2);
        // position 5 (eos of A) must not predict the bos of B; B's targets start at its response.
        assertThat(b.targets()).startsWith(I, I, 20, 21, 2, I, I, 22, 2, I);
        assertThat(b.positions()).startsWith(0, 1, 2, 3, 4, 5, 0, 1, 2, 3);
    }

    @Test
    void longExamplesAreCutAndPromptOnlyOnesSkipped() {
        SftData d = new SftData(4, true, false, 0);
        ChatTemplate.Encoded tooLongPrompt = new ChatTemplate.Encoded(new int[] {1, 3, 4, 5, 6}, new int[] {7, 2});
        SftData.Rows rows = d.rows(List.of(A, tooLongPrompt));
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.truncated()).isEqualTo(1);
        assertThat(rows.skipped()).isEqualTo(1);
    }

    /** Packing with per-example attention gives every example exactly the loss it has alone. */
    @Test
    void packedLossEqualsUnpackedLoss() {
        Engine.load();
        Engine.setThreads(1);
        LlamaConfig c = new LlamaConfig(32, 32, 64, 2, 4, 2, 64, 1e-5, 10000.0, true, 1, 2, 0);
        try (LlamaModel m = new LlamaModel(c, ComputeDevice.CPU, new SplittableRandom(5))) {
            SftData packed = new SftData(24, true, true, 0), single = new SftData(24, true, false, 0);
            List<ChatTemplate.Encoded> examples = List.of(A, B, new ChatTemplate.Encoded(new int[] {1, 13, 14, 15}, new int[] {23, 24, 25, 2}));
            SftData.Rows p = packed.rows(examples), s = single.rows(examples);
            assertThat(p.size()).isEqualTo(1);
            assertThat(s.size()).isEqualTo(3);
            // Sum of token losses: packed row vs each example alone (token-weighted means times counts).
            double packedSum = lossSum(m, packed.batch(p, new int[] {0}));
            double singleSum = 0;
            for (int i = 0; i < 3; i++) singleSum += lossSum(m, single.batch(s, new int[] {i}));
            assertThat(packedSum).isCloseTo(singleSum, within(1e-4));
        }
    }

    private static double lossSum(LlamaModel m, LmBatch b) {
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            Tensor ids = TensorData.ids(b.inputs(), b.batch(), b.length());
            Tensor positions = TensorData.ids(b.positions(), b.batch(), b.length());
            Tensor mask = AttentionMasks.segmented(TensorData.ids(b.segments(), b.batch(), b.length()));
            Tensor logits = m.forward(m.fuse(), ids, positions, mask, null, false).logits();
            double mean = TensorData.scalar(LmLoss.crossEntropy(logits, TensorData.ids(b.targets(), b.batch(), b.length())));
            return mean * b.lossTokens();
        }
    }
}
