package org.rlhf4j.control.nn;

import java.util.Arrays;

/**
 * {@link Kernels} in plain Java loops, for JVMs without the Vector API module. Inner loops run
 * along contiguous rows and handle four rows of the other operand per pass, so that each output
 * row is loaded and stored once per four multiply-adds; about 5-7 GFLOP/s on a 64x64 layer.
 */
final class ScalarKernels implements Kernels {
    private static final int NARROW = 16;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public boolean narrow(int n) {
        return n < NARROW;
    }

    @Override
    public void affine(float[] a, int rows, int m, float[] mat, int mOff, int n, float[] bias, int bOff, float[] y) {
        for (int i = 0; i < rows; i++) {
            int yi = i * n, ai = i * m;
            if (bias != null) System.arraycopy(bias, bOff, y, yi, n);
            else Arrays.fill(y, yi, yi + n, 0f);
            int k = 0;
            for (; k + 4 <= m; k += 4) {
                float a0 = a[ai + k], a1 = a[ai + k + 1], a2 = a[ai + k + 2], a3 = a[ai + k + 3];
                int r0 = mOff + k * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
                for (int j = 0; j < n; j++) {
                    y[yi + j] += a0 * mat[r0 + j] + a1 * mat[r1 + j] + a2 * mat[r2 + j] + a3 * mat[r3 + j];
                }
            }
            for (; k < m; k++) {
                float a0 = a[ai + k];
                int r0 = mOff + k * n;
                for (int j = 0; j < n; j++) y[yi + j] += a0 * mat[r0 + j];
            }
        }
    }

    @Override
    public void affineDot(float[] a, int rows, int m, float[] wt, int n, float[] bias, int bOff, float[] y) {
        for (int i = 0; i < rows; i++) {
            int ai = i * m;
            for (int o = 0; o < n; o++) {
                int w = o * m;
                // four partial sums: a single float accumulator would serialise on the add latency
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                int k = 0;
                for (; k + 4 <= m; k += 4) {
                    s0 += a[ai + k] * wt[w + k];
                    s1 += a[ai + k + 1] * wt[w + k + 1];
                    s2 += a[ai + k + 2] * wt[w + k + 2];
                    s3 += a[ai + k + 3] * wt[w + k + 3];
                }
                for (; k < m; k++) s0 += a[ai + k] * wt[w + k];
                float s = (s0 + s1) + (s2 + s3);
                y[i * n + o] = bias != null ? s + bias[bOff + o] : s;
            }
        }
    }

    @Override
    public void weightGradient(float[] x, float[] dz, int rows, int m, int n, float[] g, int gOff, float[] scratch) {
        if (n < NARROW) {
            // Per output column: accumulate along contiguous input rows, then scatter (stride n).
            for (int o = 0; o < n; o++) {
                Arrays.fill(scratch, 0, m, 0f);
                int i = 0;
                for (; i + 4 <= rows; i += 4) {
                    float d0 = dz[i * n + o], d1 = dz[(i + 1) * n + o], d2 = dz[(i + 2) * n + o], d3 = dz[(i + 3) * n + o];
                    int x0 = i * m, x1 = x0 + m, x2 = x1 + m, x3 = x2 + m;
                    for (int k = 0; k < m; k++) scratch[k] += d0 * x[x0 + k] + d1 * x[x1 + k] + d2 * x[x2 + k] + d3 * x[x3 + k];
                }
                for (; i < rows; i++) {
                    float d0 = dz[i * n + o];
                    int x0 = i * m;
                    for (int k = 0; k < m; k++) scratch[k] += d0 * x[x0 + k];
                }
                for (int k = 0; k < m; k++) g[gOff + k * n + o] += scratch[k];
            }
            return;
        }
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int x0 = i * m, x1 = x0 + m, x2 = x1 + m, x3 = x2 + m;
            int d0 = i * n, d1 = d0 + n, d2 = d1 + n, d3 = d2 + n;
            for (int k = 0; k < m; k++) {
                float a0 = x[x0 + k], a1 = x[x1 + k], a2 = x[x2 + k], a3 = x[x3 + k];
                int gk = gOff + k * n;
                for (int j = 0; j < n; j++) {
                    g[gk + j] += a0 * dz[d0 + j] + a1 * dz[d1 + j] + a2 * dz[d2 + j] + a3 * dz[d3 + j];
                }
            }
        }
        for (; i < rows; i++) {
            int xi = i * m, di = i * n;
            for (int k = 0; k < m; k++) {
                float a0 = x[xi + k];
                int gk = gOff + k * n;
                for (int j = 0; j < n; j++) g[gk + j] += a0 * dz[di + j];
            }
        }
    }

    @Override
    public void columnSums(float[] dz, int rows, int n, float[] g, int gOff) {
        for (int i = 0; i < rows; i++) {
            int di = i * n;
            for (int j = 0; j < n; j++) g[gOff + j] += dz[di + j];
        }
    }

    @Override
    public void tanh(float[] y, int len) {
        for (int i = 0; i < len; i++) y[i] = Tanh.tanh(y[i]);
    }

    @Override
    public void tanhBackward(float[] g, float[] y, int len) {
        for (int i = 0; i < len; i++) g[i] *= 1f - y[i] * y[i];
    }
}
