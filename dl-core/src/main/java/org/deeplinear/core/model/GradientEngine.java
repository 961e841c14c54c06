package org.deeplinear.core.model;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Widths;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;

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
 * <p>A mutable engine: all buffers (and the layers' offsets in the state) are set up at construction and reused,
 * so {@link #forward} and {@link #evaluate} allocate nothing. The state is not checked for finiteness (that would
 * cost a pass over it on every call): a non-finite state gives a non-finite loss, which callers must test.
 * Not thread-safe; cheap to create one per thread.
 */
public final class GradientEngine {

    private final Widths widths;
    private final ProductBackend products;
    private final int depth;
    private final int parameterCount;
    private final int[] offsets;          // offsets[j] = where W_j starts in the state, j = 1..N
    private final double[] targetData;
    private final DMatrixRMaj[] layers;   // layers[j] = W_j, j = 1..N
    private final DMatrixRMaj[] prefix;   // prefix[j] = W_j ... W_1, j = 1..N-1 (prefix[1] aliases W_1)
    private final DMatrixRMaj[] back;     // back[j] = -(W_N ... W_{j+1})^T G, j = 1..N-1 (back[1] aliases -dL/dW_1)
    private final DMatrixRMaj[] negative; // negative[j] = -dL/dW_j, j = 1..N
    private final DMatrixRMaj endToEnd;
    private final DMatrixRMaj residual;

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
        int m = widths.outputDimension();
        int n = widths.inputDimension();
        this.targetData = new double[m * n];
        target.matrix().copyTo(targetData, 0);
        offsets = new int[depth + 1];
        layers = new DMatrixRMaj[depth + 1];
        negative = new DMatrixRMaj[depth + 1];
        for (int j = 1; j <= depth; j++) {
            offsets[j] = widths.offsetOf(j);
            layers[j] = new DMatrixRMaj(widths.rowsOf(j), widths.colsOf(j));
            negative[j] = new DMatrixRMaj(widths.rowsOf(j), widths.colsOf(j));
        }
        prefix = new DMatrixRMaj[depth];
        back = new DMatrixRMaj[depth];
        prefix[1] = layers[1];
        back[1] = negative[1];
        for (int j = 2; j < depth; j++) {
            prefix[j] = new DMatrixRMaj(widths.width(j), n);
            back[j] = new DMatrixRMaj(widths.width(j), n);
        }
        endToEnd = new DMatrixRMaj(m, n);
        residual = new DMatrixRMaj(m, n);
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
     * Loads a state and computes the end-to-end map, the residual and the loss (no gradients).
     *
     * @param state the flat state, {@code widths().parameterCount()} entries (Not modified)
     * @return the loss {@code 1/2 ||A - A*||_F^2}
     * @throws IllegalArgumentException if the state has the wrong length
     */
    public double forward(double[] state) {
        load(state);
        for (int j = 2; j < depth; j++) {
            products.gemm(false, false, 1.0, layers[j], prefix[j - 1], 0.0, prefix[j]);
        }
        products.gemm(false, false, 1.0, layers[depth], prefix[depth - 1], 0.0, endToEnd);
        double[] a = endToEnd.data;
        double[] g = residual.data;
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            double r = a[i] - targetData[i];
            g[i] = r;
            sum += r * r;
        }
        return 0.5 * sum;
    }

    /**
     * Loads a state, computes the loss and writes the negative gradient {@code -dL/dW_j} of every layer into
     * {@code negativeGradient}, in the state's layout: the right-hand side of gradient flow.
     *
     * @param state            the flat state, {@code widths().parameterCount()} entries (Not modified)
     * @param negativeGradient the result, as long as the state (Modified); may be {@code state} itself, which is
     *                         read in full before anything is written
     * @return the loss at {@code state}
     * @throws IllegalArgumentException if an array has the wrong length
     */
    public double evaluate(double[] state, double[] negativeGradient) {
        if (negativeGradient.length != parameterCount) {
            throw Arguments.fail("negativeGradient.length", negativeGradient.length,
                    parameterCount + " entries, as the state for " + widths);
        }
        double loss = forward(state);
        // B_{N-1} = W_N^T G, B_j = W_{j+1}^T B_{j+1}; kept negated so that B_1 is -dL/dW_1 itself
        products.gemm(true, false, -1.0, layers[depth], residual, 0.0, back[depth - 1]);
        for (int j = depth - 2; j >= 1; j--) {
            products.gemm(true, false, 1.0, layers[j + 1], back[j + 1], 0.0, back[j]);
        }
        // -dL/dW_N = -G (W_{N-1} ... W_1)^T
        products.gemm(false, true, -1.0, residual, prefix[depth - 1], 0.0, negative[depth]);
        // -dL/dW_j = -B_j (W_{j-1} ... W_1)^T
        for (int j = 2; j < depth; j++) {
            products.gemm(false, true, 1.0, back[j], prefix[j - 1], 0.0, negative[j]);
        }
        for (int j = 1; j <= depth; j++) {
            System.arraycopy(negative[j].data, 0, negativeGradient, offsets[j], negative[j].getNumElements());
        }
        return loss;
    }

    /**
     * Copies the end-to-end map {@code A} of the last {@link #forward} or {@link #evaluate} call, row-major.
     *
     * @param destination the array written, at least {@code m * n} long (Modified)
     */
    public void copyEndToEnd(double[] destination) {
        System.arraycopy(endToEnd.data, 0, destination, 0, endToEnd.getNumElements());
    }

    /**
     * Copies the residual {@code G = A - A*} of the last {@link #forward} or {@link #evaluate} call, row-major.
     *
     * @param destination the array written, at least {@code m * n} long (Modified)
     */
    public void copyResidual(double[] destination) {
        System.arraycopy(residual.data, 0, destination, 0, residual.getNumElements());
    }

    private void load(double[] state) {
        if (state.length != parameterCount) {
            throw Arguments.fail("state.length", state.length, parameterCount + " entries for " + widths);
        }
        for (int j = 1; j <= depth; j++) {
            System.arraycopy(state, offsets[j], layers[j].data, 0, layers[j].getNumElements());
        }
    }
}
