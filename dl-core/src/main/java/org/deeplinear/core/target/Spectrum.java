package org.deeplinear.core.target;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;

/**
 * The singular value decomposition of a target, {@code A* = sum_i sigma_i u_i v_i^T}, with
 * {@code p = min(m, n)} modes sorted so that {@code sigma_0 >= sigma_1 >= ... >= 0} (0-based indices).
 * The left vectors form an m x p matrix {@code U*} and the right vectors an n x p matrix {@code V*}, both with
 * orthonormal columns; modes beyond the target's rank have {@code sigma_i = 0} and complete the bases.
 *
 * <p>Immutable.
 */
public final class Spectrum {

    /**
     * Two singular values closer than this, relative to the larger, are one repeated value, whose modes are not
     * defined one by one (THEORY.md: equal singular values, compare subspaces): how {@code dl simulate} notes them,
     * {@code dl sweep} refuses them and {@code Claims.topModes} and {@code Claims.activationOrder} compare them.
     * Wide enough for sigmas read back from a saved target ({@code u_i^T A* v_i}, within a few ulps of those
     * saved).
     */
    public static final double REPEAT_TOLERANCE = 1e-12;

    private final double[] sigmas;
    private final Matrix left;
    private final Matrix right;

    Spectrum(double[] sigmas, Matrix left, Matrix right) {
        this.sigmas = sigmas;
        this.left = left;
        this.right = right;
    }

    /**
     * Whether two singular values are one repeated value: the first positive, and the two within
     * {@link #REPEAT_TOLERANCE} of the larger.
     *
     * @param a a singular value
     * @param b another
     * @return whether {@code a > 0} and {@code |a - b| <= REPEAT_TOLERANCE max(a, b)}
     */
    public static boolean repeats(double a, double b) {
        return a > 0 && Math.abs(a - b) <= REPEAT_TOLERANCE * Math.max(a, b);
    }

    /**
     * The repeated values as groups of modes: {@code groups[i] == groups[j]} where the sigmas from i to j are one
     * repeated value, each neighbour {@link #repeats} the next (so a chain of repeats is one value, as the modes
     * of a repeated value are compared: {@code Claims.topModes} and {@code Claims.activationOrder}); a zero sigma
     * is a group of its own. Groups are numbered from 0 in the order of the modes.
     *
     * @return a new array of p group numbers, non-decreasing
     */
    public int[] repeatGroups() {
        int[] groups = new int[sigmas.length];
        for (int i = 1; i < sigmas.length; i++) {
            groups[i] = repeats(sigmas[i - 1], sigmas[i]) ? groups[i - 1] : groups[i - 1] + 1;
        }
        return groups;
    }

    /**
     * The number of modes, {@code p = min(m, n)}.
     *
     * @return p
     */
    public int size() {
        return sigmas.length;
    }

    /**
     * One singular value.
     *
     * @param i the mode, 0-based, in descending order of value
     * @return {@code sigma_i >= 0}
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
     */
    public double sigma(int i) {
        return sigmas[mode(i)];
    }

    private int mode(int i) {
        return Arguments.index("i", i, 0, sigmas.length - 1);
    }

    /**
     * The singular values, descending.
     *
     * @return a copy of {@code sigma_0, ..., sigma_{p-1}}
     */
    public double[] singularValues() {
        return sigmas.clone();
    }

    /**
     * The largest singular value, {@code ||A*||_2}.
     *
     * @return {@code sigma_0}
     */
    public double sigmaMax() {
        return sigmas[0];
    }

    /**
     * The left singular vectors as columns, {@code U*} (m x p).
     *
     * @return the left basis
     */
    public Matrix leftVectors() {
        return left;
    }

    /**
     * The right singular vectors as columns, {@code V*} (n x p).
     *
     * @return the right basis
     */
    public Matrix rightVectors() {
        return right;
    }

    /**
     * One left singular vector.
     *
     * @param i the mode, 0-based
     * @return a copy of {@code u_i} (length m)
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
     */
    public double[] leftVector(int i) {
        return left.column(mode(i));
    }

    /**
     * One right singular vector.
     *
     * @param i the mode, 0-based
     * @return a copy of {@code v_i} (length n)
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
     */
    public double[] rightVector(int i) {
        return right.column(mode(i));
    }

    /**
     * The numerical rank at an absolute tolerance: how many {@code sigma_i > tolerance}.
     *
     * @param tolerance the threshold, finite and {@code >= 0}
     * @return the rank, between 0 and p
     * @throws IllegalArgumentException if the tolerance is negative or not finite
     */
    public int rank(double tolerance) {
        Arguments.nonNegative("tolerance", tolerance);
        int r = 0;
        while (r < sigmas.length && sigmas[r] > tolerance) {
            r++;
        }
        return r;
    }

    /**
     * The numerical rank at the default tolerance {@code sigma_max * max(m, n) * eps} ({@code eps = 2^-52}, the
     * spacing of doubles at 1), the convention of NumPy's {@code matrix_rank}.
     *
     * @return the rank
     */
    public int rank() {
        return rank(sigmas[0] * (Math.max(left.rows(), right.rows()) * Math.ulp(1.0)));
    }

    /**
     * The best rank-r residual {@code 1/2 sum_{i >= r} sigma_i^2}: the loss of the best approximation of the
     * target by a map of rank r (Eckart-Young), the level at which the loss plateaus between activations.
     *
     * @param r the rank, between 0 and p
     * @return the residual loss
     */
    public double bestRankResidual(int r) {
        Arguments.check(r >= 0 && r <= sigmas.length, "r", r, "a rank between 0 and " + sigmas.length);
        return Matrix.halfSquaredNorm(sigmas, r, sigmas.length);
    }
}
