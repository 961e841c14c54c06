package org.deeplinear.spectral;

import java.util.List;
import org.deeplinear.core.Arguments;

/**
 * The aligned coordinates of a sequence of maps over time: {@code s_i(t_j) = u_i^T A(t_j) v_i} in the target's
 * singular bases and the coupling, the share of {@code A} off its aligned modes,
 * {@code ||A - sum_i s_i u_i v_i^T||_F / ||A||_F} (dl-core's
 * {@link org.deeplinear.core.target.AlignedCoordinates#coupling()}). Immutable; accessors return copies.
 */
public final class AlignedSeries {

    private final double[] times;
    private final double[][] modes; // [mode][sample]
    private final double[] coupling;

    AlignedSeries(double[] times, List<double[]> perSample, double[] coupling) {
        this.times = times;
        int p = perSample.isEmpty() ? 0 : perSample.get(0).length;
        this.modes = new double[p][times.length];
        for (int j = 0; j < times.length; j++) {
            double[] s = perSample.get(j);
            for (int i = 0; i < p; i++) {
                modes[i][j] = s[i];
            }
        }
        this.coupling = coupling;
    }

    /**
     * The number of samples.
     *
     * @return the count
     */
    public int samples() {
        return times.length;
    }

    /**
     * The number of aligned modes, {@code p = min(m, n)}.
     *
     * @return p
     */
    public int modes() {
        return modes.length;
    }

    /**
     * The sample times.
     *
     * @return a copy
     */
    public double[] times() {
        return times.clone();
    }

    /**
     * One aligned coordinate over time.
     *
     * @param mode the target mode, 0-based (descending sigma)
     * @return a copy of {@code s_mode(t_j)}, one value per sample
     * @throws IndexOutOfBoundsException if the mode is out of range
     */
    public double[] mode(int mode) {
        Arguments.index("mode", mode, 0, modes.length - 1);
        return modes[mode].clone();
    }

    /**
     * Every aligned coordinate over time, as {@link org.deeplinear.spectral.timeline.ActivationTimeline} takes
     * them.
     *
     * @return a new array, {@code [mode][sample]}
     */
    public double[][] allModes() {
        double[][] copy = new double[modes.length][];
        for (int i = 0; i < modes.length; i++) {
            copy[i] = modes[i].clone();
        }
        return copy;
    }

    /**
     * The coupling over time, in [0, 1].
     *
     * @return a copy, one value per sample
     */
    public double[] coupling() {
        return coupling.clone();
    }
}
