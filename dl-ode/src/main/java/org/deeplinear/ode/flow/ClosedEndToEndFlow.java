package org.deeplinear.ode.flow;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The end-to-end flow closed in {@code A} alone, for a two-layer network whose imbalance is
 * {@code W^T W - U U^T = lambda I} (THEORY.md, identities 1, 4 and 5):
 * {@code dA/dt = -(W W^T) G - G (U^T U)} with {@code G = A - A*} and
 * <ul>
 *   <li>{@code W W^T = (lambda/2) I + (A A^T + lambda^2/4 I)^{1/2}},</li>
 *   <li>{@code U^T U = -(lambda/2) I + (A^T A + lambda^2/4 I)^{1/2}};</li>
 * </ul>
 * for {@code lambda = 0} (balanced) this is {@code dA/dt = -(A A^T)^{1/2} G - G (A^T A)^{1/2}}. The symmetric
 * functions are taken through EJML's symmetric eigen-decomposition, eigenvalues of {@code A A^T} below zero
 * (rounding) clamped at 0, and each branch is written so that it does not cancel (e.g.
 * {@code U^T U} uses {@code e / (r + lambda/2)} with {@code r = sqrt(e + lambda^2/4)} when {@code lambda > 0}).
 *
 * <p>Balanced depth N ({@link #balancedDepth}, Arora, Cohen, Hazan 2018, Thm 1; THEORY.md identity 4):
 * {@code dA/dt = -sum_{j=1..N} (A A^T)^{(j-1)/N} G (A^T A)^{(N-j)/N}}, the fractional powers through the same
 * eigen-decompositions (a zero power is the identity).
 *
 * <p><b>Limitation: rank-deficient maps.</b> The square roots have an infinite derivative at a zero eigenvalue.
 * Where {@code A A^T} or {@code A^T A} has one (A of rank below m, resp. n: a non-square map always, a square one
 * of deficient rank, e.g. {@code A = W U} through a hidden width {@code k < min(m, n)}), the computed Gram matrix's
 * rounding error, about {@code c eps ||A||^2} with {@code c} of the order of the dimension, is not clamped away but
 * square-rooted into a spurious eigenvalue of about {@code sqrt(c eps) ||A||} ({@code sqrt(eps) = 1.5e-8}), a
 * different one at each evaluation. Then, with {@code lambda = 0} (measured in ClosedFlowRankDeficientTest against
 * the factor flow from balanced starts, default tolerances, 4 x 4 and 4 x 3 targets):
 * <ul>
 *   <li>where the target has nothing in the missing directions (a rank-r map toward a rank-r target, or a
 *       full-column-rank non-square map), the flow is accurate only to about {@code sqrt(eps) ||A||} instead of
 *       the integrator's tolerance: measured {@code 1e-9 ||A||} (rank 2 of 4) and {@code 6e-9 ||A||} (4 x 3),
 *       against {@code 5e-11 ||A||} from a full-rank start;</li>
 *   <li>where the target does have a singular value {@code sigma} in a missing direction (a map that cannot
 *       learn it, such as {@code W U} with too narrow a hidden layer), the spurious eigenvalue seeds that saddle
 *       mode, which the factor flow keeps at exactly 0 (its rank is at most {@code k}) and the closed flow lets
 *       grow like {@code sqrt(eps) ||A|| e^{2 sigma t}}: measured {@code 4e-9} at {@code t = 0.8} and
 *       {@code 1.6e-6} at {@code t = 4} for {@code sigma = 1}; the closed flow is then no model of a
 *       rank-limited network beyond {@code t ~ ln(1/sqrt(eps)) / (2 sigma)};</li>
 *   <li>the noise, non-smooth at the scale {@code sqrt(eps) ||A|| ||G||}, defeats the step-size control once
 *       the tolerance is below it: measured about 1,500 times the factor flow's evaluations at
 *       {@code (1e-12, 1e-14)} (1.1 million against 752), where a full-rank start costs about the same as the
 *       factor flow; at the default tolerances the cost depends on the noise's draw (524 against 425 with the
 *       default integrator, 11,552 against 467 with Hipparchus's Dormand-Prince 8(5,3), whose stage sums
 *       round differently).</li>
 * </ul>
 * For rank-deficient maps, integrate the factors ({@code Simulation.flow}) instead, or keep the tolerances above
 * {@code sqrt(eps)}.
 *
 * <p>A mutable engine: buffers are allocated at construction and reused; not thread-safe. The lambda-balanced
 * case ({@code lambda != 0}) needs {@code m = k = n}, so the target must be square.
 */
public final class ClosedEndToEndFlow {

    private final Target target;
    private final double lambda;
    private final int depth;
    private final ProductBackend products;
    private final int m;
    private final int n;
    private final double[] targetData;
    private final DMatrixRMaj a;
    private final DMatrixRMaj g;
    private final DMatrixRMaj aat;
    private final DMatrixRMaj ata;
    private final DMatrixRMaj outputGram;
    private final DMatrixRMaj inputGram;
    private final DMatrixRMaj velocity;
    private final DMatrixRMaj product;
    private final EigenDecomposition_F64<DMatrixRMaj> eigenM;
    private final EigenDecomposition_F64<DMatrixRMaj> eigenN;

    /**
     * A closed flow toward a target.
     *
     * @param target   the target {@code A*} (m x n; square if {@code lambda != 0})
     * @param lambda   the imbalance {@code W^T W - U U^T = lambda I}, finite (0: balanced)
     * @param products the product backend
     * @throws IllegalArgumentException if an argument is null, lambda is not finite, or lambda is not 0 and the
     *                                  target is not square
     */
    public ClosedEndToEndFlow(Target target, double lambda, ProductBackend products) {
        this(target, lambda, 2, products);
    }

    /**
     * The closed flow of a balanced chain of depth N toward a target.
     *
     * @param target   the target {@code A*}
     * @param depth    the depth N, at least 2 (2 is the balanced two-layer flow)
     * @param products the product backend
     * @return the flow
     * @throws IllegalArgumentException if an argument is null or the depth below 2
     */
    public static ClosedEndToEndFlow balancedDepth(Target target, int depth, ProductBackend products) {
        return new ClosedEndToEndFlow(target, 0.0, Arguments.atLeast("depth", depth, 2), products);
    }

    private ClosedEndToEndFlow(Target target, double lambda, int depth, ProductBackend products) {
        this.target = Arguments.notNull("target", target);
        this.lambda = Arguments.finite("lambda", lambda);
        this.depth = depth;
        this.products = Arguments.notNull("products", products);
        this.m = target.rows();
        this.n = target.cols();
        Arguments.check(lambda == 0 || m == n, "target", target.matrix().shape(),
                "a square target for lambda = " + lambda + " != 0 (lambda-balanced needs m = k = n)");
        targetData = new double[m * n];
        target.matrix().copyTo(targetData, 0);
        a = new DMatrixRMaj(m, n);
        g = new DMatrixRMaj(m, n);
        aat = new DMatrixRMaj(m, m);
        ata = new DMatrixRMaj(n, n);
        outputGram = new DMatrixRMaj(m, m);
        inputGram = new DMatrixRMaj(n, n);
        velocity = new DMatrixRMaj(m, n);
        product = new DMatrixRMaj(m, n);
        eigenM = DecompositionFactory_DDRM.eig(m, true, true);
        eigenN = DecompositionFactory_DDRM.eig(n, true, true);
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
     * The imbalance assumed.
     *
     * @return lambda
     */
    public double lambda() {
        return lambda;
    }

    /**
     * The depth N of the balanced chain this flow stands for.
     *
     * @return N, 2 for the two-layer flows
     */
    public int depth() {
        return depth;
    }

    /**
     * The product backend.
     *
     * @return the backend
     */
    public ProductBackend products() {
        return products;
    }

    /**
     * The velocity {@code dA/dt} at a map given by its entries.
     *
     * @param endToEnd the entries of {@code A}, row-major, {@code m * n} of them (Not modified)
     * @param result   where {@code dA/dt} is written, row-major, {@code m * n} entries from {@code offset}
     *                 (Modified; the rest untouched): how an ODE integrator has a stage written into its row; not
     *                 {@code endToEnd}
     * @param offset   where {@code dA/dt} starts in {@code result}
     * @throws IllegalArgumentException if an array is null, {@code endToEnd} holds fewer than {@code m * n}
     *                                  entries or {@code result} has no room for them from {@code offset}
     * @throws IllegalStateException if a Gram matrix {@code A A^T}, {@code A^T A} is not finite (a map so large
     *                               that its squares overflow: how an integrated flow that leaves the doubles is
     *                               told) or its eigen-decomposition does not converge
     */
    public void velocity(double[] endToEnd, double[] result, int offset) {
        Arguments.check(Arguments.notNull("endToEnd", endToEnd).length >= m * n, "endToEnd.length",
                endToEnd.length, "at least m * n = " + m * n + " entries");
        Arguments.check(offset >= 0 && offset <= Arguments.notNull("result", result).length - m * n, "offset",
                offset, "room for m * n = " + m * n + " entries in result (length " + result.length + ")");
        System.arraycopy(endToEnd, 0, a.data, 0, m * n);
        for (int i = 0; i < m * n; i++) {
            g.data[i] = a.data[i] - targetData[i];
        }
        products.gemm(false, true, 1.0, a, a, 0.0, aat);
        products.gemm(true, false, 1.0, a, a, 0.0, ata);
        decompose(eigenM, aat);
        decompose(eigenN, ata);
        if (depth == 2) {
            reconstruct(eigenM, true, lambda, outputGram);
            reconstruct(eigenN, true, -lambda, inputGram);
            products.gemm(false, false, -1.0, outputGram, g, 0.0, velocity);
            products.gemm(false, false, -1.0, g, inputGram, 1.0, velocity);
        } else {
            velocity.zero();
            for (int j = 1; j <= depth; j++) {
                reconstruct(eigenM, false, (j - 1) / (double) depth, outputGram);
                reconstruct(eigenN, false, (depth - j) / (double) depth, inputGram);
                products.gemm(false, false, 1.0, outputGram, g, 0.0, product);
                products.gemm(false, false, -1.0, product, inputGram, 1.0, velocity);
            }
        }
        System.arraycopy(velocity.data, 0, result, offset, m * n);
    }

    /**
     * The velocity {@code dA/dt} at a map.
     *
     * @param endToEnd the map {@code A}, of the target's shape, with {@code ||A||_F^2} finite (so that the Gram
     *                 matrices {@code A A^T}, {@code A^T A}, whose entries it bounds, are)
     * @return {@code dA/dt}
     * @throws IllegalArgumentException if the shape differs from the target's or {@code ||A||_F^2} overflows
     */
    public Matrix velocity(Matrix endToEnd) {
        Arguments.notNull("endToEnd", endToEnd);
        Arguments.check(endToEnd.hasShape(m, n), "endToEnd", endToEnd.shape(),
                "the target's shape " + target.matrix().shape());
        double norm = endToEnd.frobeniusNorm();
        Arguments.check(Double.isFinite(norm * norm), "||endToEnd||_F", norm,
                "a map whose squared norm is finite (below 1.3e154: the Gram matrices A A^T, A^T A overflow)");
        double[] in = new double[m * n];
        endToEnd.copyTo(in, 0);
        double[] out = new double[m * n];
        velocity(in, out, 0);
        return Matrix.fromRowMajor("dA/dt", m, n, out);
    }

    /**
     * The output Gram matrix this flow assumes, {@code W W^T = (lambda/2) I + (A A^T + lambda^2/4 I)^{1/2}}
     * (two layers only).
     *
     * @param endToEnd the map {@code A}, of the target's shape
     * @return the m x m matrix
     * @throws IllegalArgumentException if the shape differs from the target's or the flow is of depth above 2
     */
    public Matrix outputGram(Matrix endToEnd) {
        Arguments.check(depth == 2, "depth", depth, "2 (Gram matrices of W U)");
        velocity(endToEnd);
        return Matrix.copyOf("W W^T", outputGram);
    }

    /**
     * The input Gram matrix this flow assumes, {@code U^T U = -(lambda/2) I + (A^T A + lambda^2/4 I)^{1/2}}
     * (two layers only).
     *
     * @param endToEnd the map {@code A}, of the target's shape
     * @return the n x n matrix
     * @throws IllegalArgumentException if the shape differs from the target's or the flow is of depth above 2
     */
    public Matrix inputGram(Matrix endToEnd) {
        Arguments.check(depth == 2, "depth", depth, "2 (Gram matrices of W U)");
        velocity(endToEnd);
        return Matrix.copyOf("U^T U", inputGram);
    }

    private static void decompose(EigenDecomposition_F64<DMatrixRMaj> eigen, DMatrixRMaj s) {
        for (double x : s.data) {
            if (!Double.isFinite(x)) {
                throw new IllegalStateException("a " + s.numRows + " x " + s.numRows
                        + " Gram matrix of the map is not finite (the map's squares overflow)");
            }
        }
        if (!eigen.decompose(s)) {
            throw new IllegalStateException("symmetric eigen-decomposition of a " + s.numRows + " x " + s.numRows
                    + " Gram matrix did not converge");
        }
    }

    /**
     * {@code F = Q f(E) Q^T} for the decomposed symmetric positive semi-definite {@code S = Q E Q^T}, eigenvalues
     * below 0 counted as 0: {@code f(e) = l/2 + sqrt(e + l^2/4)} without cancellation for a Gram matrix, else
     * {@code f(e) = e^p} (with {@code e^0 = 1}).
     */
    private static void reconstruct(EigenDecomposition_F64<DMatrixRMaj> eigen, boolean gram, double parameter,
            DMatrixRMaj result) {
        int d = result.numRows;
        result.zero();
        for (int i = 0; i < eigen.getNumberOfEigenvalues(); i++) {
            double e = Math.max(0.0, eigen.getEigenvalue(i).real);
            double value = gram ? gramValue(e, parameter) : parameter == 0 ? 1.0 : Math.pow(e, parameter);
            if (value == 0) {
                continue;
            }
            double[] q = eigen.getEigenVector(i).data;
            for (int r = 0; r < d; r++) {
                double vr = value * q[r];
                int row = r * d;
                for (int c = 0; c < d; c++) {
                    result.data[row + c] += vr * q[c];
                }
            }
        }
    }

    /** {@code l/2 + sqrt(e + l^2/4)} for {@code e >= 0}, without cancellation. */
    static double gramValue(double e, double l) {
        if (l == 0) {
            return Math.sqrt(e);
        }
        double r = Math.sqrt(e + 0.25 * l * l);
        if (l > 0) {
            return 0.5 * l + r;
        }
        double denominator = r - 0.5 * l; // r + |l|/2 > 0
        return e / denominator;
    }
}
