package org.deeplinear.theory.exact;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.function.BiFunction;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.Widths;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.FieldMatrix;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every built-in identity holds exactly at random rational points (a property over shapes and seeds), and each
 * deliberately wrong variant is caught with a counterexample. The bounds asserted are the Schwartz-Zippel formula
 * {@code (d/|S|)^r} itself.
 */
class IdentitiesTest {

    @Test
    void everyBuiltInIdentityHoldsAtRandomRationalPoints() {
        qt().withExamples(6)
                .forAll(integers().between(1, 4), integers().between(1, 3), integers().between(1, 4), seeds())
                .checkAssert((m, k, n, seed) -> {
                    ExactCheck check = ExactCheck.of(SampleSet.standard(), 2, Seed.of(seed));
                    for (Identity identity : Identities.all(Shape.of(m, k, n))) {
                        IdentityVerdict verdict = check.check(identity);
                        assertTrue(verdict.holds(), verdict::toString);
                        assertEquals(2, verdict.pointsChecked());
                    }
                });
    }

    @Test
    void aUsersOwnIdentityFromThePackageDocumentationHolds() {
        Identity mine = Identity.of("(W U)^T = U^T W^T",
                List.of(Variable.matrix("W", 3, 2), Variable.matrix("U", 2, 4)), 2,
                p -> p.get("W").multiply(p.get("U")).transpose(),
                p -> p.get("U").transpose().multiply(p.get("W").transpose()));
        assertTrue(ExactCheck.standard(Seed.of(2)).check(mine).holds());
        IdentityVerdict v = ExactCheck.standard(Seed.of(1)).check(Identities.endToEnd(Shape.of(3, 2, 4)));
        assertTrue(v.toString().contains("(4/2000001)^4 = 10^-22.8"), v::toString);
    }

    @Test
    void verdictStatesTheSchwartzZippelBound() {
        IdentityVerdict verdict = ExactCheck.of(SampleSet.standard(), 3, Seed.of(5))
                .check(Identities.descentDrift(Shape.of(2, 2, 2)));
        assertTrue(verdict.holds(), verdict::toString);
        // (8 / 2000001)^3: degree 8 declared by descentDrift, |S| = 2 * 10^6 + 1 from SampleSet.standard()
        double expected = 3 * (Math.log10(8) - Math.log10(2_000_001));
        assertEquals(expected, verdict.log10FalseAcceptanceBound(), 1e-12);
        assertTrue(verdict.toString().contains("(8/2000001)^3"), verdict::toString);
        assertTrue(verdict.toString().contains("10^-16.2"), verdict::toString);
    }

    @Test
    void theLibraryGradientEngineIsExactAtDyadicPoints() {
        // 6 fractional bits: gradient entries are degree-5 products (depth 3) of 7-bit numbers plus short sums,
        // well inside 53 bits, so every backend computes them without rounding
        for (ProductBackend backend : ProductBackends.available()) {
            for (Widths widths : List.of(Widths.of(4, 3, 5), Widths.of(3, 2, 4, 3))) {
                IdentityVerdict verdict = ExactCheck.of(SampleSet.dyadic(6), 3, Seed.of(11))
                        .check(Identities.engineGradient(widths, backend));
                assertTrue(verdict.holds(), backend + ": " + verdict);
            }
        }
    }

