package org.deeplinear.theory.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Shape;
import org.deeplinear.core.Widths;
import org.deeplinear.core.model.GradientEngine;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.FieldMatrix;

/**
 * The polynomial identities of THEORY.md ("Setting", "Exact identities", "Aligned single modes"), ready for an
 * {@link ExactCheck}. Time derivatives along gradient flow are computed by {@link ExactDerivative} from the
 * polynomial itself (e.g. {@code d/dt (W U)} is the exact derivative of the product along the flow field
 * {@code (-G U^T, -W^T G)}), never from the formula being checked, so each identity compares two independent
 * computations.
 *
 * <p>Names: two-layer identities use {@code W} (m x k), {@code U} (k x n) and {@code A*} (m x n); depth-N ones use
 * {@code W_1, ..., W_N} (input layer first, {@code W_j} is {@code d_j x d_{j-1}}), {@code A*}, and for directions
 * {@code V_1, ..., V_N}. {@code G = A - A*}.
 */
public final class Identities {

    private static final String TARGET = "A*";

    private Identities() {
    }

    /**
     * The gradient of the loss, depth N: for a random direction {@code V}, the exact derivative of
     * {@code L = 1/2 ||W_N ... W_1 - A*||_F^2} along {@code V} equals {@code sum_j <dL/dW_j, V_j>} with
     * {@code dL/dW_j = (W_N ... W_{j+1})^T G (W_{j-1} ... W_1)^T}. Since V is random too, this checks every entry
     * of every gradient. Degree {@code 2N}.
     *
     * @param widths the chain's widths
     * @return the identity
     */
    public static Identity lossGradient(Widths widths) {
        Arguments.notNull("widths", widths);
        int depth = widths.depth();
        return Identity.of("dL/dW_j = (W_N..W_{j+1})^T G (W_{j-1}..W_1)^T, " + widths, chainVariables(widths, true),
                2 * depth, p -> derivativeOfLoss(p, depth),
                p -> {
                    BigFraction sum = BigFraction.ZERO;
                    for (int j = 1; j <= depth; j++) {
                        sum = sum.add(Rationals.inner(gradient(p, depth, j), p.get("V_" + j)));
                    }
                    return Rationals.scalar(sum);
                });
    }

    /**
     * The library's own floating-point {@link GradientEngine} against the exact derivative of the loss, as
     * {@link #lossGradient}: the right side pairs the engine's gradient (computed in doubles) with the random
     * direction. The engine can agree exactly only where its arithmetic does not round, so check it at dyadic
     * points ({@link SampleSet#dyadic(int)}) with few enough bits that every product of {@code 2N - 1} entries and
     * every sum of them fits in 53 bits: {@code (2N - 1) bits + log2(terms) < 53}, e.g. 8 bits for N = 2 on
     * matrices up to 16 x 16. Degree {@code 2N}.
     *
     * @param widths   the chain's widths
     * @param products the product backend the engine uses
     * @return the identity; evaluating it fails with an {@link IllegalArgumentException} at a point that is not
     * exactly representable in doubles
     */
    public static Identity engineGradient(Widths widths, ProductBackend products) {
        Arguments.notNull("widths", widths);
        Arguments.notNull("products", products);
        int depth = widths.depth();
        return Identity.of("GradientEngine gradient = exact gradient of the loss, " + widths,
                chainVariables(widths, true), 2 * depth, p -> derivativeOfLoss(p, depth),
                p -> {
                    Target target = Target.of(toDoubles(p.get(TARGET), TARGET));
                    GradientEngine engine = new GradientEngine(widths, target, products);
                    double[] state = new double[widths.parameterCount()];
                    for (int j = 1; j <= depth; j++) {
                        toDoubles(p.get("W_" + j), "W_" + j).copyTo(state, widths.offsetOf(j));
                    }
                    double[] negative = new double[state.length];
                    engine.evaluate(state, negative);
                    BigFraction sum = BigFraction.ZERO;
                    for (int j = 1; j <= depth; j++) {
                        FieldMatrix<BigFraction> v = p.get("V_" + j);
                        int offset = widths.offsetOf(j);
                        int cols = widths.colsOf(j);
                        for (int r = 0; r < widths.rowsOf(j); r++) {
                            for (int c = 0; c < cols; c++) {
                                BigFraction g = new BigFraction(-negative[offset + r * cols + c]);
                                sum = sum.add(g.multiply(v.getEntry(r, c)));
                            }
                        }
                    }
                    return Rationals.scalar(sum);
                });
    }

