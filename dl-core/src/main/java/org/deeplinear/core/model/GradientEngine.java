package org.deeplinear.core.model;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Widths;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;

/**
 * The hot path of the library: from a flat state (the layers {@code W_1, ..., W_N}, see
 * {@link FactorChain#toState()}) to the end-to-end map {@code A = W_N ... W_1}, the residual {@code G = A - A*},
 * the loss {@code 1/2 ||G||_F^2} and the gradients {@code dL/dW_j = (W_N ... W_{j+1})^T G (W_{j-1} ... W_1)^T}.
 *
 * <p>One implementation for every depth: the prefix products {@code P_j = W_j ... W_1} are formed on the way
 * forward and the back-propagated residuals {@code B_j = (W_N ... W_{j+1})^T G = W_{j+1}^T B_{j+1}} on the way
 * back, so that {@code dL/dW_j = B_j P_{j-1}^T}, {@code dL/dW_1 = B_1} and {@code dL/dW_N = G P_{N-1}^T}. The
 * identity factors at both ends are never materialised, so the two-layer case costs exactly three products
 * ({@code A = W U}, {@code W^T G}, {@code G U^T}) and depth N costs {@code 3N - 3}. Every product goes through
 * the {@link ProductBackend} seam.
 *
 * <p>A mutable engine: all buffers (and the layers' offsets in the state) are set up at construction and reused, so
 * {@link #forward} and {@link #evaluate} allocate nothing; the layers are read where they lie in the state and the
 * gradients written where they go, through the seam's flat-array products, without copies. The state is not checked
 * for finiteness (that would cost a pass over it on every call): a non-finite state gives a non-finite loss, which
 * callers must test. Not thread-safe; cheap to create one per thread.
 */
public final class GradientEngine {

    private final Widths widths;
    private final ProductBackend products;
    private final int depth;
    private final int parameterCount;
    private final int outputs;            // m
    private final int inputs;             // n
    private final int[] offsets;          // offsets[j] = where W_j starts in the state, j = 1..N
    private final int[] rows;             // rows[j] of W_j, j = 1..N
    private final int[] cols;             // cols[j] of W_j, j = 1..N
    private final double[] targetData;
    private final double[][] prefix;      // prefix[j] = W_j ... W_1, rows[j] x n, j = 2..N-1 (P_1 is W_1 in the state)
    private final double[][] back;        // back[j] = -(W_N ... W_{j+1})^T G, rows[j] x n, j = 2..N-1 (B_1 is written
                                          // where -dL/dW_1 goes)
    private final double[] endToEnd;
    private final double[] residual;
    private double[] stateCopy;           // for evaluate(state, state), made on first need

    /**
     * An engine for one chain shape and one target.
     *
     * @param widths   the chain's widths; the output and input dimensions must match the target
     * @param target   the target {@code A*}
     * @param products the product backend
     * @throws IllegalArgumentException if an argument is null or the dimensions disagree with the target
     */
    public GradientEngine(Widths widths, Target target, ProductBackend products) {
        Arguments.notNull("widths", widths);
        Arguments.notNull("target", target);
        this.products = Arguments.notNull("products", products);
        Arguments.check(widths.outputDimension() == target.rows() && widths.inputDimension() == target.cols(),
                "widths", widths, "output x input dimensions equal to the target's " + target.matrix().shape());
        this.widths = widths;
        this.depth = widths.depth();
        this.parameterCount = widths.parameterCount();
        this.outputs = widths.outputDimension();
        this.inputs = widths.inputDimension();
        this.targetData = new double[outputs * inputs];
        target.matrix().copyTo(targetData, 0);
        offsets = new int[depth + 1];
        rows = new int[depth + 1];
        cols = new int[depth + 1];
        for (int j = 1; j <= depth; j++) {
            offsets[j] = widths.offsetOf(j);
            rows[j] = widths.rowsOf(j);
            cols[j] = widths.colsOf(j);
        }
        prefix = new double[depth][];
        back = new double[depth][];
        for (int j = 2; j < depth; j++) {
            // each d_j x n block is one array: a chain of few parameters can still have one too large (review of
            // 2026-12-07: widths 1, 50000, 1, 50000 failed with NegativeArraySizeException, and 1, 1, 65537, 1,
            // 65536 wrapped to a block too small, refused only inside the products)
            long block = (long) rows[j] * inputs;
            if (block > Matrix.MAX_ENTRIES) {
                throw Arguments.fail("widths", widths, "partial products W_j ... W_1 of at most " + Matrix.MAX_ENTRIES
                        + " entries (d_" + j + " x n = " + rows[j] + " x " + inputs + " = " + block + ")");
            }
            prefix[j] = new double[rows[j] * inputs];
            back[j] = new double[rows[j] * inputs];
        }
        endToEnd = new double[outputs * inputs];
        residual = new double[outputs * inputs];
    }

