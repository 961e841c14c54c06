package org.deeplinear.core.model;

import static org.deeplinear.core.TestSupport.widthArrays;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Widths;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.fraction.BigFractionField;
import org.hipparchus.linear.Array2DRowFieldMatrix;
import org.hipparchus.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * THEORY.md's exact identities checked over the rationals with Hipparchus {@link BigFraction} matrices, so that
 * "equal" means equal, with no tolerance:
 * <ul>
 * <li>identity 1: {@code dA/dt = dW U + W dU = -G U^T U - W W^T G} under gradient flow
 *     {@code dW = -G U^T, dU = -W^T G};</li>
 * <li>identity 2: {@code d/dt (W^T W - U U^T) = 0}, and per junction for depth 3;</li>
 * <li>identity 3 (the check that can fail): one gradient-descent step changes the imbalance by exactly
 *     {@code eta^2 (U G^T G U^T - W^T G G^T W)}, which is not 0 at a generic point;</li>
 * <li>the library's {@link GradientEngine}, fed dyadic rationals {@code k/8} small enough that every sum of
 *     products is exact in double, returns the exact loss and gradient bit for bit.</li>
 * </ul>
 */
class ExactIdentitiesTest {

    private static final BigFractionField FIELD = BigFractionField.getInstance();

    // ---- identity 1 and 2 at random rational points -----------------------------------------------------------

    /** A two-layer point {@code (W, U)} with its residual and its gradient-flow velocities, exactly. */
    private record Flow(FieldMatrix<BigFraction> w, FieldMatrix<BigFraction> u, FieldMatrix<BigFraction> g,
            FieldMatrix<BigFraction> dW, FieldMatrix<BigFraction> dU) {

        /** {@code G = W U - A*}, {@code dW = -G U^T}, {@code dU = -W^T G} (THEORY.md, setting). */
        static Flow at(FieldMatrix<BigFraction> w, FieldMatrix<BigFraction> u, FieldMatrix<BigFraction> target) {
            FieldMatrix<BigFraction> g = w.multiply(u).subtract(target);
            return new Flow(w, u, g, g.multiply(u.transpose()).scalarMultiply(BigFraction.MINUS_ONE),
                    w.transpose().multiply(g).scalarMultiply(BigFraction.MINUS_ONE));
        }

        /** A random rational point of shape (m, k, n). */
        static Flow random(int m, int k, int n, Random random) {
            return at(rational(m, k, random), rational(k, n, random), rational(m, n, random));
        }

        /** Identity 1's right-hand side, {@code -G U^T U - W W^T G}. */
        FieldMatrix<BigFraction> identityOne() {
            return g.multiply(u.transpose().multiply(u)).add(w.multiply(w.transpose()).multiply(g))
                    .scalarMultiply(BigFraction.MINUS_ONE);
        }

        /** One simultaneous gradient-descent step of size eta. */
        Flow step(BigFraction eta, FieldMatrix<BigFraction> target) {
            return at(w.add(dW.scalarMultiply(eta)), u.add(dU.scalarMultiply(eta)), target);
        }
    }

    @Test
    void endToEndIdentityHoldsExactlyAtRandomRationalPoints() {
        qt().withExamples(40).forAll(dims(), dims(), dims(), seeds()).checkAssert((m, k, n, seed) -> {
            Flow f = Flow.random(m, k, n, new Random(seed));
            FieldMatrix<BigFraction> dA = f.dW().multiply(f.u()).add(f.w().multiply(f.dU()));
            assertExactlyEqual(f.identityOne(), dA, "dA/dt = -G U^T U - W W^T G");
            // the check can fail: dropping a term breaks it wherever that term is not zero
            FieldMatrix<BigFraction> outer = f.w().multiply(f.w().transpose()).multiply(f.g());
            if (!isZero(outer)) {
                assertFalse(exactlyEqual(f.identityOne().add(outer), dA),
                        "-G U^T U alone must not match when W W^T G != 0");
            }
        });
    }

