package org.rlhf4j.control.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mlp gradients against central finite differences of a double-precision reference. */
class GradientCheckTest {
    private static final double H = 1e-5;

    /** Compares analytic gradients (torch layout, per layer) with central differences of {@code f}. */
    interface Loss {
        double value();
    }

    /** Returns {max abs error, max abs gradient} over every parameter of {@code ref}. */
    private static double[] check(Reference ref, Mlp net, Loss f) {
        double maxErr = 0, maxGrad = 0;
        for (int l = 0; l < ref.w.length; l++) {
            double[][] groups = {ref.w[l], ref.b[l]};
            float[][] analytic = {net.weightGradient(l), net.biasGradient(l)};
            for (int g = 0; g < 2; g++) {
                double[] p = groups[g];
                for (int i = 0; i < p.length; i++) {
                    double keep = p[i];
                    p[i] = keep + H;
                    double up = f.value();
                    p[i] = keep - H;
                    double down = f.value();
                    p[i] = keep;
                    double fd = (up - down) / (2 * H);
                    maxErr = Math.max(maxErr, Math.abs(fd - analytic[g][i]));
                    maxGrad = Math.max(maxGrad, Math.abs(fd));
                }
            }
        }
        return new double[] {maxErr, maxGrad};
    }

    @Test
    void mlpWithUpstreamGradientMatchesFiniteDifferences() {
        int[][] shapes = {{4, 64, 64, 2}, {4, 64, 64, 1}, {5, 37, 19, 3}, {3, 40, 17}, {4, 8, 24, 2}};
        for (Mlp.Backend backend : new Mlp.Backend[] {Mlp.Backend.SCALAR, Mlp.Backend.VECTOR}) {
            for (int[] shape : shapes) {
                for (int batch : new int[] {8, 7}) {
                    checkMlp(backend, shape, batch);
                }
            }
        }
    }

    private static void checkMlp(Mlp.Backend backend, int[] shape, int batch) {
        SplittableRandom rng = new SplittableRandom(11 + 100L * shape[shape.length - 1] + batch);
        Mlp net = new Mlp(backend, shape);
        int in = shape[0], out = shape[shape.length - 1];
        net.initOrthogonal(rng, Math.sqrt(2), 1.0);
        for (int l = 0; l < net.layerCount(); l++) {
            float[] b = new float[shape[l + 1]];
            for (int i = 0; i < b.length; i++) b[i] = (float) (0.1 * rng.nextGaussian());
            net.setBias(l, b);
        }
        float[] x = new float[batch * in], upstream = new float[batch * out];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        for (int i = 0; i < upstream.length; i++) upstream[i] = (float) rng.nextGaussian();
        float[] y = net.forward(x, batch).clone();
        net.zeroGrad();
        net.backward(upstream, batch);
        Reference ref = new Reference(net);
        double[] yRef = ref.forward(x, batch);
        double fwdErr = 0;
        for (int i = 0; i < batch * out; i++) fwdErr = Math.max(fwdErr, Math.abs(yRef[i] - y[i]));
        double[] r = check(ref, net, () -> {
            double[] yy = ref.forward(x, batch);
            double s = 0;
            for (int i = 0; i < yy.length; i++) s += upstream[i] * yy[i];
            return s;
        });
        System.out.printf("FD %s mlp %s batch %d: forward max|err| %.2e, grad max|err| %.2e (max|grad| %.2f)%n",
                net.backend(), java.util.Arrays.toString(shape), batch, fwdErr, r[0], r[1]);
        assertTrue(fwdErr < 1e-5, "forward");
        assertTrue(r[0] < 1e-5 * Math.max(1, r[1]), "gradient");
    }
}
