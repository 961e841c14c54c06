package org.deeplinear.core.target;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A map {@code A} (m x n) seen in its target's singular bases: the projection {@code P = U*^T A V*} (p x p,
 * {@code p = min(m, n)}). Its diagonal holds the aligned modes {@code s_i = u_i^T A v_i}; the rest is coupling
 * between modes, zero when {@code A} shares the target's singular vectors. Computed with two products, no SVD.
 *
 * <p>Immutable.
 */
public final class AlignedCoordinates {

    private final Matrix projection;

    private AlignedCoordinates(Matrix projection) {
        this.projection = projection;
    }

    /**
     * The aligned coordinates of a map.
     *
     * @param target the target whose bases are used
     * @param map    the map {@code A}, of the target's shape
     * @return {@code P = U*^T A V*}
     * @throws IllegalArgumentException if the shapes differ, or if {@code P} (or {@code A V*} on the way) is not finite
     *                                  in doubles (a map near the largest double), naming {@code map}
     */
    public static AlignedCoordinates of(Target target, Matrix map) {
        Arguments.notNull("target", target);
        Arguments.notNull("map", map);
        Arguments.check(map.hasShape(target.rows(), target.cols()), "map", map.shape(),
                "the target's shape " + target.matrix().shape());
        ProductBackend products = ProductBackends.preferred();
        DMatrixRMaj uStar = target.spectrum().leftVectors().toDMatrix();
        DMatrixRMaj vStar = target.spectrum().rightVectors().toDMatrix();
        DMatrixRMaj av = new DMatrixRMaj(map.rows(), vStar.numCols);
        products.gemm(false, false, 1.0, map.toDMatrix(), vStar, 0.0, av);
        DMatrixRMaj p = new DMatrixRMaj(uStar.numCols, vStar.numCols);
        products.gemm(true, false, 1.0, uStar, av, 0.0, p);
        for (double x : p.data) {
            if (!Double.isFinite(x)) {
                // (review of dl-core, 2026-12-07: "P[0][0] = NaN" named an internal matrix, from inf - inf in A V*)
                throw Arguments.fail("map", map.shape() + " of largest entry "
                        + CommonOps_DDRM.elementMaxAbs(map.toDMatrix()),
                        "a map whose aligned coordinates U*^T A V* are finite in doubles");
            }
        }
        return new AlignedCoordinates(Matrix.copyOf("P", p));
    }

    /**
     * The projection {@code P = U*^T A V*}.
     *
     * @return the p x p matrix
     */
    public Matrix projection() {
        return projection;
    }

    /**
     * One aligned mode, {@code s_i = u_i^T A v_i}.
     *
     * @param i the mode, 0-based, in the target's order (descending sigma)
     * @return {@code P_ii}
     * @throws IndexOutOfBoundsException if {@code i} is not a mode, {@code 0 <= i < p}
     */
    public double mode(int i) {
        Arguments.index("i", i, 0, projection.rows() - 1);
        return projection.get(i, i);
    }

    /**
     * All aligned modes, the diagonal of {@code P}.
     *
     * @return a new array of p values
     */
    public double[] modes() {
        double[] s = new double[projection.rows()];
        for (int i = 0; i < s.length; i++) {
            s[i] = projection.get(i, i);
        }
        return s;
    }

    /**
     * The coupling {@code ||offdiag(P)||_F / ||P||_F}: 0 for a map aligned with the target's bases, up to 1 for
     * one with nothing on the diagonal. 0 when {@code P = 0}.
     *
     * @return the relative off-diagonal mass, in [0, 1]
     */
    public double coupling() {
        int p = projection.rows();
        double[] all = new double[p * p];
        projection.copyTo(all, 0);
        return coupling(all, p);
    }

    /**
     * The coupling {@code ||offdiag(P)||_F / ||P||_F} of a projection given as an array (0 when {@code P = 0}):
     * what {@link #coupling()} computes, for callers that form {@code P} in buffers of their own at every sample.
     * Both norms are taken after scaling {@code P} by the power of two that brings its largest entry to [1, 2)
     * (exact), so the ratio is right wherever it is defined, also where {@code ||P||_F} itself overflows.
     *
     * @param projection {@code P}, row-major, at least {@code p * p} entries (not modified)
     * @param p          the number of modes, at least 0
     * @return the relative off-diagonal mass, in [0, 1]; NaN if an entry of {@code P} is not finite
     * @throws IllegalArgumentException if {@code projection} is null or shorter than {@code p * p}, or {@code p < 0}
     */
    public static double coupling(double[] projection, int p) {
        Arguments.notNull("projection", projection);
        if (p < 0 || (long) p * p > projection.length) {
            throw Arguments.fail("p", p, "a number of modes with 0 <= p * p <= projection.length = "
                    + projection.length);
        }
        double largest = 0;
        for (int k = 0; k < p * p; k++) {
            largest = Math.max(largest, Math.abs(projection[k]));
        }
        if (largest == 0) {
            return 0.0;
        }
        if (!(largest < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        // scaled entries are at most 2 in size (the largest in [1, 2)): plain sums of squares neither overflow nor
        // lose anything but squares below 2^-1022 of the largest one's
        double scale = Math.scalb(1.0, -Math.getExponent(largest));
        double off = 0;
        double diagonal = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double x = projection[i * p + j] * scale;
                if (i == j) {
                    diagonal += x * x;
                } else {
                    off += x * x;
                }
            }
        }
        return Math.sqrt(off / (off + diagonal));
    }
}
