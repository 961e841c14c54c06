package org.deeplinear.core;

/**
 * The shape of a two-layer network {@code A = W U}: the output dimension {@code m} (rows of {@code W} and of
 * {@code A}), the hidden width {@code k} (columns of {@code W}, rows of {@code U}) and the input dimension
 * {@code n} (columns of {@code U} and of {@code A}). Every dimension is at least 1.
 *
 * @param m output dimension, rows of the output factor {@code W} (m x k)
 * @param k hidden width
 * @param n input dimension, columns of the input factor {@code U} (k x n)
 */
public record Shape(int m, int k, int n) {

    /**
     * Validates the dimensions.
     *
     * @param m output dimension, at least 1
     * @param k hidden width, at least 1
     * @param n input dimension, at least 1
     * @throws IllegalArgumentException if a dimension is below 1
     */
    public Shape {
        Arguments.atLeast("m", m, 1);
        Arguments.atLeast("k", k, 1);
        Arguments.atLeast("n", n, 1);
    }

    /**
     * The shape (m, k, n).
     *
     * @param m output dimension
     * @param k hidden width
     * @param n input dimension
     * @return the shape
     * @throws IllegalArgumentException if a dimension is below 1
     */
    public static Shape of(int m, int k, int n) {
        return new Shape(m, k, n);
    }

    /**
     * The same shape as the width chain of a depth-2 network: {@code (n, k, m)}.
     *
     * @return the widths {@code d_0 = n, d_1 = k, d_2 = m}
     */
    public Widths widths() {
        return Widths.of(n, k, m);
    }
}
