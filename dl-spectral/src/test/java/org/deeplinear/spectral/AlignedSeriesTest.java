package org.deeplinear.spectral;

import static org.deeplinear.core.TestSupport.outer;
import static org.deeplinear.core.TestSupport.rankOneOffTheBases;
import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.spectral.SpectralTestSupport.compose;
import static org.deeplinear.spectral.SpectralTestSupport.identity;
import static org.deeplinear.spectral.SpectralTestSupport.rotateColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * A wide map (3 x 5, p = 3) written in a random target's bases, {@code A = U* P V*^T} with
 * {@code P = R(t) diag(d) S(t)^T} (plane rotations at known rates): the aligned coordinates are {@code diag(P)},
 * the coupling {@code ||offdiag(P)||_F / ||P||_F}, and the tracked singular values are {@code d}.
 */
class AlignedSeriesTest {

    static final double[] D = {3, 2, 0.5};

    static double[][] p(double t) {
        double[][] r = rotateColumns(rotateColumns(identity(3), 0, 1, 0.4 * t), 1, 2, 0.2 * t);
        double[][] s = rotateColumns(identity(3), 0, 2, 0.3 * t);
        double[][] out = new double[3][3];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    out[i][j] += r[i][k] * D[k] * s[j][k];
                }
            }
        }
        return out;
    }

    @Test
    void alignedCoordinatesCouplingAndValuesOfAWideMap() {
        Target target = Target.random(3, 5, new double[] {4, 2, 1}, Seed.of(5));
        double[][] u = target.spectrum().leftVectors().toArray();
        double[][] v = target.spectrum().rightVectors().toArray();
        ModeTracker tracker = new ModeTracker(target);
        int samples = 21;
        for (int j = 0; j < samples; j++) {
            double t = 0.1 * j;
            double[][] pt = p(t);
            // A = U* P V*^T = sum_{a,b} P_ab u_a v_b^T
            double[][] a = new double[3][5];
            for (int x = 0; x < 3; x++) {
                for (int y = 0; y < 3; y++) {
                    Matrix term = compose(column(u, x), new double[] {pt[x][y]}, column(v, y));
                    for (int r = 0; r < 3; r++) {
                        for (int c = 0; c < 5; c++) {
                            a[r][c] += term.get(r, c);
                        }
                    }
                }
            }
            tracker.add(t, Matrix.of(a));
        }
        AlignedSeries series = tracker.alignedSeries();
        TrackedModes modes = tracker.trackedModes();
        assertEquals(3, series.modes());
        assertEquals(samples, series.samples());
        for (int j = 0; j < samples; j++) {
            double[][] pt = p(0.1 * j);
            double off = 0;
            double all = 0;
            for (int x = 0; x < 3; x++) {
                assertEquals(pt[x][x], series.mode(x)[j], 1e-12);
                assertEquals(pt[x][x], series.allModes()[x][j], 1e-12);
                assertEquals(D[x], modes.singularValues(x)[j], 1e-12);
                for (int y = 0; y < 3; y++) {
                    all += pt[x][y] * pt[x][y];
                    off += x == y ? 0 : pt[x][y] * pt[x][y];
                }
            }
            assertEquals(Math.sqrt(off / all), series.coupling()[j], 1e-12);
            assertEquals(0.1 * j, series.times()[j], 1e-15);
        }
        assertEquals(0, modes.ambiguities().size());
    }

    /**
     * The tracker's coupling counts the part of a map outside the target's bases, as dl-core's does (review of
     * 2026-12-08): {@code (0.3 u_0 + 0.8 e) v_0^T} (tall, e orthogonal to the left bases) and
     * {@code u_0 (0.3 v_0 + 0.8 f)^T} (wide) have coupling 0.8 / sqrt(0.73) (closed form), where only the
     * off-diagonal of {@code U*^T A V*} gave 0; the coordinates are formed before the SVD, which may overwrite A.
     */
    @Test
    void theCouplingOfATallOrWideMapCountsItsPartOutsideTheBases() {
        for (int[] shape : new int[][] {{5, 3}, {3, 5}}) {
            int m = shape[0];
            int n = shape[1];
            Target target = Target.random(m, n, new double[] {2, 1, 0.5}, Seed.of(7));
            double[][] vectors = rankOneOffTheBases(target, 0.3, 0.8);
            double[][] a = outer(vectors[0], vectors[1]);
            ModeTracker tracker = new ModeTracker(target);
            tracker.add(0, Matrix.of(a));
            assertEquals(0.8 / Math.sqrt(0.73), tracker.alignedSeries().coupling()[0], 1e-15, m + " x " + n);
            assertEquals(0.3, tracker.alignedSeries().mode(0)[0], 1e-15);
        }
    }

    private static double[][] column(double[][] m, int c) {
        double[][] out = new double[m.length][1];
        for (int i = 0; i < m.length; i++) {
            out[i][0] = m[i][c];
        }
        return out;
    }

    @Test
    void aModeOutsideTheTargetIsNamed() {
        // an index error before; TrackedModes names the same mistake (review of 2026-12-06)
        Target target = Target.random(3, 3, new double[] {2, 1}, Seed.of(9));
        ModeTracker tracker = new ModeTracker(target);
        tracker.add(0, target.matrix());
        AlignedSeries series = tracker.alignedSeries();
        assertOutOfRange("mode = 3: expected 0..2", () -> series.mode(3));
        assertOutOfRange("mode = -1: expected 0..2", () -> series.mode(-1));
    }
}
