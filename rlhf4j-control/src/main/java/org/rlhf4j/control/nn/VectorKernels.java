package org.rlhf4j.control.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK's Vector API ({@code jdk.incubator.vector}, needs
 * {@code --add-modules jdk.incubator.vector} at compile and run time), with the platform's widest
 * float vectors (16 lanes with AVX-512, 8 with AVX2).
 *
 * <p>The products keep a tile of the output in registers: 4 rows x 2 vectors (8 accumulators),
 * so each step over the shared dimension loads two vectors of the matrix and four scalars and
 * issues eight fused multiply-adds. A 64x64 layer at batch 256 runs at about 110 GFLOP/s on one
 * AVX-512 core (and 58 GFLOP/s with 256-bit vectors). Widths that are not a multiple of the vector
 * length finish with masked vectors.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector(" + L + " lanes)";
    }

    @Override
    public boolean narrow(int n) {
        return n < L;
    }

    // ------------------------------------------------------------------ y = a . M + bias

    @Override
    public void affine(float[] a, int rows, int m, float[] mat, int mOff, int n, float[] bias, int bOff, float[] y) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) affine4(a, i, m, mat, mOff, n, bias, bOff, y);
        for (; i < rows; i++) affine1(a, i, m, mat, mOff, n, bias, bOff, y);
    }

    /** Rows i..i+3 of y. */
    private static void affine4(float[] a, int i, int m, float[] mat, int mOff, int n, float[] bias, int bOff, float[] y) {
        int a0 = i * m, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
        int y0 = i * n, y1 = y0 + n, y2 = y1 + n, y3 = y2 + n;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector b0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, bOff + j);
            FloatVector b1 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, bOff + j + L);
            FloatVector c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
            for (int k = 0, r = mOff + j; k < m; k++, r += n) {
                FloatVector w0 = FloatVector.fromArray(S, mat, r), w1 = FloatVector.fromArray(S, mat, r + L);
                FloatVector x = FloatVector.broadcast(S, a[a0 + k]);
                c00 = w0.fma(x, c00);
                c01 = w1.fma(x, c01);
                x = FloatVector.broadcast(S, a[a1 + k]);
                c10 = w0.fma(x, c10);
                c11 = w1.fma(x, c11);
                x = FloatVector.broadcast(S, a[a2 + k]);
                c20 = w0.fma(x, c20);
                c21 = w1.fma(x, c21);
                x = FloatVector.broadcast(S, a[a3 + k]);
                c30 = w0.fma(x, c30);
                c31 = w1.fma(x, c31);
            }
            c00.intoArray(y, y0 + j);
            c01.intoArray(y, y0 + j + L);
            c10.intoArray(y, y1 + j);
            c11.intoArray(y, y1 + j + L);
            c20.intoArray(y, y2 + j);
            c21.intoArray(y, y2 + j + L);
            c30.intoArray(y, y3 + j);
            c31.intoArray(y, y3 + j + L);
        }
        for (; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector c0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, bOff + j, mask);
            FloatVector c1 = c0, c2 = c0, c3 = c0;
            for (int k = 0, r = mOff + j; k < m; k++, r += n) {
                FloatVector w = FloatVector.fromArray(S, mat, r, mask);
                c0 = w.fma(FloatVector.broadcast(S, a[a0 + k]), c0);
                c1 = w.fma(FloatVector.broadcast(S, a[a1 + k]), c1);
                c2 = w.fma(FloatVector.broadcast(S, a[a2 + k]), c2);
                c3 = w.fma(FloatVector.broadcast(S, a[a3 + k]), c3);
            }
            c0.intoArray(y, y0 + j, mask);
            c1.intoArray(y, y1 + j, mask);
            c2.intoArray(y, y2 + j, mask);
            c3.intoArray(y, y3 + j, mask);
        }
    }

    /** Row i of y (the batch's last rows when it is not a multiple of 4). */
    private static void affine1(float[] a, int i, int m, float[] mat, int mOff, int n, float[] bias, int bOff, float[] y) {
        int a0 = i * m, y0 = i * n;
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector c = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, bOff + j, mask);
            for (int k = 0, r = mOff + j; k < m; k++, r += n) {
                c = FloatVector.fromArray(S, mat, r, mask).fma(FloatVector.broadcast(S, a[a0 + k]), c);
            }
            c.intoArray(y, y0 + j, mask);
        }
    }

    @Override
    public void affineDot(float[] a, int rows, int m, float[] wt, int n, float[] bias, int bOff, float[] y) {
        for (int i = 0; i < rows; i++) {
            int ai = i * m;
            for (int o = 0; o < n; o++) {
                int w = o * m, k = 0;
                FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
                for (; k + 2 * L <= m; k += 2 * L) {
                    s0 = FloatVector.fromArray(S, a, ai + k).fma(FloatVector.fromArray(S, wt, w + k), s0);
                    s1 = FloatVector.fromArray(S, a, ai + k + L).fma(FloatVector.fromArray(S, wt, w + k + L), s1);
                }
                for (; k + L <= m; k += L) {
                    s0 = FloatVector.fromArray(S, a, ai + k).fma(FloatVector.fromArray(S, wt, w + k), s0);
                }
                float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
                for (; k < m; k++) s += a[ai + k] * wt[w + k];
                y[i * n + o] = bias != null ? s + bias[bOff + o] : s;
            }
        }
    }

    // ------------------------------------------------------------------ g += x^T . dz

    @Override
    public void weightGradient(float[] x, float[] dz, int rows, int m, int n, float[] g, int gOff, float[] scratch) {
        if (n < L) {
            weightGradientNarrow(x, dz, rows, m, n, g, gOff, scratch);
            return;
        }
        int k = 0;
        for (; k + 4 <= m; k += 4) weightGradient4(x, dz, rows, m, n, g, gOff, k);
        for (; k < m; k++) weightGradient1(x, dz, rows, m, n, g, gOff, k);
    }

    /** Rows k..k+3 of g (four input features), accumulated over the batch in registers. */
    private static void weightGradient4(float[] x, float[] dz, int rows, int m, int n, float[] g, int gOff, int k) {
        int g0 = gOff + k * n, g1 = g0 + n, g2 = g1 + n, g3 = g2 + n;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector c00 = FloatVector.fromArray(S, g, g0 + j), c01 = FloatVector.fromArray(S, g, g0 + j + L);
            FloatVector c10 = FloatVector.fromArray(S, g, g1 + j), c11 = FloatVector.fromArray(S, g, g1 + j + L);
            FloatVector c20 = FloatVector.fromArray(S, g, g2 + j), c21 = FloatVector.fromArray(S, g, g2 + j + L);
            FloatVector c30 = FloatVector.fromArray(S, g, g3 + j), c31 = FloatVector.fromArray(S, g, g3 + j + L);
            for (int i = 0, xi = k, di = j; i < rows; i++, xi += m, di += n) {
                FloatVector d0 = FloatVector.fromArray(S, dz, di), d1 = FloatVector.fromArray(S, dz, di + L);
                FloatVector v = FloatVector.broadcast(S, x[xi]);
                c00 = d0.fma(v, c00);
                c01 = d1.fma(v, c01);
                v = FloatVector.broadcast(S, x[xi + 1]);
                c10 = d0.fma(v, c10);
                c11 = d1.fma(v, c11);
                v = FloatVector.broadcast(S, x[xi + 2]);
                c20 = d0.fma(v, c20);
                c21 = d1.fma(v, c21);
                v = FloatVector.broadcast(S, x[xi + 3]);
                c30 = d0.fma(v, c30);
                c31 = d1.fma(v, c31);
            }
            c00.intoArray(g, g0 + j);
            c01.intoArray(g, g0 + j + L);
            c10.intoArray(g, g1 + j);
            c11.intoArray(g, g1 + j + L);
            c20.intoArray(g, g2 + j);
            c21.intoArray(g, g2 + j + L);
            c30.intoArray(g, g3 + j);
            c31.intoArray(g, g3 + j + L);
        }
        for (; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector c0 = FloatVector.fromArray(S, g, g0 + j, mask), c1 = FloatVector.fromArray(S, g, g1 + j, mask);
            FloatVector c2 = FloatVector.fromArray(S, g, g2 + j, mask), c3 = FloatVector.fromArray(S, g, g3 + j, mask);
            for (int i = 0, xi = k, di = j; i < rows; i++, xi += m, di += n) {
                FloatVector d = FloatVector.fromArray(S, dz, di, mask);
                c0 = d.fma(FloatVector.broadcast(S, x[xi]), c0);
                c1 = d.fma(FloatVector.broadcast(S, x[xi + 1]), c1);
                c2 = d.fma(FloatVector.broadcast(S, x[xi + 2]), c2);
                c3 = d.fma(FloatVector.broadcast(S, x[xi + 3]), c3);
            }
            c0.intoArray(g, g0 + j, mask);
            c1.intoArray(g, g1 + j, mask);
            c2.intoArray(g, g2 + j, mask);
            c3.intoArray(g, g3 + j, mask);
        }
    }

    /** Row k of g. */
    private static void weightGradient1(float[] x, float[] dz, int rows, int m, int n, float[] g, int gOff, int k) {
        int g0 = gOff + k * n;
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector c = FloatVector.fromArray(S, g, g0 + j, mask);
            for (int i = 0, xi = k, di = j; i < rows; i++, xi += m, di += n) {
                c = FloatVector.fromArray(S, dz, di, mask).fma(FloatVector.broadcast(S, x[xi]), c);
            }
            c.intoArray(g, g0 + j, mask);
        }
    }

    /** n < L: per output column o, accumulate dz[i, o] * x[i, :] along x's rows, then scatter. */
    private static void weightGradientNarrow(float[] x, float[] dz, int rows, int m, int n, float[] g, int gOff, float[] scratch) {
        for (int o = 0; o < n; o++) {
            for (int k = 0; k < m; k += L) {
                VectorMask<Float> mask = S.indexInRange(k, m);
                FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);  // even and odd rows: two independent chains
                int i = 0;
                for (; i + 2 <= rows; i += 2) {
                    c0 = FloatVector.fromArray(S, x, i * m + k, mask).fma(FloatVector.broadcast(S, dz[i * n + o]), c0);
                    c1 = FloatVector.fromArray(S, x, (i + 1) * m + k, mask).fma(FloatVector.broadcast(S, dz[(i + 1) * n + o]), c1);
                }
                if (i < rows) c0 = FloatVector.fromArray(S, x, i * m + k, mask).fma(FloatVector.broadcast(S, dz[i * n + o]), c0);
                c0.add(c1).intoArray(scratch, 0, mask);
                int count = Math.min(L, m - k);
                for (int t = 0; t < count; t++) g[gOff + (k + t) * n + o] += scratch[t];
            }
        }
    }

    @Override
    public void columnSums(float[] dz, int rows, int n, float[] g, int gOff) {
        if (n < L) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < n; j++) g[gOff + j] += dz[i * n + j];
            }
            return;
        }
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector c = FloatVector.fromArray(S, g, gOff + j, mask);
            for (int i = 0, di = j; i < rows; i++, di += n) c = c.add(FloatVector.fromArray(S, dz, di, mask));
            c.intoArray(g, gOff + j, mask);
        }
    }

    // ------------------------------------------------------------------ elementwise

    @Override
    public void tanh(float[] y, int len) {
        FloatVector lo = FloatVector.broadcast(S, -Tanh.CLAMP), hi = FloatVector.broadcast(S, Tanh.CLAMP);
        FloatVector a9 = FloatVector.broadcast(S, Tanh.A9), a7 = FloatVector.broadcast(S, Tanh.A7);
        FloatVector a5 = FloatVector.broadcast(S, Tanh.A5), a3 = FloatVector.broadcast(S, Tanh.A3);
        FloatVector a1 = FloatVector.broadcast(S, Tanh.A1), b2 = FloatVector.broadcast(S, Tanh.B2);
        FloatVector b0 = FloatVector.broadcast(S, Tanh.B0);
        int i = 0, bound = S.loopBound(len);
        for (; i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, y, i).max(lo).min(hi);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(Tanh.A13, Tanh.A11);
            p = x2.fma(p, a9);
            p = x2.fma(p, a7);
            p = x2.fma(p, a5);
            p = x2.fma(p, a3);
            p = x2.fma(p, a1);
            FloatVector q = x2.fma(Tanh.B6, Tanh.B4);
            q = x2.fma(q, b2);
            q = x2.fma(q, b0);
            x.mul(p).div(q).intoArray(y, i);
        }
        for (; i < len; i++) y[i] = Tanh.tanh(y[i]);
    }

    @Override
    public void tanhBackward(float[] g, float[] y, int len) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0, bound = S.loopBound(len);
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, g, i).mul(v.neg().fma(v, one)).intoArray(g, i);  // g * (1 - y^2)
        }
        for (; i < len; i++) g[i] *= 1f - y[i] * y[i];
    }
}
