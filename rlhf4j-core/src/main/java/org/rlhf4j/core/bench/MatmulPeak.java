package org.rlhf4j.core.bench;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Scope;

/**
 * Measures this machine's dense matmul rate (GFLOP/s) with the engine, so other benchmarks can
 * report their throughput as a fraction of what the hardware does in the same process.
 */
public final class MatmulPeak {
    private MatmulPeak() {}

    /**
     * Best of several timed runs of an n x n x n matmul in {@code dtype} (2 n^3 FLOPs each), with
     * OpenBLAS (fp32) allowed as many threads as libtorch has, so the figure is the machine's rate,
     * not the single-thread rate that {@link Engine#setThreads} leaves OpenBLAS at.
     */
    public static double gflops(int n, torch.ScalarType dtype, double seconds) {
        Engine.load();
        Engine.setBlasThreads(Engine.threads());
        try (Scope s = Scope.open()) {
            Tensor a = torch.randn(n, n).to(dtype), b = torch.randn(n, n).to(dtype);
            for (int i = 0; i < 3; i++) {
                try (Scope w = Scope.open()) {
                    a.matmul(b);
                }
            }
            double best = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                int reps = 5;
                for (int i = 0; i < reps; i++) {
                    try (Scope w = Scope.open()) {
                        a.matmul(b);
                    }
                }
                best = Math.max(best, 2.0 * n * n * n * reps / ((System.nanoTime() - t0) / 1e9) / 1e9);
            }
            return best;
        } finally {
            Engine.setBlasThreads(1);
        }
    }
}
