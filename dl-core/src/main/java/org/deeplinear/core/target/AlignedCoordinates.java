package org.deeplinear.core.target;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A map {@code A} (m x n) seen in its target's singular bases: the projection {@code P = U*^T A V*} (p x p,
 * {@code p = min(m, n)}). Its diagonal holds the aligned modes {@code s_i = u_i^T A v_i}; the rest of {@code A} is
 * off its aligned modes: coupling between modes (off the diagonal of {@code P}) and, for a map that is not square,
 * the part outside the target's bases ({@code p} pairs span only the shorter side), zero when {@code A} shares the
 * target's singular vectors. Computed with products, no SVD.
 *
 * <p>Immutable.
 */
public final class AlignedCoordinates {

    private final Matrix projection;
    private final double coupling;

    private AlignedCoordinates(Matrix projection, double coupling) {
        this.projection = projection;
        this.coupling = coupling;
    }

    /**
     * The aligned coordinates of a map.
     *
     * @param target the target whose bases are used
     * @param map    the map {@code A}, of the target's shape
     * @return {@code P = U*^T A V*}, and the coupling
     * @throws IllegalArgumentException if the shapes differ, or if {@code P} (or {@code A V*} on the way) is not
     *                                  finite in doubles (a map near the largest double), naming {@code map}
     */
    public static AlignedCoordinates of(Target target, Matrix map) {
        Arguments.notNull("target", target);
        Arguments.notNull("map", map);
        Arguments.check(map.hasShape(target.rows(), target.cols()), "map", map.shape(),
                "the target's shape " + target.matrix().shape());
        ProductBackend products = ProductBackends.preferred();
        DMatrixRMaj a = map.toDMatrix();
        DMatrixRMaj uStar = target.spectrum().leftVectors().toDMatrix();
        DMatrixRMaj vStar = target.spectrum().rightVectors().toDMatrix();
        DMatrixRMaj p = new DMatrixRMaj(uStar.numCols, vStar.numCols);
        DMatrixRMaj av = new DMatrixRMaj(a.numRows, vStar.numCols);
        products.gemm(false, false, 1.0, a, vStar, 0.0, av);
        products.gemm(true, false, 1.0, uStar, av, 0.0, p);
        if (!allFinite(p.data, p.data.length)) {
            // (review of dl-core, 2026-12-07: "P[0][0] = NaN" named an internal matrix, from inf - inf in A V*)
            throw Arguments.fail("map", map.shape() + " of largest entry " + CommonOps_DDRM.elementMaxAbs(a),
                    "a map whose aligned coordinates U*^T A V* are finite in doubles");
        }
        double[] outside = new double[outsideSize(map.rows(), map.cols())];
        double coupling = coupling(products, a.numRows, a.numCols, a.data, uStar.data, vStar.data, av.data, p.data,
                outside);
        return new AlignedCoordinates(Matrix.copyOf("P", p), coupling);
    }

    private static boolean allFinite(double[] values, int count) {
        for (int k = 0; k < count; k++) {
            if (!Double.isFinite(values[k])) {
                return false;
            }
        }
        return true;
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
     * The coupling: the share of {@code A} off its aligned modes, {@code ||A - sum_i s_i u_i v_i^T||_F / ||A||_F},
     * whose square is {@code (||offdiag(P)||_F^2 + ||R||_F^2) / (||P||_F^2 + ||R||_F^2)} for the part {@code R} of
     * {@code A} outside the target's bases ({@code R = A - U* P V*^T}; 0 for a square map, where the coupling is
     * {@code ||offdiag(P)||_F / ||P||_F}). 0 for a map aligned with the target's bases, up to 1 for one with nothing
     * on the diagonal of {@code P}; 0 when {@code A = 0}.
     *
     * @return the relative mass off the aligned modes, in [0, 1]
     */
    public double coupling() {
        return coupling;
    }

