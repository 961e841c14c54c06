package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.AlignedCoordinates;
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
    private double[] projection;            // P = U*^T A V*, p x p, for coupling(); made on first use
    private double[] outside;               // the part of A outside the target's bases, for coupling(); likewise

    MatrixView(Target target, ProductBackend products) {
        this.target = target;
        this.products = products;
        this.m = target.rows();
        this.n = target.cols();
        sigmas = target.spectrum().singularValues();
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
        ensureMapModes();
        return mapModes[i];
    }

    /** Computes the map, {@code A V*} and all aligned modes of the current instant if not done yet. */
    private void ensureMapModes() {
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
    }

    /**
     * The share of {@code A} off its aligned modes, as {@link AlignedCoordinates#coupling()}, from the map's
     * {@code A V*} that the modes already formed, one {@code p x p} product for {@code P} and, for a map that is not
     * square, one more for its part outside the target's bases, into buffers of the view's (a coupling observer at
     * every sample allocated {@code A} twice and the bases' copies, 4.7 MB at n = 256).
     */
    @Override
    public double coupling() {
        ensureMap();
        for (double x : endToEnd) {
            if (!Double.isFinite(x)) {
                return Double.NaN;
            }
        }
        ensureMapModes();
        int p = sigmas.length;
        if (projection == null) {
            projection = new double[p * p];
            outside = new double[AlignedCoordinates.outsideSize(m, n)];
        }
        products.gemm(true, false, p, p, m, 1.0, allModes.left(), 0, mapTimesRight.data, 0, 0.0, projection, 0);
        return AlignedCoordinates.coupling(products, m, n, endToEnd, allModes.left(), allModes.right().data,
                mapTimesRight.data, projection, outside);
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
