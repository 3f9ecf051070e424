package org.rlhf4j.control.nn;

import java.util.SplittableRandom;

/**
 * Orthogonal initialisation as {@code torch.nn.init.orthogonal_} (Saxe et al. 2014,
 * https://arxiv.org/abs/1312.6120): the Q factor of a Gaussian matrix, signs fixed so that R's
 * diagonal is positive, times a gain. Drawn from the caller's stream, so it is reproducible from
 * a run's seed (the values differ from PyTorch's, whose generator is not reproduced).
 */
final class Orthogonal {
    private Orthogonal() {}

    /** A (rows, cols) row-major matrix with orthonormal rows or columns (whichever are fewer), times gain. */
    static float[] matrix(SplittableRandom rng, int rows, int cols, double gain) {
        int tall = Math.max(rows, cols), narrow = Math.min(rows, cols);
        // q (tall, narrow): Gaussian columns, orthonormalised by modified Gram-Schmidt, which gives
        // the Q of a QR factorisation with positive diagonal R.
        double[][] q = new double[narrow][tall];
        for (double[] column : q) {
            for (int i = 0; i < tall; i++) column[i] = rng.nextGaussian();
        }
        for (int c = 0; c < narrow; c++) {
            double[] v = q[c];
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < tall; i++) dot += v[i] * q[p][i];
                for (int i = 0; i < tall; i++) v[i] -= dot * q[p][i];
            }
            double norm = 0;
            for (double x : v) norm += x * x;
            norm = Math.sqrt(norm);
            for (int i = 0; i < tall; i++) v[i] /= norm;
        }
        float[] out = new float[rows * cols];
        for (int c = 0; c < narrow; c++) {
            for (int i = 0; i < tall; i++) {
                // rows >= cols: out = q; otherwise out = q^T.
                int index = rows >= cols ? i * cols + c : c * cols + i;
                out[index] = (float) (gain * q[c][i]);
            }
        }
        return out;
    }
}