    /**
     * The widths this engine was built for.
     *
     * @return the widths
     */
    public Widths widths() {
        return widths;
    }

    /**
     * The product backend this engine uses.
     *
     * @return the backend
     */
    public ProductBackend products() {
        return products;
    }

    /**
     * Computes the end-to-end map, the residual and the loss of a state (no gradients).
     *
     * @param state the flat state, {@code widths().parameterCount()} entries (Not modified)
     * @return the loss {@code 1/2 ||A - A*||_F^2}
     * @throws IllegalArgumentException if the state is null or has the wrong length
     */
    public double forward(double[] state) {
        checkState(state);
        return forwardFrom(state);
    }

    /**
     * Computes the loss of a state and writes the negative gradient {@code -dL/dW_j} of every layer into
     * {@code negativeGradient}, in the state's layout: the right-hand side of gradient flow. The layers are
     * multiplied where they lie in the state and each gradient is written where it belongs, without copies.
     *
     * @param state            the flat state, {@code widths().parameterCount()} entries (Not modified)
     * @param negativeGradient the result, as long as the state (Modified); may be {@code state} itself, which is
     *                         then copied once into a buffer of the engine's (made on first need)
     * @return the loss at {@code state}
     * @throws IllegalArgumentException if an array is null or has the wrong length
     */
    public double evaluate(double[] state, double[] negativeGradient) {
        if (negativeGradient != null && negativeGradient.length != parameterCount) {
            throw Arguments.fail("negativeGradient.length", negativeGradient.length,
                    parameterCount + " entries, as the state for " + widths);
        }
        return evaluate(state, negativeGradient, 0);
    }

    /**
     * As {@link #evaluate(double[], double[])}, with the negative gradient written into
     * {@code negativeGradient[offset, offset + parameterCount)} (the rest untouched): how an ODE integrator has the
     * derivative written straight into the row of its stage array that holds a stage.
     *
     * @param state            the flat state, {@code widths().parameterCount()} entries (Not modified)
     * @param negativeGradient the array the result is written into (Modified); may be {@code state} itself (offset
     *                         0), which is then copied once into a buffer of the engine's (made on first need)
     * @param offset           where the result starts, {@code >= 0}, with {@code parameterCount} entries after it
     * @return the loss at {@code state}
     * @throws IllegalArgumentException if an array is null, the state has the wrong length or {@code offset} is not
     *                                  0 where the result is the state
     * @throws IndexOutOfBoundsException naming the offset and its range if the result does not fit from it
     */
    public double evaluate(double[] state, double[] negativeGradient, int offset) {
        if (negativeGradient == null) {
            throw Arguments.fail("negativeGradient", null, "an array of " + parameterCount + " entries for " + widths);
        }
        Arguments.offset("negativeGradient", negativeGradient.length, offset, parameterCount);
        if (negativeGradient == state && offset != 0) {
            throw Arguments.fail("offset", offset, "0 when negativeGradient is the state itself");
        }
        checkState(state);
        double[] w = state;
        if (negativeGradient == state) {
            if (stateCopy == null) {
                stateCopy = new double[parameterCount];
            }
            System.arraycopy(state, 0, stateCopy, 0, parameterCount);
            w = stateCopy;
        }
        double loss = forwardFrom(w);
        double[] out = negativeGradient;
        int n = inputs;
        // B_{N-1} = -W_N^T G, B_j = W_{j+1}^T B_{j+1}, kept negated; B_1 is -dL/dW_1 and goes straight to the output
        products.gemm(true, false, cols[depth], n, outputs, -1.0, w, offsets[depth], residual, 0, 0.0,
                depth == 2 ? out : back[depth - 1], depth == 2 ? offset + offsets[1] : 0);
        for (int j = depth - 2; j >= 1; j--) {
            products.gemm(true, false, cols[j + 1], n, rows[j + 1], 1.0, w, offsets[j + 1], back[j + 1], 0, 0.0,
                    j == 1 ? out : back[j], j == 1 ? offset + offsets[1] : 0);
        }
        // -dL/dW_N = -G P_{N-1}^T
        products.gemm(false, true, outputs, cols[depth], n, -1.0, residual, 0, prefixOf(depth - 1, w),
                prefixOffset(depth - 1), 0.0, out, offset + offsets[depth]);
        // -dL/dW_j = B_j P_{j-1}^T
        for (int j = 2; j < depth; j++) {
            products.gemm(false, true, rows[j], cols[j], n, 1.0, back[j], 0, prefixOf(j - 1, w), prefixOffset(j - 1),
                    0.0, out, offset + offsets[j]);
        }
        return loss;
    }

