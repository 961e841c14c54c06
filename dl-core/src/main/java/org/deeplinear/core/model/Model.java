package org.deeplinear.core.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Widths;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.AlignedCoordinates;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;

/**
 * A linear network and its target at one instant: the factors {@code W_N ... W_1} (two layers: {@code W U}) and
 * {@code A*}, with what they determine: the end-to-end map {@code A}, the residual {@code G = A - A*}, the whitened
 * squared loss {@code L = 1/2 ||G||_F^2}, the gradients with respect to every layer, the {@link Imbalance} and the
 * {@link AlignedCoordinates} of {@code A}.
 *
 * <p>An immutable value: the map, residual, loss and gradients are computed once at construction (through
 * {@link GradientEngine}, with the {@link ProductBackends#preferred() preferred} backend); the imbalance and the
 * aligned coordinates on request. Safe to share between threads.
 */
public final class Model {

    private final FactorChain factors;
    private final Target target;
    private final Matrix endToEnd;
    private final Matrix residual;
    private final double loss;
    private final Gradients gradients;

    private Model(FactorChain factors, Target target) {
        this.factors = factors;
        this.target = target;
        Widths widths = factors.widths();
        GradientEngine engine = new GradientEngine(widths, target, ProductBackends.preferred());
        double[] state = factors.toState();
        double[] negative = new double[state.length];
        this.loss = engine.evaluate(state, negative);
        int m = target.rows();
        int n = target.cols();
        double[] buffer = new double[m * n];
        engine.copyEndToEnd(buffer);
        for (double x : buffer) {
            if (!Double.isFinite(x)) {
                // named as what overflowed, the product (a review of 2026-12-08: "A[0][0] = NaN", which inf - inf
                // leaves, named a matrix the caller never made)
                throw Arguments.fail("factors", widths, "factors whose end-to-end map W_N ... W_1 is finite in"
                        + " doubles (a partial product overflows)");
            }
        }
        this.endToEnd = Matrix.fromRowMajor("A", m, n, buffer);
        // the loss before the residual: a residual A - A* that overflows was named as "G[0][0]" (review of
        // 2026-12-08), and its loss overflows too
        if (!Double.isFinite(loss)) {
            throw Arguments.fail("loss", loss,
                    "a finite value: 1/2 ||A - A*||_F^2 of these factors overflows a double");
        }
        engine.copyResidual(buffer);
        this.residual = Matrix.fromRowMajor("G", m, n, buffer);
        List<Matrix> perLayer = new ArrayList<>(widths.depth());
        for (int j = 1; j <= widths.depth(); j++) {
            int offset = widths.offsetOf(j);
            int rows = widths.rowsOf(j);
            int cols = widths.colsOf(j);
            double[] g = new double[rows * cols];
            for (int i = 0; i < g.length; i++) {
                g[i] = -negative[offset + i];
                if (!Double.isFinite(g[i])) {
                    // named as what overflowed, as the map above ("dL/dW_1[0][0] = Infinity"; the same review)
                    throw Arguments.fail("factors", widths, "factors whose gradient dL/dW_" + j + " is finite in"
                            + " doubles as formed, through products of the layers and the residual (one of them"
                            + " overflows)");
                }
            }
            perLayer.add(Matrix.fromRowMajor("dL/dW_" + j, rows, cols, g));
        }
        this.gradients = new Gradients(perLayer);
    }

    /**
     * The model of a chain and a target.
     *
     * @param factors the chain {@code W_N ... W_1}
     * @param target  the target, of shape {@code d_N x d_0}
     * @return the model
     * @throws IllegalArgumentException if an argument is null, the shapes disagree, or the values overflow a
     *                                  double (a non-finite end-to-end map, loss or gradient; the message names it).
     *                                  The products are formed from the input side, {@code P_j = W_j P_{j-1}}: a
     *                                  partial product that overflows is refused as the map it makes non-finite,
     *                                  also where a later layer would have brought the map back into range
     *                                  (layers of 2^600, 2^600, 2^-900); such chains are outside what a double
     *                                  state can integrate anyway
     */
    public static Model of(FactorChain factors, Target target) {
        Arguments.notNull("factors", factors);
        Arguments.notNull("target", target);
        Widths widths = factors.widths();
        Arguments.check(widths.outputDimension() == target.rows() && widths.inputDimension() == target.cols(),
                "factors", widths, "an end-to-end map of the target's shape " + target.matrix().shape());
        return new Model(factors, target);
    }

    /**
     * The two-layer model {@code A = W U}.
     *
     * @param w      the output factor, m x k
     * @param u      the input factor, k x n
     * @param target the target, m x n
     * @return the model
     * @throws IllegalArgumentException if an argument is null or the shapes disagree
     */
    public static Model of(OutputFactor w, InputFactor u, Target target) {
        return of(FactorChain.of(w, u), target);
    }

