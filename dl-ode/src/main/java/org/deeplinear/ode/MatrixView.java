package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.AlignedCoordinates;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;

/**
 * A view of a dynamics with an end-to-end map {@code A}: the loss, the aligned modes {@code u_i^T A v_i} (all at
 * once, {@code diag(U_p^T (A V_p))}, one {@code m x n x p} product through the product seam) and the coupling.
 */
abstract class MatrixView extends StateView {

    private final Target target;
    private final int m;
    private final int n;
    private final double[] sigmas;
    /** The product backend of the views' products. */
    protected final ProductBackend products;
    /** The end-to-end map of the current instant, row-major; valid after {@link #ensureMap()}. */
    protected final double[] endToEnd;
    private final DMatrixRMaj map;          // wraps endToEnd
    private AlignedBasis allModes;          // all p singular pairs, made with the first mode asked of the map
    private DMatrixRMaj mapTimesRight;      // A V_p, m x p
    private double[] mapModes;
    private boolean mapReady;
    private boolean mapModesReady;
    private double loss;

    MatrixView(Target target, ProductBackend products) {
        this.target = target;
        this.products = products;
        this.m = target.rows();
        this.n = target.cols();
        Spectrum spectrum = target.spectrum();
        int p = spectrum.size();
        sigmas = spectrum.singularValues();
        endToEnd = new double[m * n];
        map = DMatrixRMaj.wrap(m, n, endToEnd);
    }

    /** The target this view measures against. */
    protected final Target target() {
        return target;
    }

    /** Writes {@code A} of the current state into {@link #endToEnd} and returns the loss. */
    protected abstract double computeMap();

    @Override
    protected void invalidate() {
        mapReady = false;
        mapModesReady = false;
    }

    /** Whether the map of the current instant has been computed. */
    protected final boolean hasMap() {
        return mapReady;
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
        if (!mapModesReady) {
            if (allModes == null) {
                allModes = new AlignedBasis(target, sigmas.length);
                mapTimesRight = new DMatrixRMaj(m, sigmas.length);
                mapModes = new double[sigmas.length];
            }
            products.gemm(false, false, 1.0, map, allModes.right(), 0.0, mapTimesRight);
            allModes.diagonal(mapTimesRight.data, mapModes);
            mapModesReady = true;
        }
        return mapModes[i];
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