    @Test
    void imbalanceIsConservedExactlyByGradientFlow() {
        qt().withExamples(40).forAll(dims(), dims(), dims(), seeds()).checkAssert((m, k, n, seed) -> {
            Flow f = Flow.random(m, k, n, new Random(seed));
            // d/dt (W^T W - U U^T) = dW^T W + W^T dW - dU U^T - U dU^T
            FieldMatrix<BigFraction> dD = f.dW().transpose().multiply(f.w()).add(f.w().transpose().multiply(f.dW()))
                    .subtract(f.dU().multiply(f.u().transpose())).subtract(f.u().multiply(f.dU().transpose()));
            assertExactlyEqual(zero(k, k), dD, "d/dt (W^T W - U U^T)");
        });
    }

    @Test
    void gradientDescentBreaksConservationByExactlyEtaSquaredTerm() {
        qt().withExamples(30).forAll(dims(), dims(), dims(), seeds()).checkAssert((m, k, n, seed) -> {
            Random random = new Random(seed);
            FieldMatrix<BigFraction> target = rational(m, n, random);
            Flow f = Flow.at(rational(m, k, random), rational(k, n, random), target);
            BigFraction eta = new BigFraction(1 + random.nextInt(7), 1 + random.nextInt(50));
            Flow next = f.step(eta, target);
            FieldMatrix<BigFraction> change = imbalance(next.w(), next.u()).subtract(imbalance(f.w(), f.u()));
            FieldMatrix<BigFraction> u = f.u();
            FieldMatrix<BigFraction> w = f.w();
            FieldMatrix<BigFraction> g = f.g();
            FieldMatrix<BigFraction> predicted = u.multiply(g.transpose()).multiply(g).multiply(u.transpose())
                    .subtract(w.transpose().multiply(g).multiply(g.transpose()).multiply(w))
                    .scalarMultiply(eta.multiply(eta));
            assertExactlyEqual(predicted, change, "D_1 - D_0 = eta^2 (U G^T G U^T - W^T G G^T W)");
        });
        // and that change is not zero at a generic point: the discrete step does not conserve D
        Random random = new Random(3);
        FieldMatrix<BigFraction> target = rational(3, 4, random);
        Flow f = Flow.at(rational(3, 2, random), rational(2, 4, random), target);
        Flow next = f.step(new BigFraction(1, 10), target);
        assertFalse(isZero(imbalance(next.w(), next.u()).subtract(imbalance(f.w(), f.u()))));
    }

    @Test
    void depthThreeJunctionsAreConservedExactly() {
        qt().withExamples(30).forAll(widthArrays(3, 3, 4), seeds()).checkAssert((d, seed) -> {
            Random random = new Random(seed);
            List<FieldMatrix<BigFraction>> layers = new ArrayList<>();
            for (int j = 1; j < d.length; j++) {
                layers.add(rational(d[j], d[j - 1], random));
            }
            FieldMatrix<BigFraction> target = rational(d[d.length - 1], d[0], random);
            List<FieldMatrix<BigFraction>> flow = negativeGradients(layers, target);
            for (int j = 1; j < layers.size(); j++) {
                FieldMatrix<BigFraction> lower = layers.get(j - 1);
                FieldMatrix<BigFraction> upper = layers.get(j);
                FieldMatrix<BigFraction> dLower = flow.get(j - 1);
                FieldMatrix<BigFraction> dUpper = flow.get(j);
                FieldMatrix<BigFraction> dD = dUpper.transpose().multiply(upper).add(upper.transpose().multiply(dUpper))
                        .subtract(dLower.multiply(lower.transpose())).subtract(lower.multiply(dLower.transpose()));
                assertExactlyEqual(zero(d[j], d[j]), dD, "d/dt D_" + j);
            }
        });
    }

    // ---- the library's engine, exact on dyadic inputs ----------------------------------------------------------

