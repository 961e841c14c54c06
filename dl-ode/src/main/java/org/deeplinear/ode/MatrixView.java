package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.target.AlignedCoordinates;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;

/**
 * A view of a dynamics with an end-to-end map {@code A}: the loss, the aligned modes {@code u_i^T A v_i} (computed
 * one at a time, {@code O(m n)} each, from the target's singular vectors) and the coupling.
 */
abstract class MatrixView extends StateView {

    private final Target target;
    private final int m;
    private final int n;
    private final double[][] left;  // left[i] = u_i
    private final double[][] right; // right[i] = v_i
    private final double[] sigmas;
    /** The end-to-end map of the current instant, row-major; valid after {@link #ensureMap()}. */
    protected final double[] endToEnd;
    private boolean mapReady;
    private double loss;

    MatrixView(Target target) {
        this.target = target;
        this.m = target.rows();
        this.n = target.cols();
        Spectrum spectrum = target.spectrum();
        int p = spectrum.size();
        left = new double[p][];
        right = new double[p][];
        for (int i = 0; i < p; i++) {
            left[i] = spectrum.leftVector(i);
            right[i] = spectrum.rightVector(i);
        }
        sigmas = spectrum.singularValues();
        endToEnd = new double[m * n];
    }

    /** Writes {@code A} of the current state into {@link #endToEnd} and returns the loss. */
    protected abstract double computeMap();

    @Override
    protected void invalidate() {
        mapReady = false;
    }

    /** Whether the map of the current instant has been computed. */
    protected final boolean hasMap() {
        return mapReady;
    }

    /** The left singular vector {@code u_i} (not to be modified). */
    protected final double[] leftVector(int i) {
        return left[i];
    }

    /** The right singular vector {@code v_i} (not to be modified). */
    protected final double[] rightVector(int i) {
        return right[i];
    }

    /** Computes the map and loss of the current instant if not done yet. */
    protected final void ensureMap() {
        if (!mapReady) {
            loss = computeMap();
            mapReady = true;
        }
    }

    @Override
    public double loss() {
        ensureMap();
        return loss;
    }

    @Override
    public int modeCount() {
        return sigmas.length;
    }

    @Override
    public double sigma(int i) {
        checkMode(i);
        return sigmas[i];
    }

    @Override
    public double mode(int i) {
        checkMode(i);
        ensureMap();
        double[] u = left[i];
        double[] v = right[i];
        double s = 0;
        for (int r = 0; r < m; r++) {
            double ur = u[r];
            if (ur == 0) {
                continue;
            }
            double row = 0;
            int base = r * n;
            for (int c = 0; c < n; c++) {
                row += endToEnd[base + c] * v[c];
            }
            s += ur * row;
        }
        return s;
    }

    @Override
    public double coupling() {
        Optional<Matrix> a = endToEnd();
        return a.isPresent() ? AlignedCoordinates.of(target, a.get()).coupling() : Double.NaN;
    }

    @Override
    public Optional<Matrix> endToEnd() {
        ensureMap();
        for (double x : endToEnd) {
            if (!Double.isFinite(x)) {
                return Optional.empty();
            }
        }
        return Optional.of(Matrix.fromRowMajor("A", m, n, endToEnd));
    }
}