    /**
     * The end-to-end identity (THEORY.md identity 1): along gradient flow {@code dW/dt = -G U^T},
     * {@code dU/dt = -W^T G}, the exact derivative of {@code A = W U} equals {@code -G U^T U - W W^T G}. Degree 4.
     *
     * @param shape the network's shape
     * @return the identity
     */
    public static Identity endToEnd(Shape shape) {
        Arguments.notNull("shape", shape);
        return Identity.of("dA/dt = -G U^T U - W W^T G, " + shape, twoLayerVariables(shape), 4,
                p -> ExactDerivative.along(q -> q.get("W").multiply(q.get("U")), 2, p, twoLayerFlow(p)),
                p -> {
                    FieldMatrix<BigFraction> w = p.get("W");
                    FieldMatrix<BigFraction> u = p.get("U");
                    FieldMatrix<BigFraction> g = w.multiply(u).subtract(p.get(TARGET));
                    return g.multiply(u.transpose()).multiply(u).add(w.multiply(w.transpose()).multiply(g))
                            .scalarMultiply(BigFraction.MINUS_ONE);
                });
    }

    /**
     * The end-to-end identity, depth N: along gradient flow of the chain, the exact derivative of
     * {@code A = W_N ... W_1} equals {@code -sum_j S_j S_j^T G P_j^T P_j} with {@code S_j = W_N ... W_{j+1}} and
     * {@code P_j = W_{j-1} ... W_1} (empty products are identities); for N = 2 this is {@link #endToEnd(Shape)}.
     * Degree {@code 3N - 2}.
     *
     * @param widths the chain's widths
     * @return the identity
     */
    public static Identity endToEnd(Widths widths) {
        Arguments.notNull("widths", widths);
        int depth = widths.depth();
        return Identity.of("dA/dt = -sum_j S_j S_j^T G P_j^T P_j, " + widths, chainVariables(widths, false),
                3 * depth - 2,
                p -> ExactDerivative.along(q -> chainProduct(q, 1, depth), depth, p, chainFlow(p, depth)),
                p -> {
                    FieldMatrix<BigFraction> g = residual(p, depth);
                    FieldMatrix<BigFraction> sum = Rationals.zeros(g.getRowDimension(), g.getColumnDimension());
                    for (int j = 1; j <= depth; j++) {
                        FieldMatrix<BigFraction> after = chainProduct(p, j + 1, depth);
                        FieldMatrix<BigFraction> before = chainProduct(p, 1, j - 1);
                        FieldMatrix<BigFraction> term = after == null ? g
                                : after.multiply(after.transpose()).multiply(g);
                        term = before == null ? term : term.multiply(before.transpose().multiply(before));
                        sum = sum.subtract(term);
                    }
                    return sum;
                });
    }

    /**
     * Conservation (THEORY.md identity 2), depth N: along gradient flow, the exact derivative of every junction's
     * imbalance {@code D_j = W_{j+1}^T W_{j+1} - W_j W_j^T} is zero. Both sides are block diagonal, junction
     * {@code j}'s {@code d_j x d_j} block in order, so a counterexample's row names its junction. Degree {@code 2N}.
     *
     * @param widths the chain's widths
     * @return the identity
     */
    public static Identity conservation(Widths widths) {
        Arguments.notNull("widths", widths);
        return imbalanceDerivative(widths, "d/dt (W_{j+1}^T W_{j+1} - W_j W_j^T) = 0, " + widths, (p, flow) -> flow);
    }

