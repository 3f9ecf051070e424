package org.rlhf4j.align.ppo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.align.policy.PolicyCheckpoint;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ResponseBatch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;

/** Diagnostic main: forward and forward+backward times of the policy pass on a checkpoint. Args: checkpoint [threads]. */
public final class PpoStepTiming {
    public static void main(String[] args) {
        Engine.load();
        Engine.setThreads(args.length > 1 ? Integer.parseInt(args[1]) : 2);
        PolicyModel p = PolicyCheckpoint.load(Path.of(args[0]), ComputeDevice.CPU, true, new SplittableRandom(1)).policy();
        SplittableRandom rng = new SplittableRandom(3);
        List<int[]> q = new ArrayList<>(), r = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int[] a = new int[40], b = new int[90];
            for (int j = 0; j < a.length; j++) a[j] = 3 + rng.nextInt(4000);
            for (int j = 0; j < b.length; j++) b[j] = 3 + rng.nextInt(4000);
            q.add(a);
            r.add(b);
        }
        ResponseBatch batch = ResponseBatch.of(q, r, 0);
        for (Precision pr : List.of(Precision.BF16, Precision.FP32)) {
            for (int rep = 0; rep < 6; rep++) {
                long t0 = System.nanoTime();
                try (Scope s = Scope.open(); var g = new org.bytedeco.pytorch.NoGradGuard(); var reg = pr.enter(ComputeDevice.CPU)) {
                    p.forward(p.model().fuse(), batch, 1.0, false);
                }
                long t1 = System.nanoTime();
                try (Scope s = Scope.open()) {
                    Tensor loss;
                    try (var reg = pr.enter(ComputeDevice.CPU)) {
                        var f = p.forward(p.model().fuse(), batch, 1.0, false);
                        loss = f.logProbs().sum().add(f.values().sum());
                    }
                    loss.backward();
                }
                long t2 = System.nanoTime();
                System.out.printf("%s forward %.1f ms, forward+backward %.1f ms%n", pr, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
    }
}
