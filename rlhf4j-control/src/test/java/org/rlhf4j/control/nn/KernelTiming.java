package org.rlhf4j.control.nn;

import java.util.SplittableRandom;

/** Times the Java MLP's pieces on each kernel backend (a diagnostic main, not a test): java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes org.rlhf4j.control.nn.KernelTiming */
public final class KernelTiming {
    interface Body {
        void run();
    }

    static double time(String name, int calls, Body b) {
        for (int i = 0; i < calls; i++) b.run();
        double[] t = new double[7];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) b.run();
            t[r] = (System.nanoTime() - t0) / 1e3 / calls;
        }
        java.util.Arrays.sort(t);
        System.out.printf("  %-34s %9.2f us (median of 7)%n", name, t[3]);
        return t[3];
    }

    public static void main(String[] args) {
        for (Kernels k : new Kernels[] {new ScalarKernels(), Kernels.vector(true)}) {
            System.out.println(k.name());
            SplittableRandom rng = new SplittableRandom(1);
            Mlp.Backend backend = k instanceof ScalarKernels ? Mlp.Backend.SCALAR : Mlp.Backend.VECTOR;
            Mlp p = new Mlp(backend, 4, 64, 64, 2);
            p.initOrthogonal(rng, Math.sqrt(2), 0.01);
            float[] x = new float[256 * 4], d = new float[256 * 2];
            for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
            for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
            float[] h = new float[256 * 64], y = new float[256 * 64], w = new float[64 * 64], b = new float[64], s = new float[64];
            for (int i = 0; i < h.length; i++) h[i] = (float) rng.nextGaussian();
            for (int i = 0; i < w.length; i++) w[i] = (float) rng.nextGaussian();
            int scale = k instanceof ScalarKernels ? 1 : 10;
            time("forward policy b256", 300 * scale, () -> p.forward(x, 256));
            time("forward+backward policy b256", 150 * scale, () -> {
                p.forward(x, 256);
                p.backward(d, 256);
            });
            time("forward policy b8", 5000 * scale, () -> p.forward(x, 8));
            double t = time("affine 256x64x64", 300 * scale, () -> k.affine(h, 256, 64, w, 0, 64, b, 0, y));
            System.out.printf("     = %.1f GFLOP/s%n", 2.0 * 256 * 64 * 64 / t / 1e3);
            t = time("weightGradient 64x256x64", 300 * scale, () -> k.weightGradient(h, y, 256, 64, 64, w, 0, s));
            System.out.printf("     = %.1f GFLOP/s%n", 2.0 * 256 * 64 * 64 / t / 1e3);
            time("affineDot 256x64x2", 1000 * scale, () -> k.affineDot(h, 256, 64, w, 2, b, 0, y));
            time("tanh 16384", 1000 * scale, () -> k.tanh(y, 16384));
            Adam adam = Adam.of(1e-3, 0.9, 0.999, 1e-5, p);
            time("adam step 4610 params", 5000, adam::step);
            time("clip 4610 params", 5000, () -> Adam.clipGradNorm(0.5, p));
        }
    }
}