    /**
     * {@link #conservation(Widths)} along a velocity field made from gradient flow: {@code field} takes the point and
     * its gradient flow (each {@code W_j}'s velocity {@code -dL/dW_j}) to the velocities along which the left side
     * differentiates the imbalances; conservation's field is the flow itself. The left side is identically 0 only
     * along gradient flow, so a check of conservation alone cannot tell it from a left side that is 0 by
     * construction: along another field (one layer's velocity scaled) the same identity must fail.
     *
     * @param widths the chain's widths
     * @param name   the identity's name
     * @param field  the velocities of the {@code W_j}, from the point and its gradient flow
     * @return the identity {@code d/dt D_j = 0} along the field, blocks as in {@link #conservation(Widths)}
     */
    static Identity imbalanceDerivative(Widths widths, String name, BiFunction<Point, Point, Point> field) {
        int depth = widths.depth();
        int size = 0;
        for (int j = 1; j < depth; j++) {
            size += widths.width(j);
        }
        int blocks = size;
        return Identity.of(name, chainVariables(widths, false), 2 * depth,
                p -> {
                    Point flow = field.apply(p, chainFlow(p, depth));
                    FieldMatrix<BigFraction> out = Rationals.zeros(blocks, blocks);
                    int at = 0;
                    for (int j = 1; j < depth; j++) {
                        String lower = "W_" + j;
                        String upper = "W_" + (j + 1);
                        FieldMatrix<BigFraction> dd = ExactDerivative.along(q -> imbalance(q.get(upper),
                                q.get(lower)), 2, p, flow);
                        out.setSubMatrix(dd.getData(), at, at);
                        at += widths.width(j);
                    }
                    return out;
                },
                p -> Rationals.zeros(blocks, blocks));
    }

    /**
     * The single-mode reduction (Saxe et al. 2014, Eq. 8): with {@code dw/dt = -u (w u - sigma)} and
     * {@code du/dt = -w (w u - sigma)}, the exact derivative of {@code s = w u} equals
     * {@code -(w^2 + u^2)(s - sigma)}. Scalars {@code w}, {@code u}, {@code sigma}; degree 4.
     *
     * @return the identity
     */
    public static Identity singleMode() {
        return Identity.of("ds/dt = -(w^2 + u^2)(s - sigma)",
                List.of(Variable.scalar("w"), Variable.scalar("u"), Variable.scalar("sigma")), 4,
                p -> {
                    BigFraction w = p.scalar("w");
                    BigFraction u = p.scalar("u");
                    BigFraction error = w.multiply(u).subtract(p.scalar("sigma"));
                    Point flow = Point.empty().with("w", Rationals.scalar(u.multiply(error).negate()))
                            .with("u", Rationals.scalar(w.multiply(error).negate()));
                    return ExactDerivative.along(q -> Rationals.scalar(q.scalar("w").multiply(q.scalar("u"))), 2,
                            p, flow);
                },
                p -> {
                    BigFraction w = p.scalar("w");
                    BigFraction u = p.scalar("u");
                    BigFraction s = w.multiply(u);
                    return Rationals.scalar(w.multiply(w).add(u.multiply(u)).multiply(s.subtract(p.scalar("sigma")))
                            .negate());
                });
    }

