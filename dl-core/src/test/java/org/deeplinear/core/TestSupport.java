package org.deeplinear.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * What dl-core's tests share: generators and independent (naive, loop-by-loop) reference arithmetic on
 * {@code double[][]} that does not go through the library's product backend. The seeded QuickTheories entry point
 * and the check of the library's error format, shared by every module, are {@link org.deeplinear.core.testing.QtSeed}
 * and {@link org.deeplinear.core.testing.Rejections}.
 */
public final class TestSupport {

    /** Unit roundoff of IEEE double, {@code 2^-53}. */
    public static final double UNIT_ROUNDOFF = 0x1p-53;

    private TestSupport() {
    }

    /**
     * Width chains {@code d_0, ..., d_N} for property tests.
     *
     * @param minDepth smallest depth N
     * @param maxDepth largest depth N
     * @param maxWidth largest width; the smallest is 1
     * @return the generator
     */
    public static Gen<int[]> widthArrays(int minDepth, int maxDepth, int maxWidth) {
        return Generate.intArrays(SourceDSL.integers().between(minDepth + 1, maxDepth + 1),
                SourceDSL.integers().between(1, maxWidth));
    }

    /**
     * Layers {@code W_1, ..., W_N} with i.i.d. standard Gaussian entries for the widths {@code d}, drawn in order.
     *
     * @param d      the widths, input first
     * @param random the generator (Modified)
     * @return the layers, input first
     */
    public static List<Matrix> gaussianLayers(int[] d, Random random) {
        List<Matrix> layers = new ArrayList<>();
        for (int j = 1; j < d.length; j++) {
            layers.add(Matrix.of("W_" + j, gaussian(d[j], d[j - 1], random)));
        }
        return layers;
    }

    /**
     * I.i.d. standard Gaussian entries.
     *
     * @param rows   rows
     * @param cols   columns
     * @param random the generator (Modified)
     * @return the matrix
     */
    public static double[][] gaussian(int rows, int cols, Random random) {
        double[][] x = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[i][j] = random.nextGaussian();
            }
        }
        return x;
    }

    /**
     * {@code a b} by the textbook triple loop.
     *
     * @param a left operand
     * @param b right operand
     * @return the product
     */
    public static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double sum = 0;
                for (int l = 0; l < b.length; l++) {
                    sum += a[i][l] * b[l][j];
                }
                c[i][j] = sum;
            }
        }
        return c;
    }

    /**
     * The transpose.
     *
     * @param a the matrix
     * @return {@code a^T}
     */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /**
     * {@code a - b}.
     *
     * @param a left
     * @param b right
     * @return the difference
     */
    public static double[][] minus(double[][] a, double[][] b) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] - b[i][j];
            }
        }
        return c;
    }

    /**
     * The largest absolute entry.
     *
     * @param a the matrix
     * @return {@code max |a_ij|}
     */
    public static double maxAbs(double[][] a) {
        double worst = 0;
        for (double[] row : a) {
            for (double x : row) {
                worst = Math.max(worst, Math.abs(x));
            }
        }
        return worst;
    }

    /**
     * The largest absolute entrywise difference of two matrices of the same shape.
     *
     * @param a left
     * @param b right
     * @return {@code max |a_ij - b_ij|}
     */
    public static double maxAbsDifference(double[][] a, double[][] b) {
        return maxAbs(minus(a, b));
    }

    /**
     * A matrix with orthonormal columns from a Householder QR of a Gaussian draw (Hipparchus), independent of
     * the library's Gram-Schmidt.
     *
     * @param d      rows
     * @param r      columns, at most {@code d}
     * @param random the generator (Modified)
     * @return {@code d x r} with orthonormal columns
     */
    public static Matrix householderFrame(int d, int r, Random random) {
        org.hipparchus.linear.RealMatrix q = new org.hipparchus.linear.QRDecomposition(
                org.hipparchus.linear.MatrixUtils.createRealMatrix(gaussian(d, r, random))).getQ();
        return Matrix.of("frame", q.getSubMatrix(0, d - 1, 0, r - 1).getData());
    }

    /**
     * The two vectors of a rank-one map with mass off a target's bases, which a target that is not square has:
     * {@code left right^T} is {@code (alpha u_0 + beta e) v_0^T} for a tall target ({@code e} a unit vector
     * orthogonal to its left bases, {@link #orthogonalTo}) and {@code u_0 (alpha v_0 + beta f)^T} for a wide one
     * ({@code f} orthogonal to its right bases). Its first aligned mode is {@code alpha} and its coupling
     * {@code beta / sqrt(alpha^2 + beta^2)} (closed form: {@code e v_0^T} lies outside the bases, and is orthogonal
     * to {@code u_0 v_0^T}).
     *
     * @return {@code {left, right}}, of the target's rows and columns
     */
    public static double[][] rankOneOffTheBases(org.deeplinear.core.target.Target target, double alpha,
            double beta) {
        int m = target.rows();
        int n = target.cols();
        double[] left = target.spectrum().leftVector(0);
        double[] right = target.spectrum().rightVector(0);
        double[] away = m > n ? orthogonalTo(target.spectrum().leftVectors().toArray(), m)
                : orthogonalTo(target.spectrum().rightVectors().toArray(), n);
        double[] mixed = m > n ? left : right;
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = alpha * mixed[i] + beta * away[i];
        }
        return new double[][] {left, right};
    }

    /** The outer product {@code left right^T}. */
    public static double[][] outer(double[] left, double[] right) {
        double[][] a = new double[left.length][right.length];
        for (int i = 0; i < left.length; i++) {
            for (int j = 0; j < right.length; j++) {
                a[i][j] = left[i] * right[j];
            }
        }
        return a;
    }

    /** A unit vector of R^d orthogonal to the columns of an orthonormal {@code basis} (d x p, p < d). */
    public static double[] orthogonalTo(double[][] basis, int d) {
        double[] e = new double[d];
        for (int i = 0; i < d; i++) {
            e[i] = 0.1 * (i + 1) * (i % 2 == 0 ? 1 : -1) + 0.05 * i * i;
        }
        for (int pass = 0; pass < 2; pass++) { // twice: Gram-Schmidt's rounding left at 1e-16 of e
            for (int c = 0; c < basis[0].length; c++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += basis[i][c] * e[i];
                }
                for (int i = 0; i < d; i++) {
                    e[i] -= dot * basis[i][c];
                }
            }
        }
        double norm = 0;
        for (double x : e) {
            norm += x * x;
        }
        for (int i = 0; i < d; i++) {
            e[i] /= Math.sqrt(norm);
        }
        return e;
    }
}