    @Test
    void aSubtlyBrokenProductBackendIsCaught() {
        // a backend that loses the last 10 bits of alpha * op(A) op(B) whenever B is transposed: the engine's
        // dL/dW_N = G (W_{N-1}..W_1)^T goes through it, so the exact check must find the difference
        ProductBackend exact = ProductBackends.ejml();
        ProductBackend broken = new ProductBackend() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void gemm(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta,
                             DMatrixRMaj c) {
                exact.gemm(ta, tb, tb ? alpha * (1 + 0x1p-10) : alpha, a, b, beta, c);
            }
        };
        IdentityVerdict verdict = ExactCheck.of(SampleSet.dyadic(6), 3, Seed.of(11))
                .check(Identities.engineGradient(Widths.of(3, 2, 3), broken));
        assertFalse(verdict.holds(), verdict::toString);
    }

    @Test
    void theEngineCheckRefusesPointsThatAreNotDoubles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactCheck.standard(Seed.of(1)).check(Identities.engineGradient(Widths.of(2, 2, 2),
                        ProductBackends.ejml())));
        assertTrue(e.getMessage().contains("exactly representable as a double"), e.getMessage());
    }

    // ---- wrong identities must be caught -------------------------------------------------------------------

    private static void assertRefuted(Identity wrong) {
        IdentityVerdict verdict = ExactCheck.standard(Seed.of(3)).check(wrong);
        assertFalse(verdict.holds(), verdict::toString);
        Counterexample c = verdict.counterexample().orElseThrow();
        assertTrue(c.left().compareTo(c.right()) != 0);
        assertTrue(verdict.toString().contains("VIOLATED"), verdict::toString);
    }

    @Test
    void endToEndWithOneTermDroppedIsCaught() {
        Identity right = Identities.endToEnd(Shape.of(3, 2, 3));
        assertRefuted(Identity.of("dA/dt = -G U^T U (wrong)", right.variables(), 4, right::left, p -> {
            FieldMatrix<BigFraction> w = p.get("W");
            FieldMatrix<BigFraction> u = p.get("U");
            FieldMatrix<BigFraction> g = w.multiply(u).subtract(p.get("A*"));
            return g.multiply(u.transpose()).multiply(u).scalarMultiply(BigFraction.MINUS_ONE);
        }));
    }

    @Test
    void theTwoLayerEndToEndFormulaIsCaughtOnADeepChain() {
        // depth 3 with U := W_2 W_1: -G U^T U - W_3 W_3^T G is not the deep chain's dA/dt
        Identity deep = Identities.endToEnd(Widths.of(2, 2, 2, 2));
        assertRefuted(Identity.of("dA/dt = -G U^T U - W W^T G on a depth-3 chain (wrong)", deep.variables(), 7,
                deep::left, p -> {
                    FieldMatrix<BigFraction> w = p.get("W_3");
                    FieldMatrix<BigFraction> u = p.get("W_2").multiply(p.get("W_1"));
                    FieldMatrix<BigFraction> g = w.multiply(u).subtract(p.get("A*"));
                    return g.multiply(u.transpose()).multiply(u).add(w.multiply(w.transpose()).multiply(g))
                            .scalarMultiply(BigFraction.MINUS_ONE);
                }));
    }

    @Test
    void conservationOfTheWrongQuantityIsCaught() {
        // W^T W + U U^T is not conserved
        Identity right = Identities.endToEnd(Shape.of(3, 2, 3));
        assertRefuted(Identity.of("d/dt (W^T W + U U^T) = 0 (wrong)", right.variables(), 4, p -> {
            FieldMatrix<BigFraction> w = p.get("W");
            FieldMatrix<BigFraction> u = p.get("U");
            FieldMatrix<BigFraction> g = w.multiply(u).subtract(p.get("A*"));
            Point flow = Point.empty().with("W", g.multiply(u.transpose()).scalarMultiply(BigFraction.MINUS_ONE))
                    .with("U", w.transpose().multiply(g).scalarMultiply(BigFraction.MINUS_ONE));
            return ExactDerivative.along(q -> q.get("W").transpose().multiply(q.get("W"))
                    .add(q.get("U").multiply(q.get("U").transpose())), 2, p, flow);
        }, p -> Rationals.zeros(2, 2)));
    }

    /**
     * The library's conservation identity can fail (review of the refutation tests: nothing refuted it; the test above
     * builds its own left side). Its left side is the exact derivative of each junction's imbalance
     * D_j = W_{j+1}^T W_{j+1} - W_j W_j^T along the flow, 0 only because the velocities are -dL/dW_j: with
     * M = (dL/dW_1) W_1^T and dL/dW_1 = (W_N..W_2)^T G (the gradient above), W_2^T dW_2/dt and dW_1/dt W_1^T are
     * both -M, so d/dt D_1 = -(M + M^T) + (M + M^T) (THEORY.md identity 2). With W_1's velocity doubled (the same
     * identity through Identities.imbalanceDerivative) d/dt D_1 = -(M + M^T) + 2 (M + M^T) = M + M^T, and the other
     * junctions, whose layers move as before, keep d/dt D_j = 0: that holds exactly, "= 0" is refuted, at depth 2
     * and 3. A left side that is 0 by construction passes the first check and fails both others.
     */
    @Test
    void conservationAlongAFieldThatIsNotGradientFlowIsCaught() {
        BiFunction<Point, Point, Point> doubled = (p, flow) -> flow.with("W_1",
                flow.get("W_1").scalarMultiply(new BigFraction(2)));
        for (Widths widths : List.of(Widths.of(3, 2, 3), Widths.of(2, 3, 2, 2))) {
            int depth = widths.depth();
            IdentityVerdict conserved = ExactCheck.standard(Seed.of(3)).check(Identities.conservation(widths));
            assertTrue(conserved.holds(), conserved::toString);
            Identity along = Identities.imbalanceDerivative(widths, "d/dt D_j = 0, W_1's velocity doubled (wrong), "
                    + widths, doubled);
            assertRefuted(along);
            int size = 0;
            for (int j = 1; j < depth; j++) {
                size += widths.width(j);
            }
            int blocks = size;
            Identity instead = Identity.of("d/dt D_j = M + M^T at junction 1, 0 elsewhere, " + widths,
                    along.variables(), 2 * depth, along::left, p -> {
                        FieldMatrix<BigFraction> after = p.get("W_" + depth);
                        for (int j = depth - 1; j >= 2; j--) {
                            after = after.multiply(p.get("W_" + j));
                        }
                        FieldMatrix<BigFraction> w1 = p.get("W_1");
                        FieldMatrix<BigFraction> g = after.multiply(w1).subtract(p.get("A*"));
                        FieldMatrix<BigFraction> m = after.transpose().multiply(g).multiply(w1.transpose());
                        FieldMatrix<BigFraction> out = Rationals.zeros(blocks, blocks);
                        out.setSubMatrix(m.add(m.transpose()).getData(), 0, 0);
                        return out;
                    });
            IdentityVerdict verdict = ExactCheck.standard(Seed.of(3)).check(instead);
            assertTrue(verdict.holds(), verdict::toString);
        }
    }

    @Test
    void descentDriftWithHalfTheCoefficientIsCaught() {
        Identity right = Identities.descentDrift(Shape.of(2, 3, 2));
        assertRefuted(Identity.of("D' - D = eta^2/2 (...) (wrong)", right.variables(), 8, right::left,
                p -> right.right(p).scalarMultiply(BigFraction.ONE_HALF)));
        // "descent conserves D" is the flow's identity, false for descent
        assertRefuted(Identity.of("D' - D = 0 (wrong)", right.variables(), 8, right::left,
                p -> Rationals.zeros(3, 3)));
    }

    @Test
    void aGradientWithAWrongFactorIsCaught() {
        Identity right = Identities.lossGradient(Widths.of(2, 3, 2));
        // claims dL/dW_2 = 2 G W_1^T: the derivative side stays exact, the formula side is wrong
        assertRefuted(Identity.of("dL/dW_2 = 2 G W_1^T (wrong)", right.variables(), 4, right::left, p -> {
            FieldMatrix<BigFraction> g = p.get("W_2").multiply(p.get("W_1")).subtract(p.get("A*"));
            BigFraction sum = Rationals.inner(p.get("W_2").transpose().multiply(g), p.get("V_1"))
                    .add(Rationals.inner(g.multiply(p.get("W_1").transpose()), p.get("V_2")).multiply(2));
            return Rationals.scalar(sum);
        }));
    }

    @Test
    void singleModeWithTheImbalanceInsteadOfTheSumIsCaught() {
        Identity right = Identities.singleMode();
        assertRefuted(Identity.of("ds/dt = -(w^2 - u^2)(s - sigma) (wrong)", right.variables(), 4, right::left,
                p -> {
                    BigFraction w = p.scalar("w");
                    BigFraction u = p.scalar("u");
                    return Rationals.scalar(w.pow(2).subtract(u.pow(2))
                            .multiply(w.multiply(u).subtract(p.scalar("sigma"))).negate());
                }));
        Identity balanced = Identities.balancedSingleMode();
        assertRefuted(Identity.of("ds/dt = s (sigma - s) (wrong)", balanced.variables(), 4, balanced::left,
                p -> balanced.right(p).scalarMultiply(BigFraction.ONE_HALF)));
    }

    @Test
    void mismatchedSidesAreRejected() {
        Identity bad = Identity.of("shapes", List.of(Variable.matrix("X", 2, 3)), 1, p -> p.get("X"),
                p -> p.get("X").transpose());
        assertThrows(IllegalArgumentException.class, () -> ExactCheck.standard(Seed.of(1)).check(bad));
    }

    /**
     * A side that returns null is named (review of dl-theory, finding 6c: a bare NullPointerException, "Cannot invoke
     * getRowDimension() because left is null").
     */
    @Test
    void aNullSideIsNamed() {
        Identity nullLeft = Identity.of("bad", List.of(Variable.scalar("x")), 1, p -> null, p -> p.get("x"));
        IllegalArgumentException left = assertThrows(IllegalArgumentException.class,
                () -> ExactCheck.standard(Seed.of(1)).check(nullLeft));
        assertTrue(left.getMessage().startsWith("bad.left(point 0) = null: expected a non-null value"),
                left::getMessage);
        Identity nullRight = Identity.of("bad", List.of(Variable.scalar("x")), 1, p -> p.get("x"), p -> null);
        IllegalArgumentException right = assertThrows(IllegalArgumentException.class,
                () -> ExactCheck.standard(Seed.of(1)).check(nullRight));
        assertTrue(right.getMessage().startsWith("bad.right(point 0) = null: expected a non-null value"),
                right::getMessage);
    }
}