    /**
     * The balanced single mode ({@code u = w}): with {@code dw/dt = -w (w^2 - sigma)}, the exact derivative of
     * {@code s = w^2} equals the logistic right side {@code 2 s (sigma - s)}. Scalars {@code w}, {@code sigma};
     * degree 4.
     *
     * @return the identity
     */
    public static Identity balancedSingleMode() {
        return Identity.of("ds/dt = 2 s (sigma - s), s = w^2",
                List.of(Variable.scalar("w"), Variable.scalar("sigma")), 4,
                p -> {
                    BigFraction w = p.scalar("w");
                    BigFraction error = w.multiply(w).subtract(p.scalar("sigma"));
                    Point flow = Point.empty().with("w", Rationals.scalar(w.multiply(error).negate()));
                    return ExactDerivative.along(q -> Rationals.scalar(q.scalar("w").multiply(q.scalar("w"))), 2, p,
                            flow);
                },
                p -> {
                    BigFraction s = p.scalar("w").multiply(p.scalar("w"));
                    return Rationals.scalar(s.multiply(p.scalar("sigma").subtract(s)).multiply(2));
                });
    }

    /**
     * The drift of gradient descent (THEORY.md identity 3): after one step {@code W' = W - eta G U^T},
     * {@code U' = U - eta W^T G}, the imbalance changes by exactly
     * {@code D' - D = eta^2 (U G^T G U^T - W^T G G^T W)}. Scalar {@code eta}; degree 8.
     *
     * @param shape the network's shape
     * @return the identity
     */
    public static Identity descentDrift(Shape shape) {
        Arguments.notNull("shape", shape);
        List<Variable> variables = new ArrayList<>(twoLayerVariables(shape));
        variables.add(Variable.scalar("eta"));
        return Identity.of("D_{k+1} - D_k = eta^2 (U G^T G U^T - W^T G G^T W), " + shape, variables, 8,
                p -> {
                    FieldMatrix<BigFraction> w = p.get("W");
                    FieldMatrix<BigFraction> u = p.get("U");
                    BigFraction eta = p.scalar("eta");
                    FieldMatrix<BigFraction> g = w.multiply(u).subtract(p.get(TARGET));
                    FieldMatrix<BigFraction> w1 = w.subtract(g.multiply(u.transpose()).scalarMultiply(eta));
                    FieldMatrix<BigFraction> u1 = u.subtract(w.transpose().multiply(g).scalarMultiply(eta));
                    return imbalance(w1, u1).subtract(imbalance(w, u));
                },
                p -> {
                    FieldMatrix<BigFraction> w = p.get("W");
                    FieldMatrix<BigFraction> u = p.get("U");
                    BigFraction eta = p.scalar("eta");
                    FieldMatrix<BigFraction> g = w.multiply(u).subtract(p.get(TARGET));
                    FieldMatrix<BigFraction> gu = g.multiply(u.transpose());
                    FieldMatrix<BigFraction> wg = w.transpose().multiply(g);
                    return gu.transpose().multiply(gu).subtract(wg.multiply(wg.transpose()))
                            .scalarMultiply(eta.multiply(eta));
                });
    }

    /**
     * All built-in identities at one size: the loss gradient (depth 2 and 3), end-to-end (depth 2 and 3),
     * conservation (depth 2 and 3), both single-mode reductions and the descent drift.
     *
     * @param shape the two-layer shape; the depth-3 chain uses widths {@code (n, k, k, m)}
     * @return the identities
     */
    public static List<Identity> all(Shape shape) {
        Arguments.notNull("shape", shape);
        Widths deep = Widths.of(shape.n(), shape.k(), shape.k(), shape.m());
        return List.of(lossGradient(shape.widths()), lossGradient(deep), endToEnd(shape), endToEnd(deep),
                conservation(shape.widths()), conservation(deep), singleMode(), balancedSingleMode(),
                descentDrift(shape));
    }

    // ---- exact helpers --------------------------------------------------------------------------------------

    /** {@code upper^T upper - lower lower^T}; for two layers {@code W^T W - U U^T}. */
    private static FieldMatrix<BigFraction> imbalance(FieldMatrix<BigFraction> upper, FieldMatrix<BigFraction> lower) {
        return upper.transpose().multiply(upper).subtract(lower.multiply(lower.transpose()));
    }

