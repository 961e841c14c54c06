package org.deeplinear.ode.descent;

import java.util.Arrays;
import org.deeplinear.core.Arguments;

/**
 * The step sizes of gradient descent: one rate {@code eta} for every layer, or one per layer
 * {@code eta_1, ..., eta_N} (input layer first). The update of layer {@code j} is
 * {@code W_j' = W_j - eta_j dL/dW_j}, all layers at once.
 *
 * <p>Time: descent step {@code k} is placed at {@code t = k * timeStep()}, where the time step is the single
 * rate, or the largest of the per-layer rates, so that a run of K steps is comparable with gradient flow over
 * {@code [0, K eta]}. Immutable.
 */
public final class LearningRate {

    private final double[] perLayer; // null when uniform
    private final double uniform;

    private LearningRate(double uniform, double[] perLayer) {
        this.uniform = uniform;
        this.perLayer = perLayer;
    }

    /**
     * One rate for every layer.
     *
     * @param eta the rate, finite and {@code > 0}, a normal double
     * @return the learning rate
     * @throws IllegalArgumentException if {@code eta} is not finite, {@code <= 0}, or subnormal
     */
    public static LearningRate of(double eta) {
        return new LearningRate(normal("eta", eta), null);
    }

    /**
     * A rate checked: finite, {@code > 0}, and a normal double, as a flow's span must be: the iterates' times
     * {@code k eta} of a subnormal rate lose their digits (review of 2026-12-08: 4.9e-324 ran a descent of times
     * 0, 4.9e-324, 1.0e-323, ... that never moved). A normal rate that small still moves nothing an ordinary gradient
     * can move: the check is of the times, not of the updates.
     */
    private static double normal(String name, double eta) {
        Arguments.positive(name, eta);
        Arguments.check(eta >= Double.MIN_NORMAL, name, eta, "a normal double, at least " + Double.MIN_NORMAL
                + " (the iterates' times k eta of a subnormal rate lose their digits)");
        return eta;
    }

    /**
     * One rate per layer.
     *
     * @param etas {@code eta_1, ..., eta_N}, input layer first, each finite and {@code > 0}, a normal double; at
     *             least 2
     * @return the learning rate
     * @throws IllegalArgumentException if fewer than two rates or a rate is not finite, {@code <= 0}, or subnormal
     */
    public static LearningRate perLayer(double... etas) {
        Arguments.notNull("etas", etas);
        Arguments.check(etas.length >= 2, "etas.length", etas.length, "one rate per layer, at least 2");
        double max = 0;
        for (int j = 0; j < etas.length; j++) {
            normal("etas[" + j + "]", etas[j]);
            max = Math.max(max, etas[j]);
        }
        return new LearningRate(max, etas.clone());
    }

    /**
     * The time one step stands for: the single rate, or the largest per-layer rate.
     *
     * @return {@code eta > 0}
     */
    public double timeStep() {
        return uniform;
    }

    /**
     * Whether one rate applies to every layer.
     *
     * @return true for {@link #of(double)}
     */
    public boolean isUniform() {
        return perLayer == null;
    }

    /**
     * The number of layers this rate is for.
     *
     * @return 0 for a uniform rate (any depth), else N
     */
    public int layerCount() {
        return perLayer == null ? 0 : perLayer.length;
    }

    /**
     * The rate of one layer.
     *
     * @param j the layer, 1-based (1 is the input layer)
     * @return {@code eta_j}
     * @throws IndexOutOfBoundsException if per-layer and {@code j} is outside [1, N]
     */
    public double forLayer(int j) {
        if (perLayer == null) {
            return uniform;
        }
        Arguments.index("layer", j, 1, perLayer.length);
        return perLayer[j - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningRate && uniform == ((LearningRate) o).uniform
                && Arrays.equals(perLayer, ((LearningRate) o).perLayer);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(uniform) + Arrays.hashCode(perLayer);
    }

    @Override
    public String toString() {
        return perLayer == null ? "LearningRate(" + uniform + ")" : "LearningRate(" + Arrays.toString(perLayer) + ")";
    }
}
