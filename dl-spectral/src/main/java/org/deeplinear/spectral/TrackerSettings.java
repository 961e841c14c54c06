package org.deeplinear.spectral;

import org.deeplinear.core.Arguments;

/**
 * The tolerances of a {@link ModeTracker}. Immutable; start from {@link #defaults()} and change one setting with
 * the {@code with...} copies.
 *
 * @param clusterTolerance two singular values of {@code A(t)} adjacent in descending order belong to one cluster
 *                         when {@code sigma_k - sigma_(k+1) <= clusterTolerance * sigma_max(A(t))}; their vectors
 *                         are then not told apart (the subspace is tracked and the ambiguity reported). Finite, in
 *                         [0, 1). At the default {@value #DEFAULT_CLUSTER_TOLERANCE} the singular vectors of
 *                         separated modes are accurate to about {@code 1e-16 / clusterTolerance}.
 * @param overlapThreshold a tracked mode whose overlap with the cluster it is continued into,
 *                         {@code ||P_U u_prev|| * ||P_V v_prev||}, falls below this value is reported as
 *                         ambiguous: the samples are too far apart to tell which mode it became. In [0, 1].
 * @param rankTolerance    the numerical rank counts singular values {@code > rankTolerance * sigma_max(A*)}, the
 *                         exact product (one that passes the largest double counts none). Finite and {@code >= 0}.
 * @param cosineModes      how many of the target's leading modes the cosines are recorded against (capped at
 *                         {@code p = min(m, n)}); at least 1. The history stores {@code 2 p min(p, cosineModes)}
 *                         doubles per sample for them.
 */
public record TrackerSettings(double clusterTolerance, double overlapThreshold, double rankTolerance,
        int cosineModes) {

    /** The default {@link #clusterTolerance()}. */
    public static final double DEFAULT_CLUSTER_TOLERANCE = 1e-6;
    /** The default {@link #overlapThreshold()}. */
    public static final double DEFAULT_OVERLAP_THRESHOLD = 0.5;
    /** The default {@link #rankTolerance()}: a mode counts once it carries 1% of {@code sigma_max(A*)}. */
    public static final double DEFAULT_RANK_TOLERANCE = 1e-2;
    /** The default {@link #cosineModes()}. */
    public static final int DEFAULT_COSINE_MODES = 16;

    /**
     * Validates the settings.
     *
     * @param clusterTolerance the relative gap below which adjacent values form a cluster, in [0, 1)
     * @param overlapThreshold the overlap below which a continuation is reported as ambiguous, in [0, 1]
     * @param rankTolerance    the numerical rank's tolerance relative to {@code sigma_max(A*)}, {@code >= 0}
     * @param cosineModes      how many leading target modes the cosines are recorded against, at least 1
     * @throws IllegalArgumentException if a setting is out of its range
     */
    public TrackerSettings {
        Arguments.check(Double.isFinite(clusterTolerance) && clusterTolerance >= 0 && clusterTolerance < 1,
                "clusterTolerance", clusterTolerance, "a relative gap in [0, 1)");
        Arguments.check(overlapThreshold >= 0 && overlapThreshold <= 1, "overlapThreshold", overlapThreshold,
                "an overlap in [0, 1]");
        Arguments.nonNegative("rankTolerance", rankTolerance);
        Arguments.atLeast("cosineModes", cosineModes, 1);
    }

    /**
     * The default settings.
     *
     * @return cluster tolerance {@value #DEFAULT_CLUSTER_TOLERANCE}, overlap threshold
     *         {@value #DEFAULT_OVERLAP_THRESHOLD}, rank tolerance {@value #DEFAULT_RANK_TOLERANCE}, cosines against
     *         {@value #DEFAULT_COSINE_MODES} target modes
     */
    public static TrackerSettings defaults() {
        return new TrackerSettings(DEFAULT_CLUSTER_TOLERANCE, DEFAULT_OVERLAP_THRESHOLD, DEFAULT_RANK_TOLERANCE,
                DEFAULT_COSINE_MODES);
    }

    /**
     * A copy with another cluster tolerance.
     *
     * @param value the relative gap, in [0, 1)
     * @return the new settings
     */
    public TrackerSettings withClusterTolerance(double value) {
        return new TrackerSettings(value, overlapThreshold, rankTolerance, cosineModes);
    }

    /**
     * A copy with another overlap threshold.
     *
     * @param value the overlap, in [0, 1]
     * @return the new settings
     */
    public TrackerSettings withOverlapThreshold(double value) {
        return new TrackerSettings(clusterTolerance, value, rankTolerance, cosineModes);
    }

    /**
     * A copy with another rank tolerance.
     *
     * @param value the tolerance relative to {@code sigma_max(A*)}, {@code >= 0}
     * @return the new settings
     */
    public TrackerSettings withRankTolerance(double value) {
        return new TrackerSettings(clusterTolerance, overlapThreshold, value, cosineModes);
    }

    /**
     * A copy with another number of target modes for the cosines.
     *
     * @param value at least 1
     * @return the new settings
     */
    public TrackerSettings withCosineModes(int value) {
        return new TrackerSettings(clusterTolerance, overlapThreshold, rankTolerance, value);
    }
}
