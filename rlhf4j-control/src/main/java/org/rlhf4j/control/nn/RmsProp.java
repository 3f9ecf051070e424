package org.rlhf4j.control.nn;

/**
 * RMSprop (Tieleman and Hinton 2012, Coursera lecture 6.5) over flat float arrays, with the update
 * of {@code torch.optim.RMSprop} without momentum, centring or weight decay:
 * <pre>
 *   v  = alpha v + (1 - alpha) g^2          (v starts at 0)
 *   p -= lr g / (sqrt(v) + eps)
 * </pre>
 * stable-baselines3's A2C uses it with alpha 0.99 and eps 1e-5 ({@code rms_prop_eps}), as
 * Mnih et al. 2016 (https://arxiv.org/abs/1602.01783) did. Note that eps is added outside the
 * square root, as PyTorch does (TensorFlow adds it inside). The moments are fp32, like PyTorch's.
 */
public final class RmsProp {
    private final float[][] params;
    private final float[][] grads;
    private final float[][] squareAverage;
    private final double alpha;
    private final double eps;
    private double lr;
    private long t;

    /** RMSprop over the parameters of {@code nets} (their {@link Mlp#parameters()} and gradients). */
    public static RmsProp of(double lr, double alpha, double eps, Mlp... nets) {
        float[][] p = new float[nets.length][], g = new float[nets.length][];
        for (int i = 0; i < nets.length; i++) {
            p[i] = nets[i].parameters();
            g[i] = nets[i].gradients();
        }
        return new RmsProp(p, g, lr, alpha, eps);
    }

    /** RMSprop over {@code params[i]}, whose gradients {@code grads[i]} have the same length. */
    public RmsProp(float[][] params, float[][] grads, double lr, double alpha, double eps) {
        if (params.length != grads.length) throw new IllegalArgumentException("one gradient array per parameter array");
        if (!(lr >= 0)) throw new IllegalArgumentException("lr must be >= 0, got " + lr);
        if (!(alpha >= 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in [0, 1), got " + alpha);
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
        this.params = params.clone();
        this.grads = grads.clone();
        this.squareAverage = new float[params.length][];
        for (int i = 0; i < params.length; i++) {
            if (params[i].length != grads[i].length) throw new IllegalArgumentException("array " + i + ": parameter and gradient lengths differ");
            squareAverage[i] = new float[params[i].length];
        }
        this.lr = lr;
        this.alpha = alpha;
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
        float a = (float) alpha, c = (float) (1 - alpha), rate = (float) lr, e = (float) eps;
        for (int k = 0; k < params.length; k++) {
            float[] p = params[k], g = grads[k], v = squareAverage[k];
            for (int i = 0; i < p.length; i++) {
                float gi = g[i];
                float vi = a * v[i] + c * gi * gi;
                v[i] = vi;
                p[i] -= rate * gi / ((float) Math.sqrt(vi) + e);
            }
        }
    }
}
