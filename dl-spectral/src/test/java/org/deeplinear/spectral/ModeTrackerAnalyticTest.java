package org.deeplinear.spectral;

import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.spectral.SpectralTestSupport.compose;
import static org.deeplinear.spectral.SpectralTestSupport.identity;
import static org.deeplinear.spectral.SpectralTestSupport.leadingColumns;
import static org.deeplinear.spectral.SpectralTestSupport.rotateColumns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An analytic sequence {@code A(t) = R_U(t)[:, 0..3] diag(sigma(t)) R_V(t)^T} (5 x 4) whose singular vectors are
 * the columns of products of plane rotations turning at known rates, and whose singular values cross four times.
 * The target has identity bases ({@code U* = I[:, 0..3]}, {@code V* = I}), so the expected cosines are entries of
 * the rotations: {@code u*_i^T u_k(t) = R_U(t)[i][k]}. Every expected number is this construction evaluated in
 * double precision; the tolerance 1e-10 is the issue's. Each check runs on both SVD solvers (EJML and, where a
 * native LAPACK is present, {@code dgesdd}).
 */
class ModeTrackerAnalyticTest {

    private static final double H = 0.01;
    private static final int SAMPLES = 131; // t in [0, 1.3]

    static double[] sigmas(double t) {
        return new double[] {3 - 2.1 * t, 1 + t, 0.5 + 0.2 * Math.sin(3 * t), 0.1 + 0.5 * t};
    }

    static double[][] leftRotation(double t) {
        double[][] r = identity(5);
        r = rotateColumns(r, 0, 1, 0.7 * t);
        r = rotateColumns(r, 1, 2, 1.1 * t);
        r = rotateColumns(r, 3, 4, 0.4 * t);
        return rotateColumns(r, 2, 3, 0.9 * t);
    }

    static double[][] rightRotation(double t) {
        double[][] r = identity(4);
        r = rotateColumns(r, 0, 2, 0.5 * t);
        r = rotateColumns(r, 1, 3, 1.3 * t);
        return rotateColumns(r, 0, 1, 0.8 * t);
    }

    static Matrix map(double t) {
        return compose(leadingColumns(leftRotation(t), 4), sigmas(t), rightRotation(t));
    }

    static Target target() {
        return Target.fromSpectrum(new double[] {4, 3, 2, 1}, Matrix.of(leadingColumns(identity(5), 4)),
                Matrix.of(identity(4)));
    }

    static ModeTracker tracked(String solver) {
        ModeTracker tracker = new ModeTracker(target(), TrackerSettings.defaults(), solver);
        for (int j = 0; j < SAMPLES; j++) {
            tracker.add(j * H, map(j * H));
        }
        return tracker;
    }

