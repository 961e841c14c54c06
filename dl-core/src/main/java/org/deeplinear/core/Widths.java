package org.deeplinear.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * The widths of a depth-N linear chain {@code A = W_N ... W_1}: {@code d_0} is the input dimension {@code n},
 * {@code d_N} the output dimension {@code m}, and layer {@code j} (1-based) maps {@code d_{j-1}} to {@code d_j},
 * so {@code W_j} is {@code d_j x d_{j-1}}. The depth {@code N} is at least 2 and every width at least 1.
 * A two-layer network ({@link Shape}) is the case {@code N = 2}: {@code W_1 = U}, {@code W_2 = W}.
 *
 * <p>Immutable.
 */
public final class Widths {

    /**
     * The largest depth, {@code 2^20} layers: every layer holds at least one parameter, but a chain of a billion
     * one-parameter layers still counts its parameters in an {@code int}, and its widths alone, made and copied
     * before any check of memory, took two arrays of 4 GB (audit of 2026-12-07). At this depth they take 8 MB (the
     * given array's copy and the layers' offsets; 12 MB while made, the caller's array included), and
     * a chain of it is far beyond what the library integrates (the depth-N laws are stated up to depth 100).
     */
    public static final int MAX_DEPTH = 1 << 20;

    private final int[] widths;
    // offsets[j - 1]: where layer j starts in the flat state, offsets[N] the parameter count, formed once (offsetOf
    // summed the layers before j at every call, so a pass over the layers was quadratic in the depth: 1.5 s at depth
    // 100,000; review of 2026-12-08)
    private final int[] offsets;

    private Widths(int[] widths) {
        this.widths = widths;
        this.offsets = new int[widths.length];
        for (int j = 1; j < offsets.length; j++) {
            offsets[j] = offsets[j - 1] + widths[j] * widths[j - 1];
        }
    }

    /**
     * The chain with the given widths, input first.
     *
     * @param widths {@code d_0, d_1, ..., d_N} (not modified): at least three entries, each at least 1
     * @return the widths
     * @throws IllegalArgumentException if fewer than three widths (depth below 2), a width below 1, more
     *                                  parameters ({@code sum d_j d_{j-1}}) than an {@code int} counts, or a depth
     *                                  above {@link #MAX_DEPTH}
     */
    public static Widths of(int... widths) {
        Arguments.notNull("widths", widths);
        // no widths at all: named as given (it said "depth = -1", review of 2026-12-07)
        Arguments.check(widths.length > 0, "widths.length", 0, "at least three widths (depth >= 2)");
        Arguments.check(widths.length >= 3, "depth", widths.length - 1, "an integer >= 2 (at least three widths)");
        long parameters = 0;
        for (int j = 0; j < widths.length; j++) {
            Arguments.atLeast("widths[" + j + "]", widths[j], 1);
            if (j > 0) {
                parameters = Math.min(Long.MAX_VALUE / 4, parameters + (long) widths[j] * widths[j - 1]);
            }
        }
        if (parameters > Integer.MAX_VALUE) {
            // the widths' text only on failure, and shortened (review of 2026-12-07: it was built for every chain,
            // and the message of a million layers ran to five million characters)
            throw Arguments.fail("widths", abbreviated(widths), "at most " + Integer.MAX_VALUE
                    + " parameters in all (the state is one array), not " + parameters);
        }
        checkDepth(widths.length - 1);
        return new Widths(widths.clone());
    }

    /** Refuses a depth above {@link #MAX_DEPTH}, after the parameter count (whose message says more). */
    private static void checkDepth(int depth) {
        Arguments.check(depth <= MAX_DEPTH, "depth", depth, "at most " + MAX_DEPTH + " layers (Widths.MAX_DEPTH)");
    }

    /** The widths as {@code [d_0, d_1, ...]}, the middle of a long chain left out with its count. */
    private static String abbreviated(int[] widths) {
        if (widths.length <= 8) {
            return Arrays.toString(widths);
        }
        int n = widths.length;
        return "[" + widths[0] + ", " + widths[1] + ", " + widths[2] + ", ... (" + (n - 5) + " more), " + widths[n - 2]
                + ", " + widths[n - 1] + "]";
    }

