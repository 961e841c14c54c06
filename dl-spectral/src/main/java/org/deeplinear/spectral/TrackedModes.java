package org.deeplinear.spectral;

import java.util.List;
import org.deeplinear.core.Arguments;

/**
 * The singular modes of a sequence of maps {@code A(t_j)}, followed across samples: tracked mode {@code k} is the
 * mode that was k-th largest at the first sample, continued at each later sample by the overlap of both of its
 * singular vectors, so that crossings of singular values do not swap identities, and with signs chosen so that
 * its vectors vary continuously. At the first sample, each mode's sign makes its largest cosine with the target's
 * left singular vectors positive. Where u and v cannot both be continuous (a mode whose value, as {@code u^T A v},
 * changed sign between two samples), the one that moved less ({@code |u_prev^T u|} against {@code |v_prev^T v|}) is
 * kept continuous and the other flips; where they moved alike, to {@code 1e-8}, the left one is kept (a review of
 * 2026-12-08 found the left one said always: a mode whose u turned while its value changed sign kept v).
 *
 * <p>Per sample and tracked mode this records the singular value, the position in descending order, and the
 * signed cosines {@code u*_i^T u_k} and {@code v*_i^T v_k} with the target's {@link #targetModes()} leading modes;
 * not the vectors themselves. Where modes could not be told apart, {@link #ambiguities()} says which and when.
 *
 * <p>Immutable; accessors return copies.
 */
public final class TrackedModes {

    private final double[] times;
    private final int modes;
    private final int targetModes;
    private final List<double[]> sigmas;     // per sample, [mode]
    private final List<int[]> positions;     // per sample, [mode]
    private final List<double[]> left;       // per sample, [mode * targetModes + i]
    private final List<double[]> right;
    private final List<Ambiguity> ambiguities;

    TrackedModes(double[] times, int modes, int targetModes, List<double[]> sigmas, List<int[]> positions,
            List<double[]> left, List<double[]> right, List<Ambiguity> ambiguities) {
        this.times = times;
        this.modes = modes;
        this.targetModes = targetModes;
        this.sigmas = List.copyOf(sigmas);
        this.positions = List.copyOf(positions);
        this.left = List.copyOf(left);
        this.right = List.copyOf(right);
        this.ambiguities = List.copyOf(ambiguities);
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
     * The number of tracked modes, {@code p = min(m, n)}.
     *
     * @return p
     */
    public int modes() {
        return modes;
    }

    /**
     * How many of the target's leading modes the cosines are recorded against.
     *
     * @return {@code min(p, cosineModes)}
     */
    public int targetModes() {
        return targetModes;
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
     * A tracked mode's singular value over time (inside a cluster of close values, its Rayleigh quotient
     * {@code u_k^T A v_k}).
     *
     * @param mode the tracked mode, 0-based
     * @return one value per sample
     * @throws IndexOutOfBoundsException if the mode is out of range
     */
    public double[] singularValues(int mode) {
        checkMode(mode);
        double[] out = new double[times.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = sigmas.get(j)[mode];
        }
        return out;
    }

    /**
     * A tracked mode's position in the descending order of singular values over time: it changes when values
     * cross, while the identity {@code mode} does not.
     *
     * @param mode the tracked mode, 0-based
     * @return one 0-based position per sample
     * @throws IndexOutOfBoundsException if the mode is out of range
     */
    public int[] positions(int mode) {
        checkMode(mode);
        int[] out = new int[times.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = positions.get(j)[mode];
        }
        return out;
    }

    /**
     * The signed cosine between a tracked mode's left singular vector and a target left singular vector,
     * {@code u*_i^T u_k(t_j)}.
     *
     * @param mode       the tracked mode k
     * @param targetMode the target mode i, below {@link #targetModes()}
     * @return one value per sample, in [-1, 1]: computed from rounded matrix products and clamped to [-1, 1], where
     *         the cosine of two unit vectors lies, so {@code Math.acos} of each is defined
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double[] leftCosines(int mode, int targetMode) {
        return series(left, mode, targetMode);
    }

    /**
     * The signed cosine between a tracked mode's right singular vector and a target right singular vector,
     * {@code v*_i^T v_k(t_j)}.
     *
     * @param mode       the tracked mode k
     * @param targetMode the target mode i, below {@link #targetModes()}
     * @return one value per sample, in [-1, 1]: computed from rounded matrix products and clamped to [-1, 1], where
     *         the cosine of two unit vectors lies, so {@code Math.acos} of each is defined
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double[] rightCosines(int mode, int targetMode) {
        return series(right, mode, targetMode);
    }

    /**
     * The alignment of a tracked mode with a target mode, {@code (u*_i^T u_k)(v*_i^T v_k)}: independent of the
     * sign convention, 1 when the mode has rotated into place, and the weight with which the tracked mode
     * contributes {@code sigma_k} to the aligned coordinate {@code s_i}.
     *
     * @param mode       the tracked mode k
     * @param targetMode the target mode i, below {@link #targetModes()}
     * @return one value per sample, in [-1, 1]: the product of the clamped cosines of {@link #leftCosines} and
     *         {@link #rightCosines}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double[] alignments(int mode, int targetMode) {
        double[] l = leftCosines(mode, targetMode);
        double[] r = rightCosines(mode, targetMode);
        for (int j = 0; j < l.length; j++) {
            l[j] *= r[j];
        }
        return l;
    }

    /**
     * The runs of samples over which some tracked modes could not be told apart, ordered by first sample.
     *
     * @return an immutable list, empty if every mode was identified at every sample
     */
    public List<Ambiguity> ambiguities() {
        return ambiguities;
    }

    private double[] series(List<double[]> cosines, int mode, int targetMode) {
        checkMode(mode);
        Arguments.index("targetMode", targetMode, 0, targetModes - 1);
        double[] out = new double[times.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = cosines.get(j)[mode * targetModes + targetMode];
        }
        return out;
    }

    private void checkMode(int mode) {
        Arguments.index("mode", mode, 0, modes - 1);
    }
}
