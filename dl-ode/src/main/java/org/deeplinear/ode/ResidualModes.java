package org.deeplinear.ode;

import org.deeplinear.core.model.GradientEngine;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;

/**
 * All aligned modes of a target at once from the residual {@code G = A - A*} a {@link GradientEngine} already
 * holds: {@code s_i = u_i^T G v_i + sigma_i} (since {@code u_i^T A* v_i = sigma_i}), as the peer's descent counts
 * them. One {@code m x n x p} product {@code G V_p} through the product seam into a preallocated buffer, then
 * {@code p} dot products with the columns of {@code U_p}, {@code p} the modes tracked (at most the target's
 * {@code min(m, n)} singular pairs, zero ones included): {@code O(m n p)} flops in
 * a product instead of {@code 2 p} latency-bound matrix-vector reductions over every layer, and nothing allocated.
 * For any depth, since the residual is of the end-to-end map.
 */
final class ResidualModes {

    private final ProductBackend products;
    private final int p;
    private final double[] sigmas;
    private final DMatrixRMaj residual; // G, m x n
    private final DMatrixRMaj right;    // V_p, n x p
    private final DMatrixRMaj image;    // G V_p, m x p
    private final double[] left;        // U_p, m x p row-major

    /**
     * Prepares the buffers for the first {@code count} modes.
     *
     * @param count how many modes, {@code 0 <= count <= target.spectrum().size()}
     */
    ResidualModes(Target target, ProductBackend products, int count) {
        this.products = products;
        int m = target.rows();
        int n = target.cols();
        Spectrum spectrum = target.spectrum();
        p = count;
        sigmas = spectrum.singularValues();
        residual = new DMatrixRMaj(m, n);
        right = new DMatrixRMaj(n, Math.max(p, 1));
        image = new DMatrixRMaj(m, Math.max(p, 1));
        left = new double[m * p];
        for (int i = 0; i < p; i++) {
            double[] u = spectrum.leftVector(i);
            double[] v = spectrum.rightVector(i);
            for (int r = 0; r < m; r++) {
                left[r * p + i] = u[r];
            }
            for (int c = 0; c < n; c++) {
                right.data[c * right.numCols + i] = v[c];
            }
        }
    }

    /** The number of modes {@code p} computed. */
    int count() {
        return p;
    }

    /**
     * Writes {@code s_i = u_i^T G v_i + sigma_i}, {@code i < p}, of the state of the engine's last
     * {@code forward} or {@code evaluate} call.
     *
     * @param engine the engine, after an evaluation of the state whose modes are wanted (not modified)
     * @param out    the modes, of length at least {@code p} (Modified)
     */
    void compute(GradientEngine engine, double[] out) {
        if (p == 0) {
            return;
        }
        engine.copyResidual(residual.data);
        products.gemm(false, false, 1.0, residual, right, 0.0, image);
        double[] gv = image.data;
        for (int i = 0; i < p; i++) {
            out[i] = 0.0;
        }
        int m = residual.numRows;
        for (int r = 0; r < m; r++) {
            int base = r * p;
            for (int i = 0; i < p; i++) {
                out[i] += left[base + i] * gv[base + i];
            }
        }
        for (int i = 0; i < p; i++) {
            out[i] += sigmas[i];
        }
    }
}