    @Test
    void theConstructionHasCrossingsButNoSampleWithinTheClusterTolerance() {
        // precondition of the other tests: the values cross (so position != identity somewhere), yet every sample
        // keeps them apart by far more than clusterTolerance * sigma_max
        int crossings = 0;
        double smallestGap = Double.POSITIVE_INFINITY;
        for (int j = 0; j < SAMPLES; j++) {
            double[] s = sigmas(j * H);
            double[] sorted = s.clone();
            Arrays.sort(sorted);
            for (int k = 1; k < 4; k++) {
                smallestGap = Math.min(smallestGap, (sorted[k] - sorted[k - 1]) / sorted[3]);
            }
            if (j > 0) {
                double[] before = sigmas((j - 1) * H);
                for (int a = 0; a < 4; a++) {
                    for (int b = a + 1; b < 4; b++) {
                        if (Math.signum(before[a] - before[b]) != Math.signum(s[a] - s[b])) {
                            crossings++;
                        }
                    }
                }
            }
        }
        // sigma_0 x sigma_1 near t = 0.645, sigma_2 x sigma_3 near 0.93, sigma_0 x sigma_3 near 1.115,
        // sigma_0 x sigma_2 near 1.245 (sign changes of the differences between consecutive samples)
        assertEquals(4, crossings);
        assertTrue(smallestGap > 1e-3, "smallest relative gap " + smallestGap);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.deeplinear.spectral.SpectralTestSupport#solvers")
    void oneSamplesSingularValuesAreTheConstructionsSorted(String solver) {
        ModeTracker tracker = tracked(solver);
        for (int j : new int[] {0, 64, SAMPLES - 1}) {
            double[] expected = sigmas(j * H);   // the construction's values, largest first
            Arrays.sort(expected);
            double[] descending = {expected[3], expected[2], expected[1], expected[0]};
            assertArrayEquals(descending, tracker.singularValues(j), 1e-12, "sample " + j);
        }
        // a copy: changing it changes nothing in the tracker
        tracker.singularValues(0)[0] = -1;
        assertTrue(tracker.singularValues(0)[0] > 0);
        assertOutOfRange("sample = " + SAMPLES + ": expected 0.." + (SAMPLES - 1),
                () -> tracker.singularValues(SAMPLES));
        assertOutOfRange("sample = -1: expected 0.." + (SAMPLES - 1), () -> tracker.singularValues(-1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.deeplinear.spectral.SpectralTestSupport#solvers")
    void modesKeepTheirIdentityAcrossCrossings(String solver) {
        TrackedModes modes = tracked(solver).trackedModes();
        assertEquals(4, modes.modes());
        boolean positionChanged = false;
        for (int k = 0; k < 4; k++) {
            double[] sigma = modes.singularValues(k);
            int[] position = modes.positions(k);
            for (int j = 0; j < SAMPLES; j++) {
                assertEquals(sigmas(j * H)[k], sigma[j], 1e-10, "mode " + k + " sample " + j);
                positionChanged |= position[j] != k;
            }
        }
        // the positions in descending order do change: following them instead of the overlaps would swap
        assertTrue(positionChanged);
        assertTrue(modes.ambiguities().isEmpty(), () -> modes.ambiguities().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.deeplinear.spectral.SpectralTestSupport#solvers")
    void cosinesMatchTheRotationsWithoutSignFlips(String solver) {
        TrackedModes modes = tracked(solver).trackedModes();
        assertEquals(4, modes.targetModes());
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 4; i++) {
                double[] left = modes.leftCosines(k, i);
                double[] right = modes.rightCosines(k, i);
                double[] alignment = modes.alignments(k, i);
                for (int j = 0; j < SAMPLES; j++) {
                    double t = j * H;
                    double u = leftRotation(t)[i][k];
                    double v = rightRotation(t)[i][k];
                    assertEquals(u, left[j], 1e-10, "u*_" + i + " . u_" + k + " at sample " + j);
                    assertEquals(v, right[j], 1e-10, "v*_" + i + " . v_" + k + " at sample " + j);
                    assertEquals(u * v, alignment[j], 1e-10);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.deeplinear.spectral.SpectralTestSupport#solvers")
    void latestVectorsAreTheRotatedColumns(String solver) {
        ModeTracker tracker = tracked(solver);
        double t = (SAMPLES - 1) * H;
        for (int k = 0; k < 4; k++) {
            double[] u = tracker.leftVector(k);
            double[] v = tracker.rightVector(k);
            for (int i = 0; i < 5; i++) {
                assertEquals(leftRotation(t)[i][k], u[i], 1e-10);
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(rightRotation(t)[i][k], v[i], 1e-10);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.deeplinear.spectral.SpectralTestSupport#solvers")
    void alignedCoordinatesAreTheConstructionsDiagonal(String solver) {
        // s_i = u*_i^T A v*_i = sum_k R_U[i][k] sigma_k R_V[i][k]
        AlignedSeries series = tracked(solver).alignedSeries();
        for (int i = 0; i < 4; i++) {
            double[] s = series.mode(i);
            for (int j = 0; j < SAMPLES; j++) {
                double t = j * H;
                double expected = 0;
                for (int k = 0; k < 4; k++) {
                    expected += leftRotation(t)[i][k] * sigmas(t)[k] * rightRotation(t)[i][k];
                }
                assertEquals(expected, s[j], 1e-12);
            }
        }
        // at t = 0 the map is diagonal in the target's bases: no coupling; later it is not
        double[] coupling = series.coupling();
        assertEquals(0, coupling[0], 1e-15);
        assertTrue(coupling[SAMPLES - 1] > 0.1);
    }
}
