package org.deeplinear.theory.exact;

import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.fraction.BigFractionField;
import org.hipparchus.linear.FieldMatrix;
import org.hipparchus.linear.MatrixUtils;

/**
 * Small helpers for exact matrices: Hipparchus {@code FieldMatrix<BigFraction>} is the exact matrix type of this
 * package (sums, products, transposes and scalar multiples are exact); these helpers convert from and to the
 * library's {@link Matrix} and build the few values identities need. Stateless.
 */
public final class Rationals {

    private Rationals() {
    }

    /**
     * The zero matrix.
     *
     * @param rows rows, at least 1
     * @param cols columns, at least 1
     * @return a new exact zero matrix
     */
    public static FieldMatrix<BigFraction> zeros(int rows, int cols) {
        Arguments.atLeast("rows", rows, 1);
        Arguments.atLeast("cols", cols, 1);
        return MatrixUtils.createFieldMatrix(BigFractionField.getInstance(), rows, cols);
    }

    /**
     * A 1 x 1 matrix: how scalar variables and scalar sides of an identity are represented.
     *
     * @param value the value
     * @return a new 1 x 1 matrix holding {@code value}
     */
    public static FieldMatrix<BigFraction> scalar(BigFraction value) {
        FieldMatrix<BigFraction> m = zeros(1, 1);
        m.setEntry(0, 0, Arguments.notNull("value", value));
        return m;
    }

    /**
     * The value of a 1 x 1 matrix.
     *
     * @param name   the parameter's name, for the error message
     * @param matrix a 1 x 1 matrix
     * @return its entry
     * @throws IllegalArgumentException if the matrix is not 1 x 1
     */
    public static BigFraction value(String name, FieldMatrix<BigFraction> matrix) {
        Arguments.notNull(name, matrix);
        Arguments.check(matrix.getRowDimension() == 1 && matrix.getColumnDimension() == 1, name,
                matrix.getRowDimension() + " x " + matrix.getColumnDimension(), "a 1 x 1 (scalar) matrix");
        return matrix.getEntry(0, 0);
    }

    /**
     * The exact value of a double matrix: every finite double is a rational, converted without rounding.
     *
     * @param matrix the matrix (not modified)
     * @return a new exact matrix with the same values
     */
    public static FieldMatrix<BigFraction> of(Matrix matrix) {
        Arguments.notNull("matrix", matrix);
        FieldMatrix<BigFraction> m = zeros(matrix.rows(), matrix.cols());
        for (int i = 0; i < matrix.rows(); i++) {
            for (int j = 0; j < matrix.cols(); j++) {
                m.setEntry(i, j, new BigFraction(matrix.get(i, j)));
            }
        }
        return m;
    }

    /**
     * The nearest doubles of an exact matrix.
     *
     * @param matrix the exact matrix (not modified)
     * @return its entries rounded to double
     * @throws IllegalArgumentException if an entry overflows the double range
     */
    public static Matrix toMatrix(FieldMatrix<BigFraction> matrix) {
        Arguments.notNull("matrix", matrix);
        int rows = matrix.getRowDimension();
        int cols = matrix.getColumnDimension();
        double[] data = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = matrix.getEntry(i, j).doubleValue();
            }
        }
        return Matrix.fromRowMajor("matrix", rows, cols, data);
    }

    /**
     * The product of matrices taken left to right, {@code M_0 M_1 ... M_{p-1}}.
     *
     * @param factors at least one matrix, none null, conforming (each with as many rows as the one before has
     *                columns)
     * @return a new matrix
     * @throws IllegalArgumentException if the list is empty, a factor is null or does not conform (named
     *                                  {@code factors[i]}, before any product: Hipparchus's own refusal is not an
     *                                  {@code IllegalArgumentException})
     */
    public static FieldMatrix<BigFraction> product(List<FieldMatrix<BigFraction>> factors) {
        List<FieldMatrix<BigFraction>> all = Arguments.nonNullElements("factors", factors);
        Arguments.check(!all.isEmpty(), "factors.size", 0, "at least one factor");
        for (int i = 1; i < all.size(); i++) {
            FieldMatrix<BigFraction> f = all.get(i);
            int cols = all.get(i - 1).getColumnDimension();
            Arguments.check(f.getRowDimension() == cols, "factors[" + i + "]",
                    f.getRowDimension() + " x " + f.getColumnDimension(),
                    cols + " rows (factors[" + (i - 1) + "] has " + cols + " columns)");
        }
        FieldMatrix<BigFraction> p = all.get(0).copy();
        for (int i = 1; i < all.size(); i++) {
            p = p.multiply(all.get(i));
        }
        return p;
    }

    /**
     * The Frobenius inner product {@code <A, B> = sum_ij A_ij B_ij}, exactly.
     *
     * @param a a matrix
     * @param b a matrix of the same shape
     * @return the inner product
     * @throws IllegalArgumentException if the shapes differ
     */
    public static BigFraction inner(FieldMatrix<BigFraction> a, FieldMatrix<BigFraction> b) {
        Arguments.notNull("a", a);
        Arguments.notNull("b", b);
        Arguments.check(a.getRowDimension() == b.getRowDimension()
                        && a.getColumnDimension() == b.getColumnDimension(), "b",
                b.getRowDimension() + " x " + b.getColumnDimension(),
                "the shape of a, " + a.getRowDimension() + " x " + a.getColumnDimension());
        BigFraction sum = BigFraction.ZERO;
        for (int i = 0; i < a.getRowDimension(); i++) {
            for (int j = 0; j < a.getColumnDimension(); j++) {
                sum = sum.add(a.getEntry(i, j).multiply(b.getEntry(i, j)));
            }
        }
        return sum;
    }
}
