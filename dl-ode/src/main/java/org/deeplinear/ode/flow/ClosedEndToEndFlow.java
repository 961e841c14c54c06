package org.deeplinear.ode.flow;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.mode.SingleMode;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The end-to-end flow closed in {@code A} alone, for a two-layer network whose imbalance is
 * {@code W^T W - U U^T = lambda I} (THEORY.md, identities 1, 4 and 5):
 * {@code dA/dt = -(W W^T) G - G (U^T U)} with {@code G = A - A*} and
 * <ul>
 *   <li>{@code W W^T = (lambda/2) I + (A A^T + lambda^2/4 I)^{1/2}},</li>
 *   <li>{@code U^T U = -(lambda/2) I + (A^T A + lambda^2/4 I)^{1/2}};</li>
 * </ul>
 * for {@code lambda = 0} (balanced) this is {@code dA/dt = -(A A^T)^{1/2} G - G (A^T A)^{1/2}}. The symmetric
 * functions are taken through EJML's singular value decomposition of the map itself, {@code A = U_A S V_A^T}:
 * {@code (A A^T)^{1/2} = U_A S U_A^T}, {@code (A^T A + lambda^2/4 I)^{1/2} = V_A (S^2 + lambda^2/4)^{1/2} V_A^T},
 * each branch written so that it neither cancels nor overflows ({@code r = hypot(s, lambda/2)}; {@code U^T U} uses
 * {@code s^2 / (r + lambda/2)} when {@code lambda > 0}). Not through eigen-decompositions of {@code A A^T} and
 * {@code A^T A}, as this class did until 2026-12-07: squaring the map puts a singular value {@code s} below
 * {@code sqrt(eps) ||A||} under the rounding of the large ones ({@code eps ||A||^2}), and its square root came back
 * as noise of about {@code sqrt(eps) ||A|| = 1.5e-8 ||A||}, a different one at each evaluation (a near-singular map's
 * small mode moved 47% too fast or slow at {@code s = 1e-8}; a rank-deficient one cost the step control a million
 * evaluations at tolerances 1e-12).
 *
 * <p>Balanced depth N ({@link #balancedDepth}, Arora, Cohen, Hazan 2018, Thm 1; THEORY.md identity 4):
 * {@code dA/dt = -sum_{j=1..N} (A A^T)^{(j-1)/N} G (A^T A)^{(N-j)/N}}, the fractional powers {@code s^{2p}} from the
 * same decomposition (a zero power is the identity).
 *
 * <p><b>Accuracy, and two limitations: modes the factors cannot represent, and modes below the map's rounding.</b>
 * The SVD gives the singular values to
 * about {@code eps ||A||} absolutely; at depth {@code N >= 3} values within {@code max(m, n) eps s_max} of 0 are taken
 * as 0 (the rounding of a zero singular value, which the fractional powers would raise), at depth 2 none is (its
 * velocity is linear in {@code s}, and a small mode must grow). Two layers ({@code lambda} any): the velocity is
 * normwise accurate (each component to about {@code eps ||dA/dt||}) for every map, near-singular or of deficient rank
 * (non-square, or {@code W U} through a hidden width {@code k < min(m, n)}). Depth {@code N >= 3}: the powers {@code
 * s^{2p}} with {@code p < 1/2} are ill-conditioned at a small singular value {@code s} themselves (relative error
 * {@code 2p eps s_max / s}), so a small but nonzero {@code s} contributes that much; exact zeros and the large values
 * are accurate (measured with an exact SVD, ClosedFlowTest: normwise below {@code 1e-13} at depths 2-4 for {@code s}
 * from 0 to {@code 2^-27 s_max}). Measured with ClosedFlowRankDeficientTest's cases against the factor flow from
 * balanced starts, default tolerances: rank 2 of 4 toward a rank-2 target within {@code 8.4e-9 ||A||}, a 4 x 3 map
 * within {@code 6e-11 ||A||} (a full-rank start: about {@code 1e-10}), at about the factor flow's cost (477
 * evaluations against 462 there; 787 against 690 at tolerances {@code (1e-12, 1e-14)}); the gap is the
 * integration's error, falls with the tolerances (which that test asserts), though slowly (a review's 5 x 3 map
 * through width 2 toward sigmas 3, 2: 7.7e-8, 4.9e-9 and 1.2e-9 of the factor flow's at rtol 1e-10, 1e-12 and 1e-13,
 * about 16 times per factor 100; 1.5e-7 left at t = 1e5 where the factor flow's was 1e-10, 2026-12-08) and moves with
 * the start (from 1.4e-8 to 4.6e-4 {@code ||A||} at rtol 1e-8 over its seeds 0 to 10 and 22). What remains is the
 * closed flow's by nature: where the target has a singular value {@code sigma} in a direction the factors cannot
 * represent (a hidden layer narrower than the target's rank), the factor flow keeps that mode at exactly 0 (its rank
 * is at most {@code k}),
 * while in the closed flow the integration's error (about the tolerance) seeds that saddle mode and it grows like
 * {@code e^{2 sigma t}}: measured {@code 6e-9} at {@code t = 0.8} and {@code 6e-6} at {@code t = 4} for
 * {@code sigma = 1}. For rank-limited networks, integrate the factors ({@code Simulation.flow}). And the state is
 * {@code A} itself, rounded at about {@code eps ||A||}: a mode below that (one left far below the learned ones from a
 * small start, or one that decays toward 0 because it starts with the other sign than the target's) is its rounding,
 * and it is learned early or never by the sign the rounding gives it, where the factors hold it at the square root of
 * its size (review of 2026-12-08: an aligned balanced start of modes 1e-40 toward sigmas 3, 2, 1 reached the
 * sigma = 1 half-time more than 10 time units early, and its mode started at -1e-40, which never grows, reached 1 by
 * t = 60). For such runs, integrate the factors too.
 *
 * <p>A mutable engine: buffers are allocated at construction and reused; not thread-safe. The lambda-balanced
 * case ({@code lambda != 0}) needs {@code m = k = n}, so the target must be square.
 */
public final class ClosedEndToEndFlow {

    /**
     * The deepest balanced chain {@link #balancedDepth} takes: 10,000 layers, as for the single modes
     * ({@code SingleMode.MAX_DEPTH}). An evaluation sums N terms (12 ms at this depth for a 3 x 2 map on the
     * development machine), and the flow is about N times stiffer (to {@code t = 1} from {@code 0.1 I}: 1,195
     * evaluations at depth 100, 6,353 at 1,000), so that a run's cost grows like {@code N^2}: an API audit's depth
     * of {@code Integer.MAX_VALUE} never finished the one evaluation a simulation makes when it is built. The
     * factor flow of a chain of this depth took 52 s to {@code t = 1} (3 x 2 target, hidden width 2), and deeper
     * chains, which {@code Widths} counts up to {@code Widths.MAX_DEPTH = 2^20} layers, cannot be run to compare
     * with in practice.
     */
    public static final int MAX_DEPTH = SingleMode.MAX_DEPTH;

    private final Target target;
    private final double lambda;
    private final int depth;
    private final ProductBackend products;
    private final int m;
    private final int n;
    private final double[] targetData;
    private final DMatrixRMaj a;
    private final DMatrixRMaj g;
    private final DMatrixRMaj work;          // the copy of A the SVD may overwrite
    private final DMatrixRMaj left;          // U_A, m x p: left singular vectors of A
    private final DMatrixRMaj right;         // V_A, n x p: right singular vectors of A
    private final double[] singular;         // A's singular values, those within rounding of 0 set to 0
    private final DMatrixRMaj outputGram;
    private final DMatrixRMaj inputGram;
    private final DMatrixRMaj velocity;
    private final DMatrixRMaj product;
    private final SingularValueDecomposition_F64<DMatrixRMaj> svd;

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
     * @param depth    the depth N, in {@code [2, MAX_DEPTH]} (2 is the balanced two-layer flow)
     * @param products the product backend
     * @return the flow
     * @throws IllegalArgumentException if an argument is null or the depth below 2 or above {@link #MAX_DEPTH}
     */
    public static ClosedEndToEndFlow balancedDepth(Target target, int depth, ProductBackend products) {
        return new ClosedEndToEndFlow(target, 0.0, checkDepth(depth), products);
    }

    /**
     * Checks a depth for {@link #balancedDepth}, as {@code Simulation.closedDepthFlow} does before its builder.
     *
     * @param depth the depth N
     * @return {@code depth}
     * @throws IllegalArgumentException if it is below 2 or above {@link #MAX_DEPTH}
     */
    public static int checkDepth(int depth) {
        Arguments.atLeast("depth", depth, 2);
        Arguments.check(depth <= MAX_DEPTH, "depth", depth, "at most MAX_DEPTH = " + MAX_DEPTH
                + " (an evaluation sums N terms; the flow is about N times stiffer)");
        return depth;
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
        int p = Math.min(m, n);
        a = new DMatrixRMaj(m, n);
        g = new DMatrixRMaj(m, n);
        work = new DMatrixRMaj(m, n);
        left = new DMatrixRMaj(m, p);
        right = new DMatrixRMaj(n, p);
        singular = new double[p];
        outputGram = new DMatrixRMaj(m, m);
        inputGram = new DMatrixRMaj(n, n);
        velocity = new DMatrixRMaj(m, n);
        product = new DMatrixRMaj(m, n);
        svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
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
     * @throws IllegalArgumentException if an array is null or {@code endToEnd} holds fewer than {@code m * n}
     *                                  entries
     * @throws IndexOutOfBoundsException naming the offset and its range if {@code result} has no room for the
     *                                   {@code m * n} entries from {@code offset}
     * @throws IllegalStateException if the map is not finite or its singular value decomposition does not
     *                               converge (a velocity that overflows is written as it comes, infinite)
     */
    public void velocity(double[] endToEnd, double[] result, int offset) {
        // checked before any message is formed: this runs at every evaluation, and allocates nothing
        if (Arguments.notNull("endToEnd", endToEnd).length < m * n) {
            throw Arguments.fail("endToEnd.length", endToEnd.length, "at least m * n = " + m * n + " entries");
        }
        Arguments.offset("result", Arguments.notNull("result", result).length, offset, m * n);
        System.arraycopy(endToEnd, 0, a.data, 0, m * n);
        for (int i = 0; i < m * n; i++) {
            g.data[i] = a.data[i] - targetData[i];
        }
        decompose();
        if (depth == 2) {
            reconstruct(left, singular, true, lambda, outputGram);
            reconstruct(right, singular, true, -lambda, inputGram);
            products.gemm(false, false, -1.0, outputGram, g, 0.0, velocity);
            products.gemm(false, false, -1.0, g, inputGram, 1.0, velocity);
        } else {
            velocity.zero();
            for (int j = 1; j <= depth; j++) {
                reconstruct(left, singular, false, (j - 1) / (double) depth, outputGram);
                reconstruct(right, singular, false, (depth - j) / (double) depth, inputGram);
                products.gemm(false, false, 1.0, outputGram, g, 0.0, product);
                products.gemm(false, false, -1.0, product, inputGram, 1.0, velocity);
            }
        }
        System.arraycopy(velocity.data, 0, result, offset, m * n);
    }

    /**
     * The velocity {@code dA/dt} at a map.
     *
     * @param endToEnd the map {@code A}, of the target's shape
     * @return {@code dA/dt}
     * @throws IllegalArgumentException if the shape differs from the target's, or the velocity overflows a double
     *                                  (a map of norm about 1e154 or more: {@code dA/dt} is quadratic in it)
     */
    public Matrix velocity(Matrix endToEnd) {
        double[] out = evaluate(endToEnd);
        for (double x : out) {
            if (!Double.isFinite(x)) {
                throw Arguments.fail("||endToEnd||_F", endToEnd.frobeniusNorm(),
                        "a map whose velocity dA/dt is finite (its entries overflow a double)");
            }
        }
        return Matrix.fromRowMajor("dA/dt", m, n, out);
    }

    /** The velocity at a map, unchecked for overflow, leaving the Gram matrices in their buffers. */
    private double[] evaluate(Matrix endToEnd) {
        Arguments.notNull("endToEnd", endToEnd);
        Arguments.check(endToEnd.hasShape(m, n), "endToEnd", endToEnd.shape(),
                "the target's shape " + target.matrix().shape());
        double[] in = new double[m * n];
        endToEnd.copyTo(in, 0);
        double[] out = new double[m * n];
        velocity(in, out, 0);
        return out;
    }

    /**
     * The output Gram matrix this flow assumes, {@code W W^T = (lambda/2) I + (A A^T + lambda^2/4 I)^{1/2}}
     * (two layers only).
     *
     * @param endToEnd the map {@code A}, of the target's shape
     * @return the m x m matrix
     * @throws IllegalArgumentException if the shape differs from the target's, the flow is of depth above 2, or
     *                                  the Gram matrix overflows a double
     */
    public Matrix outputGram(Matrix endToEnd) {
        Arguments.check(depth == 2, "depth", depth, "2 (Gram matrices of W U)");
        evaluate(endToEnd);
        return Matrix.copyOf("W W^T", outputGram);
    }

    /**
     * The input Gram matrix this flow assumes, {@code U^T U = -(lambda/2) I + (A^T A + lambda^2/4 I)^{1/2}}
     * (two layers only).
     *
     * @param endToEnd the map {@code A}, of the target's shape
     * @return the n x n matrix
     * @throws IllegalArgumentException if the shape differs from the target's, the flow is of depth above 2, or
     *                                  the Gram matrix overflows a double
     */
    public Matrix inputGram(Matrix endToEnd) {
        Arguments.check(depth == 2, "depth", depth, "2 (Gram matrices of W U)");
        evaluate(endToEnd);
        return Matrix.copyOf("U^T U", inputGram);
    }

    /**
     * The SVD {@code A = U_A S V_A^T} of the map in {@code a}, its vectors into {@link #left}, {@link #right}. The
     * map is first scaled by a power of two as {@code Target.of} scales its matrix ({@link Matrix#svdScaleExponent},
     * exact): EJML's SVD did not converge for entries near {@code Double.MAX_VALUE} (an API audit: a map with
     * entries of 1.8e308 threw "did not converge" where its velocity overflows, which {@link #velocity(Matrix)}
     * reports as an {@link IllegalArgumentException}) and lost digits on subnormal ones. The singular values are
     * scaled back, and may then overflow to infinity (a map whose {@code ||A||_2} is no double).
     */
    private void decompose() {
        for (double x : a.data) {
            if (!Double.isFinite(x)) {
                throw new IllegalStateException("the map is not finite");
            }
        }
        int exponent = Matrix.svdScaleExponent(a);
        if (exponent != 0) {
            Matrix.svdScale(a, exponent, work);
        } else {
            work.setTo(a);
        }
        if (!svd.decompose(work)) {
            throw new IllegalStateException("the singular value decomposition of the " + m + " x " + n
                    + " map did not converge");
        }
        svd.getU(left, false);
        svd.getV(right, false);
        // at depth N >= 3, a singular value within the decomposition's rounding of 0 (max(m, n) eps s_max) is 0: the
        // fractional powers would raise its noise (1e-16) to s^{2p}, e.g. 1e-8 at depth 4. Not at depth 2, whose
        // velocity is linear in s: there a small mode is a mode, and taken for 0 it never grew (review of
        // 2026-12-07: toward diag(1, 0.1) from 1e-20 I, s_2 stayed at 5e-19 once s_1 was learned)
        double[] values = svd.getSingularValues();
        double largest = 0;
        for (int i = 0; i < singular.length; i++) {
            largest = Math.max(largest, values[i]);
        }
        // compared while scaled: the largest value scaled back may be infinite, and its rounding with it
        double rounding = depth >= 3 ? Math.max(m, n) * Math.ulp(1.0) * largest : 0.0;
        for (int i = 0; i < singular.length; i++) {
            singular[i] = values[i] <= rounding ? 0.0 : Math.scalb(values[i], exponent);
        }
    }

    /**
     * {@code F = f(M M^T)} for {@code M = Q S (...)} with orthonormal columns {@code Q} (d x p) and singular values
     * {@code S}: {@code F = f(0) I + Q diag(f(s_i^2) - f(0)) Q^T}, the directions outside {@code Q} (where
     * {@code d > p}) those of the eigenvalue 0. Here {@code f(e) = l/2 + sqrt(e + l^2/4)} for a Gram matrix, whose
     * {@code f(0) = max(l, 0)} is 0 wherever {@code d > p} (the lambda-balanced flows are square), else
     * {@code f(e) = e^p}, whose {@code f(0)} is 0 but for the zero power, the identity.
     */
    private static void reconstruct(DMatrixRMaj q, double[] singular, boolean gram, double parameter,
            DMatrixRMaj result) {
        int d = result.numRows;
        int p = q.numCols;
        result.zero();
        if (!gram && parameter == 0) {
            for (int r = 0; r < d; r++) {
                result.data[r * d + r] = 1.0;
            }
            return;
        }
        for (int i = 0; i < p; i++) {
            double s = singular[i];
            double value = gram ? gramValue(s, parameter) : Math.pow(s, 2 * parameter);
            if (value == 0) {
                continue;
            }
            for (int r = 0; r < d; r++) {
                double vr = value * q.data[r * p + i];
                int row = r * d;
                for (int c = 0; c < d; c++) {
                    result.data[row + c] += vr * q.data[c * p + i];
                }
            }
        }
    }

    /**
     * {@code l/2 + sqrt(s^2 + l^2/4)} for a singular value {@code s >= 0}, without cancellation or overflow of
     * {@code s^2}: {@code r = hypot(s, l/2)}; for {@code l < 0}, {@code s^2 / (r + |l|/2) = s (s / (r + |l|/2))}.
     */
    static double gramValue(double s, double l) {
        if (l == 0) {
            return s;
        }
        double r = Math.hypot(s, 0.5 * l);
        if (l > 0) {
            return 0.5 * l + r;
        }
        return s * (s / (r - 0.5 * l)); // r + |l|/2 > 0
    }
}
