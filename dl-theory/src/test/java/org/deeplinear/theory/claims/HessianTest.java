package org.deeplinear.theory.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.theory.exact.ExactDerivative;
import org.deeplinear.theory.exact.Point;
import org.deeplinear.theory.exact.Rationals;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.FieldMatrix;
import org.junit.jupiter.api.Test;

/**
 * The Hessian assembled from the model's gradients against the exact Hessian of the loss polynomial, computed over
 * the rationals by two nested exact directional derivatives at a point with dyadic entries (so the model's doubles
 * are the point's exact values): every entry agrees within the Hessian's own stated rounding bound.
 */
class HessianTest {

    // W (2 x 2), U (2 x 3), A* (2 x 3): entries k/8
    private static final double[][] W = {{0.5, -0.25}, {0.125, 0.75}};
    private static final double[][] U = {{0.375, -0.5, 0.25}, {1.0, 0.125, -0.625}};
    private static final double[][] A = {{1.5, 0.25, -0.5}, {-0.75, 1.0, 0.375}};

    /** The loss as a polynomial of the flat state x (layers U then W, row-major), exactly. */
    private static FieldMatrix<BigFraction> loss(Point p) {
        FieldMatrix<BigFraction> x = p.get("x");
        FieldMatrix<BigFraction> u = Rationals.zeros(2, 3);
        FieldMatrix<BigFraction> w = Rationals.zeros(2, 2);
        for (int i = 0; i < 6; i++) {
            u.setEntry(i / 3, i % 3, x.getEntry(i, 0));
        }
        for (int i = 0; i < 4; i++) {
            w.setEntry(i / 2, i % 2, x.getEntry(6 + i, 0));
        }
        FieldMatrix<BigFraction> g = w.multiply(u).subtract(Rationals.of(Matrix.of(A)));
        return Rationals.scalar(Rationals.inner(g, g).multiply(BigFraction.ONE_HALF));
    }

    private static Point basis(int index) {
        FieldMatrix<BigFraction> e = Rationals.zeros(10, 1);
        e.setEntry(index, 0, BigFraction.ONE);
        return Point.empty().with("x", e);
    }

    @Test
    void hessianFromGradientsMatchesTheExactHessianWithinItsStatedBound() {
        Model model = Model.of(FactorChain.ofLayers(List.of(Matrix.of(U), Matrix.of(W))), Target.of(Matrix.of(A)));
        Hessian hessian = Hessian.of(model);
        double[] state = model.factors().toState();
        FieldMatrix<BigFraction> x = Rationals.zeros(10, 1);
        for (int i = 0; i < 10; i++) {
            x.setEntry(i, 0, new BigFraction(state[i]));
        }
        Point at = Point.empty().with("x", x);
        double worst = 0;
        for (int p = 0; p < 10; p++) {
            Point ep = basis(p);
            for (int q = 0; q < 10; q++) {
                // d/dt d/ds L(x + s e_p + t e_q): the loss is quartic, its derivative cubic
                BigFraction exact = Rationals.value("H", ExactDerivative.along(
                        point -> ExactDerivative.along(HessianTest::loss, 4, point, ep), 3, at, basis(q)));
                worst = Math.max(worst, Math.abs(hessian.matrix().get(p, q) - exact.doubleValue()));
            }
        }
        assertTrue(worst <= hessian.roundingBound(), worst + " > " + hessian.roundingBound());
        // the bound: 2 (4 N P) eps sum|c_j| max|g| / h, N = 2, P = 10, sum|c_j| = 2/3 + 1/12, h = max(||x||_max,
        // sigma_max(A*)^(1/2))/16 = max(1, 1.8108^(1/2))/16 = 0.0841: 3.2e-13 max|g|, measured 7.7e-13 (2026-12-07;
        // max|g| = 2.4 over the stencil's points), so 1e-11 is 13 x it
        assertTrue(hessian.roundingBound() < 1e-11, hessian::toString);
        // symmetric by construction, and its trace is the sum of its eigenvalues
        double trace = 0;
        for (int p = 0; p < 10; p++) {
            trace += hessian.matrix().get(p, p);
        }
        double sum = 0;
        for (double v : hessian.eigenvalues()) {
            sum += v;
        }
        // symmetric QR's backward error ~ P eps ||H||_F = 10 * 2.2e-16 * 6.82 = 1.5e-14, 2.4e-15 of |trace| = 6.39;
        // measured 5.6e-16 of it (2026-12-07), whence 1e-13
        assertEquals(trace, sum, 1e-13 * Math.abs(trace));
    }
    /**
     * A model of scale 1e-15 (1 x 1 layers u = 6e-16, w = 1.7e-15, target sigma = 1e-30): the Hessian of
     * 1/2 (w u - sigma)^2 is [[w^2, b], [b, u^2]] (parameters u, then w), b = 2 w u - sigma, whose largest eigenvalue
     * (w^2 + u^2)/2 + sqrt(((w^2 - u^2)/2)^2 + b^2) is computed here from the doubles' exact values in 50-digit
     * BigDecimal. The step 1/16 of max(1, ||x||) made u + h drop u's low bits and the gradients' rounding 1e-18
     * against 1e-30 (numerics audit of 2026-12-07: 5.1e-3 relative off at sigma = 1e-30).
     */
    @Test
    void aModelOfTinyScaleHasItsSharpnessToRounding() {
        double u = 6e-16;
        double w = 1.7e-15;
        double sigma = 1e-30;
        Model model = Model.of(FactorChain.ofLayers(List.of(Matrix.of(new double[][] {{u}}),
                Matrix.of(new double[][] {{w}}))), Target.of(Matrix.of(new double[][] {{sigma}})));
        Hessian hessian = Hessian.of(model);
        MathContext mc = new MathContext(50);
        BigDecimal bw = new BigDecimal(w);
        BigDecimal bu = new BigDecimal(u);
        BigDecimal a = bw.multiply(bw);
        BigDecimal c = bu.multiply(bu);
        BigDecimal b = bw.multiply(bu).multiply(BigDecimal.valueOf(2))
                .subtract(new BigDecimal(sigma));
        BigDecimal half = a.subtract(c).divide(BigDecimal.valueOf(2), mc);
        double exact = a.add(c).divide(BigDecimal.valueOf(2), mc)
                .add(half.multiply(half).add(b.multiply(b)).sqrt(mc)).doubleValue();
        // Weyl, as in ModelClaimsTest: P roundingBound() for the stencil's rounding (P = 2, the bound 1.0e-14 of
        // exact) and 100 eps ||H||_2 (= exact) for the eigen-decomposition, 4.2e-14 of exact in all; measured one ulp
        // (2.1e-16 of exact, 2026-12-07)
        assertEquals(exact, hessian.largestEigenvalue(), ModelClaimsTest.eigenvalueTolerance(hessian, exact));
        assertTrue(hessian.roundingBound() < 1e-12 * exact, "bound " + hessian.roundingBound());
    }
}
