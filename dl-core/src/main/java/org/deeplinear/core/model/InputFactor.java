package org.deeplinear.core.model;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;

/**
 * The input factor {@code U} (k x n) of a two-layer network {@code A = W U}: it maps the input to the hidden
 * layer. A distinct type from {@link OutputFactor} so that the two cannot be swapped. Immutable.
 */
public final class InputFactor {

    private final Matrix matrix;

    private InputFactor(Matrix matrix) {
        this.matrix = matrix;
    }

    /**
     * The input factor with the given entries.
     *
     * @param matrix {@code U}, k x n with finite entries
     * @return the factor
     * @throws IllegalArgumentException if {@code matrix} is null
     */
    public static InputFactor of(Matrix matrix) {
        return new InputFactor(Arguments.notNull("U", matrix));
    }

    /**
     * The entries of {@code U}.
     *
     * @return the k x n matrix
     */
    public Matrix matrix() {
        return matrix;
    }

    /**
     * The input dimension n.
     *
     * @return columns of {@code U}
     */
    public int inputDimension() {
        return matrix.cols();
    }

    /**
     * The hidden width k.
     *
     * @return rows of {@code U}
     */
    public int hiddenWidth() {
        return matrix.rows();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputFactor && matrix.equals(((InputFactor) o).matrix);
    }

    @Override
    public int hashCode() {
        return matrix.hashCode();
    }

    @Override
    public String toString() {
        return "InputFactor(" + matrix.shape() + ")";
    }
}
