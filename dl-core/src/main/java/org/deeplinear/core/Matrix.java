package org.deeplinear.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable dense real matrix, the value type in which the domain model hands matrices to users
 * (factors, targets, gradients, projections). Entries are finite unless a factory says otherwise; factories
 * copy their input and accessors copy their output, so a {@code Matrix} is safe to share between threads.
 *
 * <p>For arithmetic, take a mutable EJML copy with {@link #toDMatrix()}; hot paths copy entries into their own
 * buffers with {@link #copyTo(double[], int)} instead.
 */
public final class Matrix {

    /** The most entries a matrix holds: the largest array HotSpot allocates ({@code Integer.MAX_VALUE - 8}). */
    public static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

    private final int rows;
    private final int cols;
    private final double[] data; // row-major

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * A matrix from its rows.
     *
     * @param name    the parameter's name, used in error messages
     * @param entries the rows (not modified): at least one row, all of the same positive length, finite entries
     * @return the matrix
     * @throws IllegalArgumentException if {@code entries} is empty or ragged or holds a non-finite entry
     */
    public static Matrix of(String name, double[][] entries) {
        Arguments.notNull(name, entries);
        Arguments.check(entries.length > 0, name + ".rows", 0, "at least one row");
        int cols = Arguments.notNull(name + "[0]", entries[0]).length;
        Arguments.check(cols > 0, name + ".cols", 0, "at least one column");
        if ((long) entries.length * cols > MAX_ENTRIES) {
            throw Arguments.fail(name, entries.length + " x " + cols, "at most " + MAX_ENTRIES
                    + " entries (one array holds them)");
        }
        double[] data = new double[entries.length * cols];
        for (int i = 0; i < entries.length; i++) {
            Arguments.notNull(name + "[" + i + "]", entries[i]);
            Arguments.check(entries[i].length == cols, name + "[" + i + "].length", entries[i].length,
                    cols + " columns, as row 0 has");
            System.arraycopy(entries[i], 0, data, i * cols, cols);
        }
        return checked(name, entries.length, cols, data);
    }

    /**
     * A matrix from its rows.
     *
     * @param entries the rows (not modified)
     * @return the matrix
     * @throws IllegalArgumentException as {@link #of(String, double[][])}
     */
    public static Matrix of(double[][] entries) {
        return of("matrix", entries);
    }

    /**
     * A matrix from its entries in row-major order.
     *
     * @param name     the parameter's name, used in error messages
     * @param rows     number of rows, at least 1
     * @param cols     number of columns, at least 1
     * @param rowMajor {@code rows * cols} finite entries (not modified)
     * @return the matrix
     * @throws IllegalArgumentException if a dimension is below 1, the length is wrong or an entry is not finite
     */
    public static Matrix fromRowMajor(String name, int rows, int cols, double[] rowMajor) {
        Arguments.atLeast(name + ".rows", rows, 1);
        Arguments.atLeast(name + ".cols", cols, 1);
        Arguments.notNull(name, rowMajor);
        Arguments.check(rowMajor.length == (long) rows * cols, name + ".length", rowMajor.length,
                (long) rows * cols + " entries (" + rows + " x " + cols + ")");
        return checked(name, rows, cols, rowMajor.clone());
    }

    /**
     * A copy of an EJML matrix.
     *
     * @param name   the parameter's name, used in error messages
     * @param matrix the matrix (not modified), with finite entries
     * @return the copy
     * @throws IllegalArgumentException if {@code matrix} is null, empty or holds a non-finite entry
     */
    public static Matrix copyOf(String name, DMatrixRMaj matrix) {
        Arguments.notNull(name, matrix);
        Arguments.check(matrix.numRows > 0 && matrix.numCols > 0, name + ".shape",
                matrix.numRows + " x " + matrix.numCols, "at least 1 x 1");
        return checked(name, matrix.numRows, matrix.numCols,
                Arrays.copyOf(matrix.data, matrix.numRows * matrix.numCols));
    }

    /**
     * The zero matrix.
     *
     * @param rows number of rows, at least 1
     * @param cols number of columns, at least 1, with {@code rows * cols} at most {@code Integer.MAX_VALUE - 8}
     * @return the zero matrix
     * @throws IllegalArgumentException if a dimension is below 1 or the entries would not fit in one array
     */
    public static Matrix zeros(int rows, int cols) {
        Arguments.atLeast("rows", rows, 1);
        Arguments.atLeast("cols", cols, 1);
        checkEntries("cols", rows, cols);
        return new Matrix(rows, cols, new double[rows * cols]);
    }

    /**
     * Checks that a matrix of {@code rows x cols} entries fits in one array ({@link #MAX_ENTRIES}), before any work
     * on it.
     *
     * @param name the parameter that gave the columns, for the message
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1
     * @throws IllegalArgumentException naming {@code rows} if {@code rows < 1}, naming {@code name} if
     *                                  {@code cols < 1} or {@code rows * cols > MAX_ENTRIES}
     */
    public static void checkEntries(String name, int rows, int cols) {
        // (audit of 2026-12-07: rows = 0 divided by zero in the message, negative rows passed)
        Arguments.atLeast("rows", rows, 1);
        Arguments.atLeast(name, cols, 1);
        if ((long) rows * cols > MAX_ENTRIES) {
            // rows alone beyond one array: said so (it was "expected at most 0 columns", review of 2026-12-07)
            int most = MAX_ENTRIES / rows;
            throw Arguments.fail(name, cols, most == 0 ? "a size that fits one array, but " + rows + " rows alone"
                    + " exceed its " + MAX_ENTRIES + " entries" : "at most " + most + " columns for " + rows
                    + " rows (one array holds them)");
        }
    }

    private static Matrix checked(String name, int rows, int cols, double[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw Arguments.fail(name + "[" + i / cols + "][" + i % cols + "]", data[i], "a finite value");
            }
        }
        return new Matrix(rows, cols, data);
    }

    /**
     * Number of rows.
     *
     * @return rows, at least 1
     */
    public int rows() {
        return rows;
    }

    /**
     * Number of columns.
     *
     * @return columns, at least 1
     */
    public int cols() {
        return cols;
    }

    /**
     * One entry.
     *
     * @param row    row index, 0-based
     * @param column column index, 0-based
     * @return the entry
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double get(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + column + ") outside " + rows + " x " + cols);
        }
        return data[row * cols + column];
    }

    /**
     * A mutable EJML copy, for arithmetic.
     *
     * @return a new {@code DMatrixRMaj} with the same entries
     */
    public DMatrixRMaj toDMatrix() {
        return new DMatrixRMaj(rows, cols, true, data);
    }

    /**
     * The rows as a new array.
     *
     * @return {@code rows x cols} entries
     */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /**
     * One column as a new array.
     *
     * @param column column index, 0-based
     * @return its {@code rows} entries
     */
    public double[] column(int column) {
        if (column < 0 || column >= cols) {
            throw new IndexOutOfBoundsException("column " + column + " outside 0.." + (cols - 1));
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = data[i * cols + column];
        }
        return out;
    }

    /**
     * Copies the entries, row-major, into an array: the allocation-free way for engines to load a matrix.
     *
     * @param destination the array written (Modified)
     * @param offset      where the first entry goes, in {@code [0, destination.length - rows * cols]}
     * @throws IllegalArgumentException if the destination is null
     * @throws IndexOutOfBoundsException naming the offset and its range if the entries do not fit from it (nothing
     *                                   is written)
     */
    public void copyTo(double[] destination, int offset) {
        Arguments.offset("destination", Arguments.notNull("destination", destination).length, offset, data.length);
        System.arraycopy(data, 0, destination, offset, data.length);
    }

    /**
     * The Frobenius norm {@code ||M||_F}, computed with scaling so that it does not overflow or underflow
     * where the result is representable.
     *
     * @return the norm
     */
    public double frobeniusNorm() {
        return frobeniusNorm(data, data.length);
    }

    /**
     * The Frobenius norm of the first {@code length} entries of an array, without overflow or underflow: one pass
     * of plain squares (four partial sums) when their sum lands in the normal range, where dropping squares that
     * underflow changes nothing; otherwise scaled by the largest magnitude (the LAPACK {@code dnrm2} scheme), in a
     * second and third pass. NaN if an entry is NaN, infinite if one is infinite.
     *
     * @param values the entries (not modified)
     * @param length how many entries to include
     * @return {@code sqrt(sum values[i]^2)}
     * @throws IllegalArgumentException if {@code values} is null or {@code length} is not in
     *                                  {@code [0, values.length]}
     */
    public static double frobeniusNorm(double[] values, int length) {
        Arguments.notNull("values", values);   // (named as length = 0 "(values null)"; review of 2026-12-08)
        if (length < 0 || length > values.length) {
            throw Arguments.fail("length", length, "between 0 and values.length = " + values.length);
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            s0 += values[i] * values[i];
            s1 += values[i + 1] * values[i + 1];
            s2 += values[i + 2] * values[i + 2];
            s3 += values[i + 3] * values[i + 3];
        }
        for (; i < length; i++) {
            s0 += values[i] * values[i];
        }
        double sum = (s0 + s1) + (s2 + s3);
        if (sum >= 0x1p-900 && sum < Double.POSITIVE_INFINITY) {
            // squares below 2^-1074 that underflowed weigh less than 2^-170 of this sum, even a billion of them
            return Math.sqrt(sum);
        }
        double scale = 0;
        for (int k = 0; k < length; k++) {
            scale = Math.max(scale, Math.abs(values[k]));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double scaled = 0;
        for (int k = 0; k < length; k++) {
            double x = values[k] / scale;
            scaled += x * x;
        }
        return scale * Math.sqrt(scaled);
    }

    /**
     * Half the squared Frobenius norm of the entries {@code [from, to)} of an array, {@code 1/2 sum values[i]^2}
     * (a loss, a best-rank residual): finite wherever that value is, also when the plain sum of squares passes the
     * largest double (then computed scaled, as {@link #frobeniusNorm(double[], int)}). Summed from the last entry
     * to the first.
     *
     * @param values the entries (not modified)
     * @param from   the first entry included
     * @param to     one past the last entry included
     * @return {@code 1/2 sum_{from <= i < to} values[i]^2}; infinite or NaN only if an entry is, or if the value
     *         itself passes the largest double
     * @throws IllegalArgumentException if {@code values} is null or {@code [from, to)} is not a range within it
     */
    public static double halfSquaredNorm(double[] values, int from, int to) {
        checkRange(values, from, to);
        double sum = 0;
        for (int i = to - 1; i >= from; i--) {
            sum += values[i] * values[i];
        }
        double half = 0.5 * sum;
        return half == Double.POSITIVE_INFINITY ? scaledHalfSquaredNorm(values, from, to) : half;
    }

    /**
     * {@link #halfSquaredNorm} computed scaled, for callers that summed the squares themselves and saw the sum
     * overflow: {@code (scale sqrt(1/2 sum (x / scale)^2))^2}, the scale the largest magnitude.
     *
     * @param values the entries (not modified)
     * @param from   the first entry included
     * @param to     one past the last entry included
     * @return {@code 1/2 sum_{from <= i < to} values[i]^2}; infinite or NaN only if an entry is, or if the value
     *         itself passes the largest double
     * @throws IllegalArgumentException if {@code values} is null or {@code [from, to)} is not a range within it
     */
    public static double scaledHalfSquaredNorm(double[] values, int from, int to) {
        checkRange(values, from, to);
        double scale = 0;
        for (int i = from; i < to; i++) {
            scale = Math.max(scale, Math.abs(values[i]));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double sum = 0;
        for (int i = to - 1; i >= from; i--) {
            double x = values[i] / scale;
            sum += x * x;
        }
        double root = scale * Math.sqrt(0.5 * sum);
        return root * root;
    }

    /**
     * The exponent {@code e} of the power of two by which EJML's SVD needs a matrix scaled, {@code A 2^-e}: the
     * singular values of {@code A} are then those of the scaled matrix times {@code 2^e} ({@link Math#scalb}), its
     * singular vectors the same. EJML scales its own sums, but not to the ends of the double range: entries of 1e308
     * failed to converge (5e307 did not), and subnormal ones lost digits (relative errors 6e-8 at 1e-315, 3e-3 at
     * 1e-320, where LAPACK's {@code dgesdd} is exact). So a matrix whose largest entry is above {@code 2^1000} is
     * brought just below it, to {@code [2^999, 2^1000)} (no further, so that entries far smaller go no deeper into
     * the subnormals than they must); one whose largest entry is below {@code 2^-960} (and not 0) is brought up to
     * {@code [1, 2)}, which is exact; any other is left alone ({@code e = 0}). Scale with {@link #svdScale}. Used by
     * {@link org.deeplinear.core.target.Target#of(Matrix)}, dl-spectral's EJML solver and its {@code SingularValues},
     * and dl-ode's closed flows; one pass over the entries, no allocation.
     *
     * @param a the matrix (not modified)
     * @return the exponent e, 0 when no scaling is needed
     * @throws IllegalArgumentException if {@code a} is null
     */
    public static int svdScaleExponent(DMatrixRMaj a) {
        Arguments.notNull("a", a);
        double largest = 0;
        int size = a.getNumElements();
        for (int k = 0; k < size; k++) {
            largest = Math.max(largest, Math.abs(a.data[k]));
        }
        if (largest > 0x1p1000) {
            return Math.getExponent(largest) - 999;
        }
        if (largest > 0 && largest < 0x1p-960) {
            return Math.getExponent(largest * 0x1p54) - 54; // the exponent of a subnormal too
        }
        return 0;
    }

    /**
     * {@code out = a 2^-exponent}, entry by entry with {@code Math.scalb} (exact; {@code 2^-exponent} itself is no
     * double for the smallest subnormals): the scaling {@link #svdScaleExponent} asks for.
     *
     * @param a        the matrix (not modified unless it is {@code out})
     * @param exponent the exponent, from {@link #svdScaleExponent}
     * @param out      where the scaled entries go, of {@code a}'s shape; may be {@code a} (Modified)
     * @throws IllegalArgumentException if a matrix is null or {@code out}'s shape is not {@code a}'s (nothing is
     *                                  written)
     */
    public static void svdScale(DMatrixRMaj a, int exponent, DMatrixRMaj out) {
        Arguments.notNull("a", a);
        Arguments.notNull("out", out);
        if (out.numRows != a.numRows || out.numCols != a.numCols) {
            // the message only on failure: this runs at every closed flow's right-hand side that scales
            throw Arguments.fail("out", out.numRows + " x " + out.numCols, "a's shape " + a.numRows + " x "
                    + a.numCols);
        }
        int size = a.getNumElements();
        for (int k = 0; k < size; k++) {
            out.data[k] = Math.scalb(a.data[k], -exponent);
        }
    }

    private static void checkRange(double[] values, int from, int to) {
        Arguments.notNull("values", values);
        if (from < 0 || to < from || to > values.length) {
            throw Arguments.fail("[from, to)", "[" + from + ", " + to + ")", "a range within values[0, "
                    + values.length + ")");
        }
    }

    /**
     * Whether the matrix has the given dimensions.
     *
     * @param rows expected rows
     * @param cols expected columns
     * @return true if both match
     */
    public boolean hasShape(int rows, int cols) {
        return this.rows == rows && this.cols == cols;
    }

    /**
     * The dimensions as text, {@code "rows x cols"}, for messages.
     *
     * @return the shape
     */
    public String shape() {
        return rows + " x " + cols;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Matrix)) {
            return false;
        }
        Matrix other = (Matrix) o;
        return rows == other.rows && cols == other.cols && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Matrix(" + shape() + ", ||.||_F = " + frobeniusNorm() + ")";
    }
}
