package org.deeplinear.core.model;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;

/**
 * The output factor {@code W} (m x k) of a two-layer network {@code A = W U}: it maps the hidden layer to the
 * output. A distinct type from {@link InputFactor} so that the two cannot be swapped. Immutable.
 */
public final class OutputFactor {

    private final Matrix matrix;

    private OutputFactor(Matrix matrix) {
        this.matrix = matrix;
    }

    /**
     * The output factor with the given entries.
     *
     * @param matrix {@code W}, m x k with finite entries
     * @return the factor
     * @throws IllegalArgumentException if {@code matrix} is null
     */
    public static OutputFactor of(Matrix matrix) {
        return new OutputFactor(Arguments.notNull("W", matrix));
    }

    /**
     * The entries of {@code W}.
     *
     * @return the m x k matrix
     */
    public Matrix matrix() {
        return matrix;
    }

    /**
     * The output dimension m.
     *
     * @return rows of {@code W}
     */
    public int outputDimension() {
        return matrix.rows();
    }

    /**
     * The hidden width k.
     *
     * @return columns of {@code W}
     */
    public int hiddenWidth() {
        return matrix.cols();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputFactor && matrix.equals(((OutputFactor) o).matrix);
    }

    @Override
    public int hashCode() {
        return matrix.hashCode();
    }

    @Override
    public String toString() {
        return "OutputFactor(" + matrix.shape() + ")";
    }
}
