package org.deeplinear.core.target;

import java.util.Arrays;
import java.util.Random;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.OrthonormalFrames;
import org.deeplinear.core.Seed;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The target map {@code A*} (m x n) that the network learns, with its {@link Spectrum} computed once at
 * construction. Immutable and safe to share.
 *
 * <p>Three ways to build one: {@link #of(Matrix)} from its entries (the spectrum by SVD),
 * {@link #fromSpectrum(double[], Matrix, Matrix)} from singular values and orthonormal bases, and
 * {@link #random(int, int, double[], Seed)} with given singular values and seeded random bases.
 */
public final class Target {

    /** Tolerance on {@code max |Q^T Q - I|} for user-supplied singular bases ({@link OrthonormalFrames#TOLERANCE}). */
    public static final double ORTHONORMAL_TOLERANCE = OrthonormalFrames.TOLERANCE;

    private final Matrix matrix;
    private final Spectrum spectrum;

    private Target(Matrix matrix, Spectrum spectrum) {
        this.matrix = matrix;
        this.spectrum = spectrum;
    }

    /**
     * A target from its entries; its spectrum is computed by EJML's SVD and sorted descending.
     *
     * @param matrix the map {@code A*} (m x n, finite entries)
     * @return the target
     * @throws IllegalArgumentException if {@code matrix} is null, or its largest singular value overflows (entries
     *                                  near {@code Double.MAX_VALUE} whose {@code ||A*||_2} is not a double)
     */
    public static Target of(Matrix matrix) {
        Arguments.notNull("matrix", matrix);
        int m = matrix.rows();
        int n = matrix.cols();
        int p = Math.min(m, n);
        // EJML's SVD does not reach the ends of the double range: the matrix is scaled by a power of two first
        DMatrixRMaj scaled = matrix.toDMatrix();
        int exponent = Matrix.svdScaleExponent(scaled);
        if (exponent != 0) {
            Matrix.svdScale(scaled, exponent, scaled);
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!svd.decompose(scaled)) {
            throw new IllegalArgumentException("matrix = " + matrix + ": expected a matrix whose SVD converges");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj vt = svd.getV(null, true);
        SingularOps_DDRM.descendingOrder(u, false, w, vt, true);
        double[] sigmas = new double[p];
        for (int i = 0; i < p; i++) {
            sigmas[i] = Math.scalb(w.get(i, i), exponent);
        }
        Arguments.check(Double.isFinite(sigmas[0]), "matrix", matrix,
                "a matrix whose singular values are finite (sigma_max = " + sigmas[0] + ")");
        DMatrixRMaj v = CommonOps_DDRM.transpose(vt, null);
        return new Target(matrix, new Spectrum(sigmas, Matrix.copyOf("U*", u), Matrix.copyOf("V*", v)));
    }

    /**
     * Where given singular values land in the spectrum of {@link #fromSpectrum} and {@link #random}, which sort
     * them in decreasing order, equal values kept in the order given: {@code sigmas[i]} is
     * {@code spectrum().sigma(spectrumPositions(sigmas)[i])}. For example {@code {1, 3, 2, 3}} gives
     * {@code {3, 0, 2, 1}}.
     *
     * @param sigmas the singular values, finite and {@code >= 0}, in any order (Not modified)
     * @return for each value its index in the spectrum, a permutation of {@code 0 .. sigmas.length - 1}
     * @throws IllegalArgumentException if the array is null or a value is negative or not finite
     */
    public static int[] spectrumPositions(double[] sigmas) {
        Arguments.notNull("sigmas", sigmas);
        int r = sigmas.length;
        for (int i = 0; i < r; i++) {
            Arguments.check(Double.isFinite(sigmas[i]) && sigmas[i] >= 0, "sigmas[" + i + "]", sigmas[i],
                    "a finite singular value >= 0");
        }
        Integer[] order = new Integer[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        // + 0.0 makes -0.0 the zero it is (Double.compare orders it below 0.0)
        Arrays.sort(order, (a, b) -> Double.compare(sigmas[b] + 0.0, sigmas[a] + 0.0));
        int[] position = new int[r];
        for (int c = 0; c < r; c++) {
            position[order[c]] = c;
        }
        return position;
    }

    /**
     * A target {@code A* = sum_i sigma_i u_i v_i^T} from singular values and bases. The bases are completed to
     * {@code p = min(m, n)} columns (with zero singular values) so that aligned coordinates cover the whole map.
     *
     * @param sigmas the singular values, finite and {@code >= 0}, in any order (they are sorted descending,
     *               vectors with them); at most {@code min(m, n)} of them
     * @param left   {@code m x r} matrix of orthonormal columns {@code u_i}, r = {@code sigmas.length}
     * @param right  {@code n x r} matrix of orthonormal columns {@code v_i}
     * @return the target
     * @throws IllegalArgumentException if a value is negative or not finite, the shapes disagree, a basis is
     *                                  not orthonormal to {@link #ORTHONORMAL_TOLERANCE}, the map would hold more
     *                                  than {@link Matrix#MAX_ENTRIES} entries, or an entry of the map overflows
     *                                  (named {@code sigmas})
     */
    public static Target fromSpectrum(double[] sigmas, Matrix left, Matrix right) {
        Arguments.notNull("sigmas", sigmas);
        Arguments.notNull("left", left);
        Arguments.notNull("right", right);
        int r = sigmas.length;
        Arguments.check(r >= 1, "sigmas.length", r, "at least one singular value");
        int[] position = spectrumPositions(sigmas);
        Arguments.check(left.cols() == r, "left", left.shape(), "m x " + r + " (one column per singular value)");
        Arguments.check(right.cols() == r, "right", right.shape(), "n x " + r + " (one column per singular value)");
        int m = left.rows();
        int n = right.rows();
        Arguments.check(r <= Math.min(m, n), "sigmas.length", r, "at most min(m, n) = " + Math.min(m, n));
        // (before the bases are completed: 50,000 x 50,000 ran for minutes, then m * n overflowed an int; review of
        // 2026-12-07)
        Matrix.checkEntries("n", m, n);
        OrthonormalFrames.requireOrthonormal("left", left, ORTHONORMAL_TOLERANCE);
        OrthonormalFrames.requireOrthonormal("right", right, ORTHONORMAL_TOLERANCE);

        int[] order = new int[r]; // order[c] = the given index of the c-th largest value
        for (int i = 0; i < r; i++) {
            order[position[i]] = i;
        }
        int p = Math.min(m, n);
        double[] sorted = new double[p];
        double[] l = new double[m * r];
        double[] rt = new double[n * r];
        for (int c = 0; c < r; c++) {
            int from = order[c];
            sorted[c] = sigmas[from] + 0.0;   // -0.0 stored as 0.0
            for (int i = 0; i < m; i++) {
                l[i * r + c] = left.get(i, from);
            }
            for (int i = 0; i < n; i++) {
                rt[i * r + c] = right.get(i, from);
            }
        }
        Matrix uStar = OrthonormalFrames.complete(Matrix.fromRowMajor("left", m, r, l), p);
        Matrix vStar = OrthonormalFrames.complete(Matrix.fromRowMajor("right", n, r, rt), p);
        double[] a = new double[m * n];
        for (int c = 0; c < r; c++) {
            double s = sorted[c];
            if (s == 0) {
                continue;
            }
            for (int i = 0; i < m; i++) {
                double su = s * uStar.get(i, c);
                for (int j = 0; j < n; j++) {
                    a[i * n + j] += su * vStar.get(j, c);
                }
            }
        }
        for (double x : a) {
            if (!Double.isFinite(x)) {
                // (review of dl-core, 2026-12-07: refused as "A*[0][0] = Infinity", an internal matrix)
                throw Arguments.fail("sigmas", sorted[0] + " (the largest)",
                        "singular values whose map U diag(sigmas) V^T has finite entries in doubles");
            }
        }
        return new Target(Matrix.fromRowMajor("A*", m, n, a), new Spectrum(sorted, uStar, vStar));
    }

    /**
     * A target with the given singular values and random singular bases: Gaussian {@code m x r} and
     * {@code n x r} draws from the seed (left first), orthonormalised.
     *
     * @param m      rows, at least 1
     * @param n      columns, at least 1
     * @param sigmas the singular values, finite and {@code >= 0}, at most {@code min(m, n)} of them
     * @param seed   the seed of the draws
     * @return the target
     * @throws IllegalArgumentException if the seed is null, a dimension below 1, the map's {@code m * n} entries
     *                                  would not fit in one array (named {@code n}, before anything is drawn), or
     *                                  as {@link #fromSpectrum(double[], Matrix, Matrix)}
     */
    public static Target random(int m, int n, double[] sigmas, Seed seed) {
        Seed.required("seed", seed);
        Arguments.atLeast("m", m, 1);
        Arguments.atLeast("n", n, 1);
        Arguments.notNull("sigmas", sigmas);
        Arguments.check(sigmas.length >= 1 && sigmas.length <= Math.min(m, n), "sigmas.length", sigmas.length,
                "between 1 and min(m, n) = " + Math.min(m, n));
        // before the frames are drawn, although fromSpectrum checks again: they are m x r and n x r with r up to
        // min(m, n), so 50,000 x 50,000 with 40,000 values drew two frames of 16 GB first (audit of 2026-12-07;
        // the check had been dropped on 2026-12-07 as if the frames were always small)
        Matrix.checkEntries("n", m, n);
        Random random = seed.newRandom();
        Matrix left = OrthonormalFrames.random(m, sigmas.length, random);
        Matrix right = OrthonormalFrames.random(n, sigmas.length, random);
        return fromSpectrum(sigmas, left, right);
    }

    /**
     * The map {@code A*}.
     *
     * @return the m x n matrix
     */
    public Matrix matrix() {
        return matrix;
    }

    /**
     * The spectrum, computed once.
     *
     * @return the singular values and vectors
     */
    public Spectrum spectrum() {
        return spectrum;
    }

    /**
     * Rows of {@code A*}, the output dimension m.
     *
     * @return m
     */
    public int rows() {
        return matrix.rows();
    }

    /**
     * Columns of {@code A*}, the input dimension n.
     *
     * @return n
     */
    public int cols() {
        return matrix.cols();
    }

    @Override
    public String toString() {
        return "Target(" + matrix.shape() + ", sigma = " + Arrays.toString(spectrum.singularValues()) + ")";
    }
}