    @Test
    void engineGradientIsExactOnDyadicInputs() {
        qt().withExamples(60).forAll(widthArrays(2, 3, 4),
                seeds()).checkAssert((d, seed) -> {
                    Random random = new Random(seed);
                    int depth = d.length - 1;
                    Widths widths = Widths.of(d);
                    List<FieldMatrix<BigFraction>> exactLayers = new ArrayList<>();
                    List<Matrix> layers = new ArrayList<>();
                    for (int j = 1; j <= depth; j++) {
                        double[][] x = dyadic(d[j], d[j - 1], random);
                        layers.add(Matrix.of("W_" + j, x));
                        exactLayers.add(exact(x));
                    }
                    double[][] a = dyadic(d[depth], d[0], random);
                    Target target = Target.of(Matrix.of("A*", a));
                    double[] state = FactorChain.ofLayers(layers).toState();
                    double[] negative = new double[state.length];
                    double loss = new GradientEngine(widths, target, ProductBackends.ejml()).evaluate(state, negative);
                    // exact inputs leave no room for summation order or FMA: the preferred backend agrees bitwise
                    double[] preferred = new double[state.length];
                    assertEquals(loss, new GradientEngine(widths, target, ProductBackends.preferred())
                            .evaluate(state, preferred));
                    for (int i = 0; i < state.length; i++) { // == so that 0.0 and -0.0, both exact, agree
                        assertTrue(negative[i] == preferred[i], ProductBackends.preferred().name() + " at " + i
                                + ": " + preferred[i] + " vs " + negative[i]);
                    }

                    List<FieldMatrix<BigFraction>> flow = negativeGradients(exactLayers, exact(a));
                    for (int j = 1; j <= depth; j++) {
                        FieldMatrix<BigFraction> want = flow.get(j - 1);
                        int offset = widths.offsetOf(j);
                        for (int r = 0; r < d[j]; r++) {
                            for (int c = 0; c < d[j - 1]; c++) {
                                double got = negative[offset + r * d[j - 1] + c];
                                assertEquals(0, new BigFraction(got).compareTo(want.getEntry(r, c)),
                                        "-dL/dW_" + j + "[" + r + "][" + c + "] = " + got + ", exact "
                                                + want.getEntry(r, c));
                            }
                        }
                    }
                    FieldMatrix<BigFraction> g = product(exactLayers).subtract(exact(a));
                    BigFraction exactLoss = BigFraction.ZERO;
                    for (int r = 0; r < g.getRowDimension(); r++) {
                        for (int c = 0; c < g.getColumnDimension(); c++) {
                            exactLoss = exactLoss.add(g.getEntry(r, c).multiply(g.getEntry(r, c)));
                        }
                    }
                    assertEquals(0, new BigFraction(loss).compareTo(exactLoss.divide(2)), "loss");

                    if (depth == 2) {
                        // identity 1 with the library's own gradients, exactly: dW U + W dU = -G U^T U - W W^T G
                        FieldMatrix<BigFraction> u = exactLayers.get(0);
                        FieldMatrix<BigFraction> w = exactLayers.get(1);
                        FieldMatrix<BigFraction> dU = exactOf(negative, widths, 1);
                        FieldMatrix<BigFraction> dW = exactOf(negative, widths, 2);
                        assertExactlyEqual(Flow.at(w, u, exact(a)).identityOne(), dW.multiply(u).add(w.multiply(dU)),
                                "identity 1 (library)");
                    }
                });
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Gen<Integer> dims() {
        return integers().between(1, 4);
    }

    /** Entries {@code p/q}, {@code p} in [-20, 20], {@code q} in [1, 12]. */
    private static FieldMatrix<BigFraction> rational(int rows, int cols, Random random) {
        FieldMatrix<BigFraction> x = new Array2DRowFieldMatrix<>(FIELD, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                x.setEntry(r, c, new BigFraction(random.nextInt(41) - 20, 1 + random.nextInt(12)));
            }
        }
        return x;
    }

