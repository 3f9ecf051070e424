package org.rlhf4j.control.feedback;

/**
 * The CartPole feedback function of the project documents: a penalty whenever the pole leans more
 * than 0.05 rad from upright, and another whenever the cart is more than 0.5 m from the centre,
 * on top of Gymnasium's +1 per step. {@link #documents()} uses -1 for each penalty, so a step
 * scores between -1 and +1 after {@link RewardShaping#added}. It reads the observation
 * {@code (x [m], xDot, theta [rad], thetaDot)} of {@code CartPole-v1}.
 *
 * @param anglePenalty            added when |theta| > angleThresholdRadians (documents: -1)
 * @param angleThresholdRadians   documents: 0.05
 * @param positionPenalty         added when |x| > positionThresholdMeters (documents: -1)
 * @param positionThresholdMeters documents: 0.5
 */
public record CartPoleFeedback(double anglePenalty, double angleThresholdRadians, double positionPenalty,
                               double positionThresholdMeters) implements FeedbackFunction {

    public CartPoleFeedback {
        if (!Double.isFinite(anglePenalty)) throw new IllegalArgumentException("anglePenalty must be finite, got " + anglePenalty);
        if (!Double.isFinite(positionPenalty)) throw new IllegalArgumentException("positionPenalty must be finite, got " + positionPenalty);
        if (!(angleThresholdRadians >= 0)) {
            throw new IllegalArgumentException("angleThresholdRadians must be >= 0, got " + angleThresholdRadians);
        }
        if (!(positionThresholdMeters >= 0)) {
            throw new IllegalArgumentException("positionThresholdMeters must be >= 0, got " + positionThresholdMeters);
        }
    }

    /** The documents' function: -1 when |theta| > 0.05 rad, -1 when |x| > 0.5 m. */
    public static CartPoleFeedback documents() {
        return new CartPoleFeedback(-1.0, 0.05, -1.0, 0.5);
    }

    @Override
    public double feedback(float[] observation, int offset) {
        // compared in float32, as NumPy compares a float32 observation with a Python float
        float x = observation[offset], theta = observation[offset + 2];
        double total = 0;
        if (Math.abs(theta) > (float) angleThresholdRadians) total += anglePenalty;
        if (Math.abs(x) > (float) positionThresholdMeters) total += positionPenalty;
        return total;
    }
}