    /**
     * The size of the buffer {@link #coupling(ProductBackend, int, int, double[], double[], double[], double[],
     * double[], double[])} takes for the part of an m x n map outside the target's bases: {@code m n}, or 0 for a
     * square map.
     *
     * @param m rows of the map, at least 1
     * @param n columns of the map, at least 1
     * @return {@code m n}, or 0 where {@code m = n}
     * @throws IllegalArgumentException if {@code m} or {@code n} is below 1
     */
    public static int outsideSize(int m, int n) {
        Arguments.atLeast("m", m, 1);
        Arguments.atLeast("n", n, 1);
        if (m != n && (long) m * n > Integer.MAX_VALUE) {
            // (Math.multiplyExact's bare ArithmeticException; review of 2026-12-08)
            throw Arguments.fail("m n", (long) m * n, "at most " + Integer.MAX_VALUE + " entries (an array's)");
        }
        return m == n ? 0 : m * n;
    }

    /**
     * The coupling of a map whose {@code A V*} and {@code P = U*^T A V*} the caller has formed, in buffers of its own:
     * what {@link #coupling()} is, for views and trackers that form {@code P} at every sample. For a map that is not
     * square it forms the part outside the target's bases into {@code outside} with one product through
     * {@code products}, and allocates nothing with the library's backends; where that part overflows while the map
     * does not (entries near the largest double), it is formed again from the map scaled by a power of two (exact
     * bar entries 2^-1022 below the largest; allocates copies), since the coupling does not depend on the scale.
     *
     * @param products      the backend of the product
     * @param m             rows of the map, at least 1
     * @param n             columns of the map, at least 1
     * @param map           {@code A}, m x n row-major (Not modified)
     * @param leftVectors   {@code U*}, m x p row-major, {@code p = min(m, n)} (Not modified)
     * @param rightVectors  {@code V*}, n x p row-major (Not modified)
     * @param mapTimesRight {@code A V*}, m x p row-major (Not modified)
     * @param projection    {@code P = U*^T A V*}, p x p row-major (Not modified)
     * @param outside       a buffer of at least {@link #outsideSize outsideSize(m, n)} entries, not null (empty for a
     *                      square map) (Modified: the part outside the bases, or that of the scaled map)
     * @return the relative mass off the aligned modes, in [0, 1]; 0 when every entry is 0; NaN if an entry of
     *         {@code P} or of the part outside the bases is not finite (formed from {@code A V*} and {@code P} for a
     *         tall map and from {@code A} for a wide one; a square map's is {@code P} alone: {@code A} is read only
     *         where it is wide, or where the outside part overflows)
     * @throws IllegalArgumentException if {@code m} or {@code n} is below 1, or an argument is null or an array
     *                                  shorter than its shape (each named)
     */
    public static double coupling(ProductBackend products, int m, int n, double[] map, double[] leftVectors,
            double[] rightVectors, double[] mapTimesRight, double[] projection, double[] outside) {
        int count = outsideSize(m, n);
        int p = Math.min(m, n);
        // each argument named (review of 2026-12-08: nulls and short arrays failed bare or named the backend's "a")
        Arguments.notNull("products", products);
        Arguments.entries("map", map, (long) m * n);
        Arguments.entries("leftVectors", leftVectors, (long) m * p);
        Arguments.entries("rightVectors", rightVectors, (long) n * p);
        Arguments.entries("mapTimesRight", mapTimesRight, (long) m * p);
        Arguments.entries("projection", projection, (long) p * p);
        Arguments.entries("outside", outside, count);
        outside(products, m, n, map, leftVectors, rightVectors, mapTimesRight, projection, outside);
        if (allFinite(outside, count) || !allFinite(projection, p * p)) {
            return coupling(projection, p, outside, count);
        }
        // near the largest double the part outside the bases can overflow where P does not (review of 2026-12-08:
        // a 1 x 2 map of entries 1.7e308 was refused)
        double largest = 0;
        for (int k = 0; k < m * n; k++) {
            largest = Math.max(largest, Math.abs(map[k]));
        }
        if (!(largest < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double scale = Math.scalb(1.0, -Math.getExponent(largest));
        double[] scaledMap = scaled(map, m * n, scale);
        double[] scaledProjection = scaled(projection, p * p, scale);
        outside(products, m, n, scaledMap, leftVectors, rightVectors, scaled(mapTimesRight, m * p, scale),
                scaledProjection, outside);
        return coupling(scaledProjection, p, outside, count);
    }

    private static double[] scaled(double[] values, int count, double scale) {
        double[] copy = new double[count];
        for (int k = 0; k < count; k++) {
            copy[k] = values[k] * scale;
        }
        return copy;
    }

    /**
     * The part {@code R = A - U* P V*^T} of a map outside its target's singular bases, turned by an orthogonal map
     * so that its entries have {@code R}'s Frobenius norm, for the coupling:
     * for a tall map ({@code m > n}, {@code V*} square) {@code R V* = A V* - U* P}, m x n; for a wide one
     * ({@code m < n}, {@code U*} square) {@code R = A - (A V*) V*^T}, m x n; nothing for a square map, whose bases
     * are whole ({@code R = 0}). Formed from what the coordinates are formed from, with one product through
     * {@code products}, into a buffer of the caller's (allocates nothing with the library's backends): how views and
     * trackers that form {@code P} at every sample measure the coupling. Entries of an aligned map are rounding,
     * within about {@code 1e-15 ||A||_F}; that of a map at the largest doubles may be infinite.
     *
     * @param products      the backend of the product
     * @param m             rows of the map
     * @param n             columns of the map
     * @param map           {@code A}, m x n row-major (Not modified)
     * @param leftVectors   {@code U*}, m x p row-major (Not modified)
     * @param rightVectors  {@code V*}, n x p row-major (Not modified)
     * @param mapTimesRight {@code A V*}, m x p row-major (Not modified)
     * @param projection    {@code P = U*^T A V*}, p x p row-major (Not modified)
     * @param out           receives the {@link #outsideSize outsideSize(m, n)} entries (Modified)
     */
    private static void outside(ProductBackend products, int m, int n, double[] map, double[] leftVectors,
            double[] rightVectors, double[] mapTimesRight, double[] projection, double[] out) {
        // (the arguments checked by the coupling, its one caller)
        int size = m == n ? 0 : m * n;
        if (m > n) {
            System.arraycopy(mapTimesRight, 0, out, 0, size);
            products.gemm(false, false, m, n, n, -1.0, leftVectors, 0, projection, 0, 1.0, out, 0);
        } else if (m < n) {
            System.arraycopy(map, 0, out, 0, size);
            products.gemm(false, true, m, n, m, -1.0, mapTimesRight, 0, rightVectors, 0, 1.0, out, 0);
        }
    }

    /**
     * The coupling of a projection and an outside part given as arrays: what {@link #coupling()} computes, from
     * {@code P} and the part {@code outside} forms. All the norms are
     * taken after scaling by the power of two that brings the largest entry to [1, 2) (exact), so the ratio is right
     * wherever it is defined, also where {@code ||A||_F} itself overflows.
     *
     * @param projection {@code P}, row-major, at least {@code p * p} entries (Not modified)
     * @param p          the number of modes, at least 0
     * @param outside    the outside part's entries, at least {@code count} (Not modified)
     * @param count      how many entries of {@code outside} to read: {@link #outsideSize}, 0 for a square map
     * @return the relative mass off the aligned modes, in [0, 1]; 0 when every entry is 0; NaN if an entry read is
     *         not finite
     * @throws IllegalArgumentException if an array is null or shorter than said, or {@code p} or {@code count} is
     *                                  negative
     */
    static double coupling(double[] projection, int p, double[] outside, int count) {
        Arguments.notNull("projection", projection);
        if (p < 0 || (long) p * p > projection.length) {
            throw Arguments.fail("p", p, "a number of modes with 0 <= p * p <= projection.length = "
                    + projection.length);
        }
        Arguments.notNull("outside", outside);
        if (count < 0 || count > outside.length) {
            throw Arguments.fail("count", count, "0..outside.length = " + outside.length);
        }
        double largest = 0;
        for (int k = 0; k < p * p; k++) {
            largest = Math.max(largest, Math.abs(projection[k]));
        }
        for (int k = 0; k < count; k++) {
            largest = Math.max(largest, Math.abs(outside[k]));
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
        for (int k = 0; k < count; k++) {
            double x = outside[k] * scale;
            off += x * x;
        }
        return Math.sqrt(off / (off + diagonal));
    }
}
