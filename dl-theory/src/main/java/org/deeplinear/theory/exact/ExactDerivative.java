package org.deeplinear.theory.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.deeplinear.core.Arguments;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.FieldMatrix;

/**
 * The exact directional derivative of a polynomial map: along the line {@code x + t v}, {@code g(t) = f(x + t v)}
 * is a polynomial in {@code t} of degree at most the degree of {@code f}, so it is determined by its values at
 * {@code t = 0, 1, ..., d}, and {@code g'(0)} is an exact rational combination of them (the derivative at 0 of the
 * Lagrange interpolant). No step size, no rounding: the result is the derivative itself.
 *
 * <p>The declared degree is checked: {@code g} is also evaluated at {@code t = d + 1} and must equal the
 * interpolant there, otherwise the degree was too low (or {@code f} is not a polynomial) and the call fails.
 *
 * <pre>{@code
 * // d/dt (W U) along (dW, dU) = dW U + W dU, exactly
 * FieldMatrix<BigFraction> dA = ExactDerivative.along(p -> p.get("W").multiply(p.get("U")), 2, point, direction);
 * }</pre>
 */
public final class ExactDerivative {

    private ExactDerivative() {
    }

    /**
     * The derivative of {@code f} at {@code at} along {@code direction}, exactly.
     *
     * @param f         a polynomial map of the point's variables
     * @param degree    an upper bound on the degree of {@code f} (in the variables moved by {@code direction}),
     *                  at least 0
     * @param at        the point
     * @param direction the direction (a subset of the point's variables, same shapes)
     * @return {@code d/dt f(at + t direction)} at {@code t = 0}
     * @throws IllegalArgumentException if an argument is null, the degree is negative, or {@code f} is not a
     *                                  polynomial of at most that degree along the line
     */
    public static FieldMatrix<BigFraction> along(Function<Point, FieldMatrix<BigFraction>> f, int degree, Point at,
                                                 Point direction) {
        Arguments.notNull("f", f);
        Arguments.atLeast("degree", degree, 0);
        Arguments.notNull("at", at);
        Arguments.notNull("direction", direction);
        int d = degree;
        List<FieldMatrix<BigFraction>> g = new ArrayList<>(d + 2);
        for (int j = 0; j <= d + 1; j++) {
            g.add(Arguments.notNull("f(at + " + j + " direction)", f.apply(at.plus(new BigFraction(j), direction))));
        }
        // derivative at 0 of the Lagrange basis on nodes 0..d
        FieldMatrix<BigFraction> derivative = g.get(0).scalarMultiply(BigFraction.ZERO);
        FieldMatrix<BigFraction> extrapolated = derivative.copy();
        for (int j = 0; j <= d; j++) {
            derivative = derivative.add(g.get(j).scalarMultiply(basisDerivativeAtZero(j, d)));
            extrapolated = extrapolated.add(g.get(j).scalarMultiply(basisValue(j, d, d + 1)));
        }
        FieldMatrix<BigFraction> mismatch = extrapolated.subtract(g.get(d + 1));
        for (int r = 0; r < mismatch.getRowDimension(); r++) {
            for (int c = 0; c < mismatch.getColumnDimension(); c++) {
                Arguments.check(mismatch.getEntry(r, c).signum() == 0, "degree", degree,
                        "an upper bound on the degree of f along the line: f(at + " + (d + 1)
                                + " direction) differs from the degree-" + d + " interpolant at entry (" + r + ", "
                                + c + ")");
            }
        }
        return derivative;
    }

    /** {@code L_j'(0)} for the Lagrange basis on nodes {@code 0..d}. */
    private static BigFraction basisDerivativeAtZero(int j, int d) {
        if (j == 0) {
            BigFraction sum = BigFraction.ZERO;
            for (int l = 1; l <= d; l++) {
                sum = sum.subtract(new BigFraction(1, l));
            }
            return sum;
        }
        // only the term that differentiates the factor (t - 0) survives at t = 0
        BigFraction value = new BigFraction(1, j);
        for (int i = 1; i <= d; i++) {
            if (i != j) {
                value = value.multiply(new BigFraction(-i, j - i));
            }
        }
        return value;
    }

    /** {@code L_j(t)} for the Lagrange basis on nodes {@code 0..d}. */
    private static BigFraction basisValue(int j, int d, int t) {
        BigFraction value = BigFraction.ONE;
        for (int i = 0; i <= d; i++) {
            if (i != j) {
                value = value.multiply(new BigFraction(t - i, j - i));
            }
        }
        return value;
    }
}
