package org.deeplinear.spectral;

import static org.deeplinear.spectral.SpectralTestSupport.compose;
import static org.deeplinear.spectral.SpectralTestSupport.identity;
import static org.deeplinear.spectral.SpectralTestSupport.leadingColumns;
import static org.deeplinear.spectral.SpectralTestSupport.rotateColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.OrthonormalFrames;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * A larger analytic sequence (80 x 60, p = 60): {@code A(t) = Q_U(t)[:, 0..59] diag(sigma(t)) Q_V(t)^T} with
 * {@code Q(t) = Q0 G_1(r_1 t) ... G_k(r_k t)}, a seeded random orthogonal {@code Q0} times plane rotations at known
 * rates, and values {@code sigma_k(t) = 0.1 (60 - k) + 0.1 (-1)^k t} (positive on [0, 0.6]) of which 29 pairs cross
 * near t = 0.5. The target has identity
 * bases, so the recorded cosines (against its 16 leading modes, the default) are entries of {@code Q(t)}.
 */
class ModeTrackerLargerTest {

    private static final int M = 80;
    private static final int N = 60;
    private static final double H = 0.0137;
    private static final int SAMPLES = 45;

    static double[] sigmas(double t) {
        double[] s = new double[N];
        for (int k = 0; k < N; k++) {
            s[k] = 0.1 * (N - k) + 0.1 * (k % 2 == 0 ? 1 : -1) * t;
        }
        return s;
    }

    private static final double[][] QU = OrthonormalFrames.random(M, M, Seed.of(1).newRandom()).toArray();
    private static final double[][] QV = OrthonormalFrames.random(N, N, Seed.of(2).newRandom()).toArray();

    static double[][] frame(double[][] q0, double t) {
        double[][] q = q0;
        for (int i = 0; i + 1 < q0.length; i += 2) {
            q = rotateColumns(q, i, i + 1, (0.3 + 0.01 * i) * t);
        }
        return q;
    }

    @Test
    void modesOfALargerMapKeepTheirIdentityAndCosines() {
        Target target = Target.fromSpectrum(sigmas(0), Matrix.of(leadingColumns(identity(M), N)),
                Matrix.of(identity(N)));
        ModeTracker tracker = new ModeTracker(target);
        double[][][] left = new double[SAMPLES][][];
        double[][][] right = new double[SAMPLES][][];
        double smallestGap = Double.POSITIVE_INFINITY;
        for (int j = 0; j < SAMPLES; j++) {
            double t = j * H;
            left[j] = frame(QU, t);
            right[j] = frame(QV, t);
            double[] sorted = sigmas(t);
            Arrays.sort(sorted);
            for (int k = 1; k < N; k++) {
                smallestGap = Math.min(smallestGap, (sorted[k] - sorted[k - 1]) / sorted[N - 1]);
            }
            tracker.add(t, compose(leadingColumns(left[j], N), sigmas(t), right[j]));
        }
        assertTrue(smallestGap > 1e-4, "precondition: smallest relative gap " + smallestGap);
        TrackedModes modes = tracker.trackedModes();
        assertTrue(modes.ambiguities().isEmpty(), modes.ambiguities()::toString);
        assertEquals(16, modes.targetModes());
        int moved = 0;
        for (int k = 0; k < N; k++) {
            double[] sigma = modes.singularValues(k);
            int[] position = modes.positions(k);
            // the sign at the first sample makes the largest target cosine positive; the construction's column
            // may point the other way, by one sign for the whole run
            int top = largest(left[0], k);
            double sign = Math.signum(modes.leftCosines(k, top)[0] * left[0][top][k]);
            for (int i = 0; i < 16; i++) {
                double[] lc = modes.leftCosines(k, i);
                double[] rc = modes.rightCosines(k, i);
                for (int j = 0; j < SAMPLES; j++) {
                    assertEquals(sign * left[j][i][k], lc[j], 1e-9);
                    assertEquals(sign * right[j][i][k], rc[j], 1e-9);
                }
            }
            for (int j = 0; j < SAMPLES; j++) {
                assertEquals(sigmas(j * H)[k], sigma[j], 1e-10);
                moved += position[j] != k ? 1 : 0;
            }
        }
        assertTrue(moved > 100, "position changes: " + moved);
    }

    /** The row i < 16 where column k of q has its largest magnitude. */
    private static int largest(double[][] q, int k) {
        int best = 0;
        for (int i = 1; i < 16; i++) {
            if (Math.abs(q[i][k]) > Math.abs(q[best][k])) {
                best = i;
            }
        }
        return best;
    }
}