    /**
     * The same target with other factors.
     *
     * @param newFactors the factors, with the target's output and input dimensions (the hidden widths and the
     *                   depth may differ from this model's)
     * @return a new model
     * @throws IllegalArgumentException as {@link #of(FactorChain, Target)}
     */
    public Model withFactors(FactorChain newFactors) {
        return of(newFactors, target);
    }

    /**
     * The factors.
     *
     * @return the chain {@code W_N ... W_1}
     */
    public FactorChain factors() {
        return factors;
    }

    /**
     * The target.
     *
     * @return {@code A*}
     */
    public Target target() {
        return target;
    }

    /**
     * The depth N.
     *
     * @return at least 2
     */
    public int depth() {
        return factors.depth();
    }

    /**
     * The output factor {@code W = W_N}.
     *
     * @return the output factor
     */
    public OutputFactor outputFactor() {
        return factors.outputFactor();
    }

    /**
     * The input factor {@code U = W_1}.
     *
     * @return the input factor
     */
    public InputFactor inputFactor() {
        return factors.inputFactor();
    }

    /**
     * The end-to-end map {@code A = W_N ... W_1}.
     *
     * @return the m x n matrix
     */
    public Matrix endToEnd() {
        return endToEnd;
    }

    /**
     * The residual {@code G = A - A*}.
     *
     * @return the m x n matrix
     */
    public Matrix residual() {
        return residual;
    }

    /**
     * The whitened squared loss {@code 1/2 ||A - A*||_F^2}.
     *
     * @return the loss, {@code >= 0}
     */
    public double loss() {
        return loss;
    }

    /**
     * The gradients of the loss with respect to every layer.
     *
     * @return the gradients
     */
    public Gradients gradients() {
        return gradients;
    }

    /**
     * The imbalance {@code D_j = W_{j+1}^T W_{j+1} - W_j W_j^T} at every junction (two layers:
     * {@code W^T W - U U^T}).
     *
     * @return the imbalance
     * @throws IllegalStateException if an entry of an imbalance overflows a double: the Gram matrices of layers
     *                               of norm about 1e154 or more (the loss of such a model can still be finite,
     *                               e.g. {@code W = 1e200}, {@code U = 1e-200}); or if a junction's width {@code d}
     *                               makes {@code d x d} more entries than an array holds (widths above 46,340)
     */
    public Imbalance imbalance() {
        ProductBackend products = ProductBackends.preferred();
        List<Matrix> junctions = new ArrayList<>(depth() - 1);
        for (int j = 1; j < depth(); j++) {
            int width = factors.layer(j).rows();
            // (a width of 50,000 failed with EJML's "Matrix size exceeds the size of an integer"; review of
            // 2026-12-08)
            if ((long) width * width > Matrix.MAX_ENTRIES) {
                throw new IllegalStateException("the imbalance D_" + j + " is " + width + " x " + width + ", more"
                        + " entries than an array holds (" + Matrix.MAX_ENTRIES + "): the junction after layer " + j
                        + " is too wide for a Gram matrix");
            }
        }
        for (int j = 1; j < depth(); j++) {
            DMatrixRMaj upper = factors.layer(j + 1).toDMatrix();
            DMatrixRMaj lower = factors.layer(j).toDMatrix();
            DMatrixRMaj d = new DMatrixRMaj(lower.numRows, lower.numRows);
            products.gemm(true, false, 1.0, upper, upper, 0.0, d);
            products.gemm(false, true, -1.0, lower, lower, 1.0, d);
            for (double x : d.data) {
                if (!Double.isFinite(x)) {
                    throw new IllegalStateException("the imbalance D_" + j + " = W_" + (j + 1) + "^T W_" + (j + 1)
                            + " - W_" + j + " W_" + j + "^T overflows a double (||W_" + (j + 1) + "||_F = "
                            + factors.layer(j + 1).frobeniusNorm() + ", ||W_" + j + "||_F = "
                            + factors.layer(j).frobeniusNorm() + ")");
                }
            }
            junctions.add(Matrix.copyOf("D_" + j, d));
        }
        return new Imbalance(junctions);
    }

    /**
     * The end-to-end map in the target's singular bases, {@code P = U*^T A V*}: the aligned modes and the
     * coupling (the share of {@code A} off them).
     *
     * @return the aligned coordinates of {@link #endToEnd()}
     */
    public AlignedCoordinates alignedCoordinates() {
        return AlignedCoordinates.of(target, endToEnd);
    }

    @Override
    public String toString() {
        return "Model(" + factors.widths() + ", loss = " + loss + ")";
    }
}