    /**
     * Copies the end-to-end map {@code A} of the last {@link #forward} or {@link #evaluate} call, row-major.
     *
     * @param destination the array written, at least {@code m * n} long (Modified)
     * @throws IllegalArgumentException if {@code destination} is null or shorter than {@code m * n}
     */
    public void copyEndToEnd(double[] destination) {
        checkDestination(destination);
        System.arraycopy(endToEnd, 0, destination, 0, endToEnd.length);
    }

    /**
     * Copies the residual {@code G = A - A*} of the last {@link #forward} or {@link #evaluate} call, row-major.
     *
     * @param destination the array written, at least {@code m * n} long (Modified)
     * @throws IllegalArgumentException if {@code destination} is null or shorter than {@code m * n}
     */
    public void copyResidual(double[] destination) {
        checkDestination(destination);
        System.arraycopy(residual, 0, destination, 0, residual.length);
    }

    private void checkDestination(double[] destination) {
        if (destination == null || destination.length < endToEnd.length) {
            throw Arguments.fail("destination", destination == null ? "null" : destination.length + " entries",
                    "at least m * n = " + endToEnd.length + " entries");
        }
    }

    /**
     * {@code out = G B}: the residual of the last {@link #forward} or {@link #evaluate} call times a row-major
     * {@code n x columns} matrix, through the engine's product backend, without copying the residual (what the
     * aligned modes {@code u_i^T G v_i} of a descent step need, {@code B = V_p}).
     *
     * @param right   {@code B}, row-major, at least {@code n * columns} entries (Not modified)
     * @param columns the columns of {@code B}, {@code >= 0}
     * @param out     the {@code m x columns} product, row-major, at least {@code m * columns} entries (Modified)
     * @throws IllegalArgumentException if {@code columns} is negative or an array is null or too short
     */
    public void multiplyResidual(double[] right, int columns, double[] out) {
        // checked without building messages: this runs at every descent step that watches modes
        if (columns < 0) {
            throw Arguments.fail("columns", columns, "an integer >= 0");
        }
        if (right == null || out == null) {
            throw Arguments.fail(right == null ? "right" : "out", null, "an array");
        }
        if (right.length < (long) inputs * columns) {
            throw Arguments.fail("right.length", right.length, "at least n * columns = " + (long) inputs * columns
                    + " entries");
        }
        if (out.length < (long) outputs * columns) {
            throw Arguments.fail("out.length", out.length, "at least m * columns = " + (long) outputs * columns
                    + " entries");
        }
        products.gemm(false, false, outputs, columns, inputs, 1.0, residual, 0, right, 0, 0.0, out, 0);
    }

    /** {@code A = W_N P_{N-1}}, {@code G = A - A*} and the loss, with {@code P_j = W_j P_{j-1}} on the way. */
    private double forwardFrom(double[] state) {
        for (int j = 2; j < depth; j++) {
            products.gemm(false, false, rows[j], inputs, cols[j], 1.0, state, offsets[j], prefixOf(j - 1, state),
                    prefixOffset(j - 1), 0.0, prefix[j], 0);
        }
        products.gemm(false, false, outputs, inputs, cols[depth], 1.0, state, offsets[depth],
                prefixOf(depth - 1, state), prefixOffset(depth - 1), 0.0, endToEnd, 0);
        // four partial sums: one running sum would chain every addition behind the previous one's latency
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int length = residual.length;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            double r0 = endToEnd[i] - targetData[i];
            double r1 = endToEnd[i + 1] - targetData[i + 1];
            double r2 = endToEnd[i + 2] - targetData[i + 2];
            double r3 = endToEnd[i + 3] - targetData[i + 3];
            residual[i] = r0;
            residual[i + 1] = r1;
            residual[i + 2] = r2;
            residual[i + 3] = r3;
            s0 += r0 * r0;
            s1 += r1 * r1;
            s2 += r2 * r2;
            s3 += r3 * r3;
        }
        for (; i < length; i++) {
            double r = endToEnd[i] - targetData[i];
            residual[i] = r;
            s0 += r * r;
        }
        double loss = 0.5 * ((s0 + s1) + (s2 + s3));
        // a residual whose squares' sum overflows although half of it may not: computed scaled (rare)
        return loss == Double.POSITIVE_INFINITY ? Matrix.scaledHalfSquaredNorm(residual, 0, length) : loss;
    }

    /** The array holding {@code P_j}: the state itself for {@code j = 1} ({@code P_1 = W_1}). */
    private double[] prefixOf(int j, double[] state) {
        return j == 1 ? state : prefix[j];
    }

    private int prefixOffset(int j) {
        return j == 1 ? offsets[1] : 0;
    }

    private void checkState(double[] state) {
        if (state == null) {
            throw Arguments.fail("state", null, "an array of " + parameterCount + " entries for " + widths);
        }
        if (state.length != parameterCount) {
            throw Arguments.fail("state.length", state.length, parameterCount + " entries for " + widths);
        }
    }
}
