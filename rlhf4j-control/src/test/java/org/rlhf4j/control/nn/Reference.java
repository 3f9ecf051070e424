package org.rlhf4j.control.nn;

/** Double-precision reference of an Mlp and of PPO's loss, for finite differences. */
final class Reference {
    final int[] sizes;
    final double[][] w;  // w[l] (out, in) torch layout
    final double[][] b;

    Reference(Mlp net) {
        sizes = net.sizes();
        int layers = sizes.length - 1;
        w = new double[layers][];
        b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = toDouble(net.weight(l));
            b[l] = toDouble(net.bias(l));
        }
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** (batch, out) in double, exact tanh. */
    double[] forward(float[] x, int batch) {
        double[] h = toDouble(java.util.Arrays.copyOf(x, batch * sizes[0]));
        for (int l = 0; l < w.length; l++) {
            int in = sizes[l], out = sizes[l + 1];
            double[] y = new double[batch * out];
            for (int i = 0; i < batch; i++) {
                for (int o = 0; o < out; o++) {
                    double s = b[l][o];
                    for (int k = 0; k < in; k++) s += h[i * in + k] * w[l][o * in + k];
                    y[i * out + o] = l < w.length - 1 ? Math.tanh(s) : s;
                }
            }
            h = y;
        }
        return h;
    }

    /** SB3's PPO loss in double (see PpoLoss). */
    static double ppoLoss(double[] logits, double[] values, int actions, int[] taken, float[] oldLogProb, float[] adv,
                          float[] returns, int batch, double clip, double entCoef, double vfCoef) {
        double mean = 0;
        for (int i = 0; i < batch; i++) mean += adv[i];
        mean /= batch;
        double var = 0;
        for (int i = 0; i < batch; i++) var += (adv[i] - mean) * (adv[i] - mean);
        double std = Math.sqrt(var / (batch - 1));
        double policy = 0, value = 0, entropy = 0;
        for (int i = 0; i < batch; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < actions; j++) max = Math.max(max, logits[i * actions + j]);
            double z = 0;
            for (int j = 0; j < actions; j++) z += Math.exp(logits[i * actions + j] - max);
            double lse = max + Math.log(z), h = 0;
            for (int j = 0; j < actions; j++) {
                double lp = logits[i * actions + j] - lse;
                h -= Math.exp(lp) * lp;
            }
            double a = (adv[i] - mean) / (std + 1e-8);
            double ratio = Math.exp(logits[i * actions + taken[i]] - lse - oldLogProb[i]);
            double clipped = Math.max(1 - clip, Math.min(1 + clip, ratio));
            policy -= Math.min(a * ratio, a * clipped);
            entropy += h;
            double d = returns[i] - values[i];
            value += d * d;
        }
        return policy / batch - entCoef * entropy / batch + vfCoef * value / batch;
    }
}