    /** Entries {@code k/8}, {@code k} in [-8, 8]: products of up to four such numbers summed over 4^3 terms stay
     *  far inside 53 bits, so double arithmetic on them is exact in any summation order. */
    private static double[][] dyadic(int rows, int cols, Random random) {
        double[][] x = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                x[r][c] = (random.nextInt(17) - 8) / 8.0;
            }
        }
        return x;
    }

    private static FieldMatrix<BigFraction> exact(double[][] x) {
        FieldMatrix<BigFraction> out = new Array2DRowFieldMatrix<>(FIELD, x.length, x[0].length);
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < x[0].length; c++) {
                out.setEntry(r, c, new BigFraction(x[r][c])); // exact: BigFraction(double) converts the bits
            }
        }
        return out;
    }

    private static FieldMatrix<BigFraction> exactOf(double[] state, Widths widths, int layer) {
        int rows = widths.rowsOf(layer);
        int cols = widths.colsOf(layer);
        int offset = widths.offsetOf(layer);
        FieldMatrix<BigFraction> out = new Array2DRowFieldMatrix<>(FIELD, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.setEntry(r, c, new BigFraction(state[offset + r * cols + c]));
            }
        }
        return out;
    }

    private static FieldMatrix<BigFraction> zero(int rows, int cols) {
        return new Array2DRowFieldMatrix<>(FIELD, rows, cols);
    }

    /** {@code W_N ... W_1} of layers given input first. */
    private static FieldMatrix<BigFraction> product(List<FieldMatrix<BigFraction>> layers) {
        FieldMatrix<BigFraction> a = layers.get(0);
        for (int j = 1; j < layers.size(); j++) {
            a = layers.get(j).multiply(a);
        }
        return a;
    }

    /** {@code -dL/dW_j = -(W_N ... W_{j+1})^T G (W_{j-1} ... W_1)^T}, straight from THEORY.md. */
    private static List<FieldMatrix<BigFraction>> negativeGradients(List<FieldMatrix<BigFraction>> layers,
            FieldMatrix<BigFraction> target) {
        FieldMatrix<BigFraction> g = product(layers).subtract(target);
        int depth = layers.size();
        List<FieldMatrix<BigFraction>> out = new ArrayList<>();
        for (int j = 1; j <= depth; j++) {
            FieldMatrix<BigFraction> left = identity(g.getRowDimension());
            for (int i = depth; i > j; i--) {
                left = left.multiply(layers.get(i - 1));
            }
            FieldMatrix<BigFraction> right = identity(g.getColumnDimension());
            for (int i = 1; i < j; i++) {
                right = layers.get(i - 1).multiply(right);
            }
            out.add(left.transpose().multiply(g).multiply(right.transpose()).scalarMultiply(BigFraction.MINUS_ONE));
        }
        return out;
    }

    private static FieldMatrix<BigFraction> identity(int size) {
        FieldMatrix<BigFraction> id = zero(size, size);
        for (int i = 0; i < size; i++) {
            id.setEntry(i, i, BigFraction.ONE);
        }
        return id;
    }

    private static FieldMatrix<BigFraction> imbalance(FieldMatrix<BigFraction> w, FieldMatrix<BigFraction> u) {
        return w.transpose().multiply(w).subtract(u.multiply(u.transpose()));
    }

    private static boolean isZero(FieldMatrix<BigFraction> x) {
        return exactlyEqual(zero(x.getRowDimension(), x.getColumnDimension()), x);
    }

    private static boolean exactlyEqual(FieldMatrix<BigFraction> a, FieldMatrix<BigFraction> b) {
        if (a.getRowDimension() != b.getRowDimension() || a.getColumnDimension() != b.getColumnDimension()) {
            return false;
        }
        for (int r = 0; r < a.getRowDimension(); r++) {
            for (int c = 0; c < a.getColumnDimension(); c++) {
                if (a.getEntry(r, c).compareTo(b.getEntry(r, c)) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void assertExactlyEqual(FieldMatrix<BigFraction> want, FieldMatrix<BigFraction> got, String what) {
        assertTrue(exactlyEqual(want, got), () -> what + ": expected " + want + ", got " + got);
    }
}