    private static List<Variable> twoLayerVariables(Shape shape) {
        return List.of(Variable.matrix("W", shape.m(), shape.k()), Variable.matrix("U", shape.k(), shape.n()),
                Variable.matrix(TARGET, shape.m(), shape.n()));
    }

    private static Point twoLayerFlow(Point p) {
        FieldMatrix<BigFraction> w = p.get("W");
        FieldMatrix<BigFraction> u = p.get("U");
        FieldMatrix<BigFraction> g = w.multiply(u).subtract(p.get(TARGET));
        return Point.empty()
                .with("W", g.multiply(u.transpose()).scalarMultiply(BigFraction.MINUS_ONE))
                .with("U", w.transpose().multiply(g).scalarMultiply(BigFraction.MINUS_ONE));
    }

    private static List<Variable> chainVariables(Widths widths, boolean directions) {
        List<Variable> variables = new ArrayList<>();
        for (int j = 1; j <= widths.depth(); j++) {
            variables.add(Variable.matrix("W_" + j, widths.rowsOf(j), widths.colsOf(j)));
        }
        variables.add(Variable.matrix(TARGET, widths.outputDimension(), widths.inputDimension()));
        if (directions) {
            for (int j = 1; j <= widths.depth(); j++) {
                variables.add(Variable.matrix("V_" + j, widths.rowsOf(j), widths.colsOf(j)));
            }
        }
        return variables;
    }

    /** {@code W_to ... W_from} (1-based, {@code to >= from}), or null for the empty product. */
    private static FieldMatrix<BigFraction> chainProduct(Point p, int from, int to) {
        if (to < from) {
            return null;
        }
        FieldMatrix<BigFraction> product = p.get("W_" + to);
        for (int j = to - 1; j >= from; j--) {
            product = product.multiply(p.get("W_" + j));
        }
        return product;
    }

    private static FieldMatrix<BigFraction> residual(Point p, int depth) {
        return chainProduct(p, 1, depth).subtract(p.get(TARGET));
    }

    /** {@code dL/dW_j = (W_N ... W_{j+1})^T G (W_{j-1} ... W_1)^T}. */
    private static FieldMatrix<BigFraction> gradient(Point p, int depth, int j) {
        FieldMatrix<BigFraction> g = residual(p, depth);
        FieldMatrix<BigFraction> after = chainProduct(p, j + 1, depth);
        FieldMatrix<BigFraction> before = chainProduct(p, 1, j - 1);
        FieldMatrix<BigFraction> out = after == null ? g : after.transpose().multiply(g);
        return before == null ? out : out.multiply(before.transpose());
    }

    private static Point chainFlow(Point p, int depth) {
        Point flow = Point.empty();
        for (int j = 1; j <= depth; j++) {
            flow = flow.with("W_" + j, gradient(p, depth, j).scalarMultiply(BigFraction.MINUS_ONE));
        }
        return flow;
    }

    private static FieldMatrix<BigFraction> derivativeOfLoss(Point p, int depth) {
        Point direction = Point.empty();
        for (int j = 1; j <= depth; j++) {
            direction = direction.with("W_" + j, p.get("V_" + j));
        }
        return ExactDerivative.along(q -> {
            FieldMatrix<BigFraction> g = residual(q, depth);
            return Rationals.scalar(Rationals.inner(g, g).multiply(BigFraction.ONE_HALF));
        }, 2 * depth, p, direction);
    }

    private static Matrix toDoubles(FieldMatrix<BigFraction> exact, String name) {
        Matrix m = Rationals.toMatrix(exact);
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                Arguments.check(new BigFraction(m.get(i, j)).compareTo(exact.getEntry(i, j)) == 0,
                        name + "[" + i + "][" + j + "]", exact.getEntry(i, j),
                        "a value exactly representable as a double (draw from SampleSet.dyadic)");
            }
        }
        return m;
    }
}
