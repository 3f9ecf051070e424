package org.rlhf4j.control.nn;

/**
 * Adam (Kingma and Ba 2015, https://arxiv.org/abs/1412.6980) over flat float arrays, with the
 * update of {@code torch.optim.Adam} (no weight decay, no amsgrad):
 * <pre>
 *   m = beta1 m + (1 - beta1) g;   v = beta2 v + (1 - beta2) g^2
 *   p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * stable-baselines3's PPO uses lr 3e-4 (zoo CartPole: linear from 1e-3), betas (0.9, 0.999), eps 1e-5.
 * The moments are fp32, like PyTorch's.
 */
public final class Adam {
    private final float[][] params;
    private final float[][] grads;
    private final float[][] m;
    private final float[][] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double lr;
    private long t;

    /** Adam over the parameters of {@code nets} (their {@link Mlp#parameters()} and gradients). */
    public static Adam of(double lr, double beta1, double beta2, double eps, Mlp... nets) {
        float[][] p = new float[nets.length][], g = new float[nets.length][];
        for (int i = 0; i < nets.length; i++) {
            p[i] = nets[i].parameters();
            g[i] = nets[i].gradients();
        }
        return new Adam(p, g, lr, beta1, beta2, eps);
    }

    /** Adam over {@code params[i]}, whose gradients {@code grads[i]} have the same length. */
    public Adam(float[][] params, float[][] grads, double lr, double beta1, double beta2, double eps) {
        if (params.length != grads.length) throw new IllegalArgumentException("one gradient array per parameter array");
        if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("betas must be in [0, 1)");
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
        this.params = params.clone();
        this.grads = grads.clone();
        this.m = new float[params.length][];
        this.v = new float[params.length][];
        for (int i = 0; i < params.length; i++) {
            if (params[i].length != grads[i].length) throw new IllegalArgumentException("array " + i + ": parameter and gradient lengths differ");
            m[i] = new float[params[i].length];
            v[i] = new float[params[i].length];
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Sets the learning rate for the following steps (for a schedule). */
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    public double learningRate() {
        return lr;
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    /** One update of every parameter from its current gradient. */
    public void step() {
        t++;
        float b1 = (float) beta1, b2 = (float) beta2, c1 = (float) (1 - beta1), c2 = (float) (1 - beta2);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float invCorrection2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        float e = (float) eps;
        for (int a = 0; a < params.length; a++) {
            float[] p = params[a], g = grads[a], ma = m[a], va = v[a];
            for (int i = 0; i < p.length; i++) {
                float gi = g[i];
                float mi = b1 * ma[i] + c1 * gi;
                float vi = b2 * va[i] + c2 * gi * gi;
                ma[i] = mi;
                va[i] = vi;
                p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invCorrection2 + e);
            }
        }
    }

    /**
     * Scales the gradients so that their global L2 norm is at most {@code maxNorm}, as
     * {@code torch.nn.utils.clip_grad_norm_}, and returns the norm before clipping.
     */
    public static double clipGradNorm(double maxNorm, float[]... grads) {
        double sum = 0;
        for (float[] g : grads) sum += sumOfSquares(g);
        double norm = Math.sqrt(sum);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) {
            float c = (float) coefficient;
            for (float[] g : grads) {
                for (int i = 0; i < g.length; i++) g[i] *= c;
            }
        }
        return norm;
    }

    /** {@link #clipGradNorm(double, float[]...)} over the gradients of {@code nets}. */
    public static double clipGradNorm(double maxNorm, Mlp... nets) {
        float[][] g = new float[nets.length][];
        for (int i = 0; i < nets.length; i++) g[i] = nets[i].gradients();
        return clipGradNorm(maxNorm, g);
    }

    /** Sum of squares in double with four independent accumulators (a float reduction is not vectorised). */
    private static double sumOfSquares(float[] g) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= g.length; i += 4) {
            s0 += (double) g[i] * g[i];
            s1 += (double) g[i + 1] * g[i + 1];
            s2 += (double) g[i + 2] * g[i + 2];
            s3 += (double) g[i + 3] * g[i + 3];
        }
        for (; i < g.length; i++) s0 += (double) g[i] * g[i];
        return (s0 + s1) + (s2 + s3);
    }
}
