package org.rlhf4j.control.nn;

/**
 * The dense loops of an {@link Mlp}, in two implementations: {@link VectorKernels} (the JDK's
 * Vector API, explicit SIMD with register tiles) where the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, and {@link ScalarKernels} (plain loops) otherwise.
 *
 * <p>Why two: on JDK 17, C2's auto-vectoriser does not help these layers. Their rows are 64
 * floats, and SuperWord spends such short loops in its scalar alignment pre-loop and post-loop:
 * measured on a 64x64 layer at batch 256, the plain loops run at 4-7 GFLOP/s with or without
 * {@code -XX:-UseSuperWord}, while the Vector API tile kernel runs at about 110 GFLOP/s (AVX-512).
 *
 * <p>All matrices are row-major float arrays; {@code rows} is the batch. Implementations are
 * stateless and thread-safe; scratch space comes from the caller.
 */
interface Kernels {
    /** A short name for logs: "vector(16 lanes)" or "scalar". */
    String name();

    /** True when an output width {@code n} should use {@link #affineDot} rather than {@link #affine}. */
    boolean narrow(int n);

    /** y (rows, n) = a (rows, m) . M (m, n) [+ bias (n)]; M at {@code mat[mOff..]}; bias null means none. */
    void affine(float[] a, int rows, int m, float[] mat, int mOff, int n, float[] bias, int bOff, float[] y);

    /**
     * y (rows, n) = a (rows, m) . wt^T [+ bias (n)] with wt (n, m): one dot product per output, for
     * narrow outputs (policy logits, a value).
     */
    void affineDot(float[] a, int rows, int m, float[] wt, int n, float[] bias, int bOff, float[] y);

    /** g (m, n) at {@code gOff} += x^T (m, rows) . dz (rows, n); {@code scratch} holds at least m floats. */
    void weightGradient(float[] x, float[] dz, int rows, int m, int n, float[] g, int gOff, float[] scratch);

    /** g (n) at {@code gOff} += the column sums of dz (rows, n) (a bias gradient). */
    void columnSums(float[] dz, int rows, int n, float[] g, int gOff);

    /** y[0..len) = tanh(y) in place ({@link Tanh}'s approximation). */
    void tanh(float[] y, int len);

    /** g[0..len) *= 1 - y^2: the gradient through y = tanh(z), given y. */
    void tanhBackward(float[] g, float[] y, int len);

    /**
     * y[0..len) = max(y, 0) in place. Plain loops for both implementations: C2 vectorises them,
     * and next to the matrix products they cost nothing measurable.
     */
    default void relu(float[] y, int len) {
        for (int i = 0; i < len; i++) y[i] = Math.max(y[i], 0f);
    }

    /** g[0..len) = 0 where y <= 0: the gradient through y = relu(z), given y (torch: 0 at z = 0). */
    default void reluBackward(float[] g, float[] y, int len) {
        for (int i = 0; i < len; i++) g[i] = y[i] > 0f ? g[i] : 0f;
    }

    /**
     * The Vector API kernels when the {@code jdk.incubator.vector} module is in the boot layer,
     * the scalar ones otherwise. The system property {@code rlhf4j.mlp.kernels} ({@code auto},
     * {@code scalar}, {@code vector}) overrides the choice; {@code vector} fails if unavailable.
     */
    static Kernels preferred() {
        String choice = System.getProperty("rlhf4j.mlp.kernels", "auto");
        return switch (choice) {
            case "scalar" -> new ScalarKernels();
            case "vector" -> vector(true);
            case "auto" -> vector(false);
            default -> throw new IllegalArgumentException("rlhf4j.mlp.kernels must be auto, scalar or vector, got " + choice);
        };
    }

    /** The Vector API kernels, or (unless {@code required}) the scalar ones where they cannot load. */
    static Kernels vector(boolean required) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                // By name, so that this interface loads on JVMs without the module.
                return (Kernels) Class.forName("org.rlhf4j.control.nn.VectorKernels").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                if (required) throw new IllegalStateException("the Vector API kernels failed to load", e);
            }
        } else if (required) {
            throw new IllegalStateException("the Vector API kernels need the JVM option --add-modules jdk.incubator.vector");
        }
        return new ScalarKernels();
    }
}
