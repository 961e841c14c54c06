package org.deeplinear.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Widths;

/**
 * The factors of a depth-N linear network {@code A = W_N ... W_1}, {@code N >= 2}: layer {@code W_j} (1-based)
 * is {@code d_j x d_{j-1}} for the chain's {@link Widths}. The two-layer network {@code A = W U} is the case
 * N = 2, with {@code W_1 = U} the {@link InputFactor} and {@code W_2 = W} the {@link OutputFactor}.
 *
 * <p>Immutable. The flat state of {@link #toState()} stores the layers in order {@code W_1, ..., W_N}, each
 * row-major; it is the layout {@link GradientEngine} reads and the only place a flat vector meets the domain.
 */
public final class FactorChain {

    private final Widths widths;
    private final List<Matrix> layers; // layers.get(j - 1) = W_j

    private FactorChain(Widths widths, List<Matrix> layers) {
        this.widths = widths;
        this.layers = layers;
    }

    /**
     * The two-layer chain {@code A = W U}.
     *
     * @param w the output factor, m x k
     * @param u the input factor, k x n
     * @return the chain with {@code W_1 = U}, {@code W_2 = W}
     * @throws IllegalArgumentException if an argument is null or the hidden widths differ
     */
    public static FactorChain of(OutputFactor w, InputFactor u) {
        Arguments.notNull("W", w);
        Arguments.notNull("U", u);
        Arguments.check(w.hiddenWidth() == u.hiddenWidth(), "U", u.matrix().shape(),
                w.hiddenWidth() + " x n: as many rows as W (" + w.matrix().shape() + ") has columns");
        return ofLayers(List.of(u.matrix(), w.matrix()));
    }

    /**
     * A chain from its layers, input layer first.
     *
     * @param layers {@code W_1, ..., W_N}, N at least 2, where {@code W_{j+1}} has as many columns as {@code W_j}
     *               has rows
     * @return the chain
     * @throws IllegalArgumentException if fewer than two layers, a null layer or non-conforming shapes
     */
    public static FactorChain ofLayers(List<Matrix> layers) {
        Arguments.notNull("layers", layers);
        Arguments.check(layers.size() >= 2, "depth", layers.size(), "an integer >= 2 (at least two layers)");
        int[] w = new int[layers.size() + 1];
        for (int j = 0; j < layers.size(); j++) {
            Matrix layer = Arguments.notNull("layers[" + (j + 1) + "]", layers.get(j));
            if (j == 0) {
                w[0] = layer.cols();
            } else {
                Arguments.check(layer.cols() == w[j], "W_" + (j + 1), layer.shape(),
                        "d x " + w[j] + ": as many columns as W_" + j + " has rows");
            }
            w[j + 1] = layer.rows();
        }
        return new FactorChain(Widths.of(w), List.copyOf(layers));
    }

    /**
     * A chain from a flat state in the layout of {@link #toState()}.
     *
     * @param widths the chain's widths
     * @param state  {@code widths.parameterCount()} finite entries (not modified)
     * @return the chain
     * @throws IllegalArgumentException if the length is wrong or an entry is not finite
     */
    public static FactorChain fromState(Widths widths, double[] state) {
        Arguments.notNull("widths", widths);
        Arguments.notNull("state", state);
        if (state.length != widths.parameterCount()) {
            // (the message only on failure: it names the widths, 2 MB of text at depth 100,000; review of 2026-12-08)
            throw Arguments.fail("state.length", state.length, widths.parameterCount() + " entries for " + widths);
        }
        List<Matrix> layers = new ArrayList<>(widths.depth());
        for (int j = 1; j <= widths.depth(); j++) {
            int rows = widths.rowsOf(j);
            int cols = widths.colsOf(j);
            int offset = widths.offsetOf(j);
            layers.add(Matrix.fromRowMajor("W_" + j, rows, cols,
                    Arrays.copyOfRange(state, offset, offset + rows * cols)));
        }
        return new FactorChain(widths, List.copyOf(layers));
    }

    /**
     * The widths {@code d_0, ..., d_N}.
     *
     * @return the widths
     */
    public Widths widths() {
        return widths;
    }

    /**
     * The depth N.
     *
     * @return the number of layers, at least 2
     */
    public int depth() {
        return layers.size();
    }

    /**
     * One layer.
     *
     * @param j the layer, 1-based: 1 is the input layer, N the output layer
     * @return {@code W_j}, {@code d_j x d_{j-1}}
     * @throws IndexOutOfBoundsException if {@code j} is outside [1, N]
     */
    public Matrix layer(int j) {
        Arguments.index("layer", j, 1, layers.size());
        return layers.get(j - 1);
    }

    /**
     * The layers, input first.
     *
     * @return the unmodifiable list {@code W_1, ..., W_N}
     */
    public List<Matrix> layers() {
        return layers;
    }

    /**
     * The output layer {@code W_N} as an output factor ({@code W} of a two-layer network).
     *
     * @return {@code W_N}
     */
    public OutputFactor outputFactor() {
        return OutputFactor.of(layers.get(layers.size() - 1));
    }

    /**
     * The input layer {@code W_1} as an input factor ({@code U} of a two-layer network).
     *
     * @return {@code W_1}
     */
    public InputFactor inputFactor() {
        return InputFactor.of(layers.get(0));
    }

    /**
     * The flat state: the layers {@code W_1, ..., W_N} in order, each row-major.
     *
     * @return a new array of {@code widths().parameterCount()} entries
     */
    public double[] toState() {
        double[] state = new double[widths.parameterCount()];
        for (int j = 1; j <= layers.size(); j++) {
            layers.get(j - 1).copyTo(state, widths.offsetOf(j));
        }
        return state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactorChain && layers.equals(((FactorChain) o).layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }

    @Override
    public String toString() {
        return "FactorChain(" + widths + ")";
    }
}
