package org.deeplinear.spectral;

import java.util.List;
import org.deeplinear.core.Arguments;

/**
 * A run of consecutive samples over which a set of tracked modes could not be told apart: instead of guessing,
 * the {@link ModeTracker} tracked their common subspace (or the best continuation it had) and says so here.
 *
 * @param reason      why the modes are ambiguous
 * @param modes       the tracked modes concerned (identities, ascending; immutable)
 * @param firstSample the first sample of the run
 * @param lastSample  the last sample of the run, {@code >= firstSample}
 * @param firstTime   the time of the first sample
 * @param lastTime    the time of the last sample
 */
public record Ambiguity(Reason reason, List<Integer> modes, int firstSample, int lastSample, double firstTime,
        double lastTime) {

    /** Why modes are ambiguous. */
    public enum Reason {
        /**
         * Their singular values are within the cluster tolerance of each other: the singular vectors of a
         * (nearly) repeated value are not defined individually, only their subspace is. The tracked vectors are
         * the basis of that subspace closest to the previous sample's (orthogonal Procrustes), and each mode's
         * value is its Rayleigh quotient {@code u^T A v}.
         */
        CLOSE_VALUES,
        /**
         * A mode's overlap with what it was continued into fell below the overlap threshold: between two samples
         * the modes moved too far to say which became which.
         */
        WEAK_OVERLAP
    }

    /**
     * Validates and freezes the report.
     *
     * @param reason      why the modes are ambiguous
     * @param modes       the tracked modes concerned (copied)
     * @param firstSample the first sample of the run
     * @param lastSample  the last sample of the run
     * @param firstTime   the time of the first sample
     * @param lastTime    the time of the last sample
     * @throws IllegalArgumentException if the reason, the modes or one of them is null (named by its index), or the
     *                                  samples are out of order
     */
    public Ambiguity {
        Arguments.notNull("reason", reason);
        modes = Arguments.nonNullElements("modes", modes);
        Arguments.check(firstSample >= 0 && lastSample >= firstSample, "samples", firstSample + ".." + lastSample,
                "0 <= firstSample <= lastSample");
    }
}
