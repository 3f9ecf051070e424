package org.rlhf4j.control.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ReLU hidden activation: a hand-worked forward/backward and finite differences on both backends. */
class MlpReluTest {

    /**
     * sizes (2, 2, 1); W1 (out, in) = [[1, -1], [2, 0.5]], b1 = (0, -3), W2 = [[1, 2]], b2 = 0.5.
     * <pre>
     *   x = (1, 2): z1 = (1 - 2, 2 + 1 - 3) = (-1, 0) -> h = (0, 0), y = 0.5   (z = 0 counts as off, as torch)
     *   x = (3, 1): z1 = (3 - 1, 6 + 0.5 - 3) = (2, 3.5) -> h = (2, 3.5), y = 2 + 7 + 0.5 = 9.5
     * </pre>
     * With dL/dy = 1 for both rows: dW2 = sum h = (2, 3.5), db2 = 2; only row 2 passes back:
     * dz1 = W2 = (1, 2), dW1 = dz1 x^T = [[3, 1], [6, 2]], db1 = (1, 2).
     */
    @Test
    void handWorkedForwardAndBackward() {
        for (Mlp.Backend backend : Mlp.Backend.values()) {
            Mlp net = new Mlp(backend, Mlp.Activation.RELU, 2, 2, 1);
            net.setWeight(0, new float[] {1, -1, 2, 0.5f});
            net.setBias(0, new float[] {0, -3});
            net.setWeight(1, new float[] {1, 2});
            net.setBias(1, new float[] {0.5f});
            float[] y = net.forward(new float[] {1, 2, 3, 1}, 2);
            assertThat(new float[] {y[0], y[1]}).containsExactly(0.5f, 9.5f);
            net.zeroGrad();
            net.backward(new float[] {1, 1}, 2);
            assertThat(net.weightGradient(1)).containsExactly(2f, 3.5f);
            assertThat(net.biasGradient(1)).containsExactly(2f);
            assertThat(net.weightGradient(0)).containsExactly(3f, 1f, 6f, 2f);
            assertThat(net.biasGradient(0)).containsExactly(1f, 2f);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int[][] shapes = {{4, 64, 64, 2}, {5, 37, 19, 3}, {3, 40, 17}};
        for (Mlp.Backend backend : new Mlp.Backend[] {Mlp.Backend.SCALAR, Mlp.Backend.VECTOR}) {
            for (int[] shape : shapes) {
                for (int batch : new int[] {8, 7}) check(backend, shape, batch);
            }
        }
    }

    private static void check(Mlp.Backend backend, int[] shape, int batch) {
        SplittableRandom rng = new SplittableRandom(31L * shape[1] + batch);
        Mlp net = new Mlp(backend, Mlp.Activation.RELU, shape);
        net.initOrthogonal(rng, Math.sqrt(2), 1.0);
        for (int l = 0; l < net.layerCount(); l++) {
            float[] b = new float[shape[l + 1]];
            for (int i = 0; i < b.length; i++) b[i] = (float) (0.1 * rng.nextGaussian());
            net.setBias(l, b);
        }
        int in = shape[0], out = shape[shape.length - 1];
        float[] x = new float[batch * in], upstream = new float[batch * out];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        for (int i = 0; i < upstream.length; i++) upstream[i] = (float) rng.nextGaussian();
        float[] y = net.forward(x, batch).clone();
        net.zeroGrad();
        net.backward(upstream, batch);

        double[][] w = new double[net.layerCount()][], b = new double[net.layerCount()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = toDouble(net.weight(l));
            b[l] = toDouble(net.bias(l));
        }
        double[] yRef = forward(shape, w, b, x, batch);
        for (int i = 0; i < batch * out; i++) assertThat(y[i]).isCloseTo((float) yRef[i], within(1e-4f));
        double h = 1e-6, worst = 0;
        for (int l = 0; l < w.length; l++) {
            float[][] analytic = {net.weightGradient(l), net.biasGradient(l)};
            double[][] groups = {w[l], b[l]};
            for (int g = 0; g < 2; g++) {
                int stride = Math.max(1, groups[g].length / 400);   // about 400 per group keeps the 256-wide case quick
                for (int i = 0; i < groups[g].length; i += stride) {
                    double keep = groups[g][i];
                    groups[g][i] = keep + h;
                    double up = dot(upstream, forward(shape, w, b, x, batch));
                    groups[g][i] = keep - h;
                    double down = dot(upstream, forward(shape, w, b, x, batch));
                    groups[g][i] = keep;
                    worst = Math.max(worst, Math.abs((up - down) / (2 * h) - analytic[g][i]));
                }
            }
        }
        assertThat(worst).as("%s %s batch %d", backend, java.util.Arrays.toString(shape), batch).isLessThan(1e-4);
    }

    /** (batch, out) in double with exact ReLU; w[l] in (out, in) layout. */
    private static double[] forward(int[] sizes, double[][] w, double[][] b, float[] x, int batch) {
        double[] h = toDouble(java.util.Arrays.copyOf(x, batch * sizes[0]));
        for (int l = 0; l < w.length; l++) {
            int in = sizes[l], out = sizes[l + 1];
            double[] y = new double[batch * out];
            for (int i = 0; i < batch; i++) {
                for (int o = 0; o < out; o++) {
                    double s = b[l][o];
                    for (int k = 0; k < in; k++) s += h[i * in + k] * w[l][o * in + k];
                    y[i * out + o] = l < w.length - 1 ? Math.max(s, 0) : s;
                }
            }
            h = y;
        }
        return h;
    }

    private static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    @Test
    void replicaKeepsTheActivation() {
        Mlp net = new Mlp(Mlp.Backend.SCALAR, Mlp.Activation.RELU, 2, 3, 1);
        assertThat(net.replica().activation()).isEqualTo(Mlp.Activation.RELU);
        assertThat(new Mlp(2, 3, 1).activation()).isEqualTo(Mlp.Activation.TANH);
    }
}