    /**
     * A chain of depth {@code depth} whose hidden layers all have width {@code hidden}.
     *
     * @param m      output dimension {@code d_N}
     * @param hidden width of every hidden layer
     * @param n      input dimension {@code d_0}
     * @param depth  the depth N, at least 2
     * @return the widths {@code n, hidden, ..., hidden, m}
     * @throws IllegalArgumentException if a dimension is below 1, the depth below 2 or above {@link #MAX_DEPTH}, or
     *                                  the chain has more parameters ({@code n h + (N - 2) h^2 + h m}) than an
     *                                  {@code int} counts
     */
    public static Widths uniform(int m, int hidden, int n, int depth) {
        Arguments.atLeast("m", m, 1);
        Arguments.atLeast("hidden", hidden, 1);
        Arguments.atLeast("n", n, 1);
        Arguments.atLeast("depth", depth, 2);
        // counted before the widths array is made (review of 2026-12-07: a depth of 4e8 ran out of memory making
        // it); in doubles, exact below 2^53 and far past the limit above it
        double parameters = (double) n * hidden + (depth - 2.0) * hidden * hidden + (double) hidden * m;
        if (parameters > Integer.MAX_VALUE) {
            throw Arguments.fail("widths", "uniform(m = " + m + ", hidden = " + hidden + ", n = " + n + ", depth = "
                    + depth + ")", "at most " + Integer.MAX_VALUE + " parameters in all (the state is one array), not"
                    + " n h + (N - 2) h^2 + h m = " + String.format(Locale.ROOT, "%.4g", parameters));
        }
        checkDepth(depth);
        int[] w = new int[depth + 1];
        Arrays.fill(w, hidden);
        w[0] = n;
        w[depth] = m;
        return of(w);
    }

    /**
     * The depth N, the number of layers.
     *
     * @return N, at least 2
     */
    public int depth() {
        return widths.length - 1;
    }

    /**
     * The width {@code d_j}.
     *
     * @param j index from 0 (input) to N (output)
     * @return the width
     * @throws IndexOutOfBoundsException naming {@code j} and the range if {@code j} is outside [0, N]
     */
    public int width(int j) {
        Arguments.index("j", j, 0, depth());
        return widths[j];
    }

    /**
     * The input dimension {@code n = d_0}.
     *
     * @return n
     */
    public int inputDimension() {
        return widths[0];
    }

    /**
     * The output dimension {@code m = d_N}.
     *
     * @return m
     */
    public int outputDimension() {
        return widths[widths.length - 1];
    }

    /**
     * The smallest width of the chain, which bounds the rank of the end-to-end map.
     *
     * @return {@code min_j d_j}
     */
    public int minWidth() {
        return Arrays.stream(widths).min().orElseThrow();
    }

    /**
     * Rows of layer {@code W_j}.
     *
     * @param layer the layer, 1-based
     * @return {@code d_j}
     */
    public int rowsOf(int layer) {
        checkLayer(layer);
        return widths[layer];
    }

    /**
     * Columns of layer {@code W_j}.
     *
     * @param layer the layer, 1-based
     * @return {@code d_{j-1}}
     */
    public int colsOf(int layer) {
        checkLayer(layer);
        return widths[layer - 1];
    }

    /**
     * The number of entries of all layers together, {@code sum_j d_j d_{j-1}}: the size of the flat state that
     * {@link org.deeplinear.core.model.GradientEngine} reads.
     *
     * @return the parameter count
     */
    public int parameterCount() {
        return offsets[offsets.length - 1];   // (of() has checked the sum fits an int)
    }

    /**
     * Where layer {@code j} starts in the flat state: layers are stored in order {@code W_1, ..., W_N}, each
     * row-major.
     *
     * @param layer the layer, 1-based
     * @return the offset of {@code W_j}'s first entry
     */
    public int offsetOf(int layer) {
        checkLayer(layer);
        return offsets[layer - 1];
    }

    /**
     * The widths as an array, input first.
     *
     * @return a copy of {@code d_0, ..., d_N}
     */
    public int[] toArray() {
        return widths.clone();
    }

    private void checkLayer(int layer) {
        Arguments.index("layer", layer, 1, depth());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Widths && Arrays.equals(widths, ((Widths) o).widths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths);
    }

    @Override
    public String toString() {
        return "Widths" + Arrays.toString(widths);
    }
}
