package org.deeplinear.theory.laws;

import static org.deeplinear.theory.laws.QtSeeds.logUniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link LawSupport#powerTimes}, the laws' one scaled product {@code x^(num/den) a b c 2^k / divisor}, against a
 * 40-digit reference ({@link Reference}): within its documented {@code 10 2^-53} wherever the result is a normal
 * double, for factors and divisors of either sign and magnitudes whose partial products leave the doubles; exactly
 * zero for a zero factor; the power ignored for {@code num = 0}; a subnormal result within half of
 * {@code Double.MIN_VALUE} plus that relative error; an overflowing result infinite.
 */
class LawSupportTest {

    /** The documented bound, relative, wherever the result is a normal double. */
    private static final double BOUND = 10 * 0x1p-53;

    private static Dfp reference(double x, long num, long den, double a, double b, double c, double divisor, int k) {
        Dfp power = num == 0 ? Reference.FIELD.getOne()
                : DfpMath.pow(Reference.of(x), Reference.FIELD.newDfp(num).divide(Reference.FIELD.newDfp(den)));
        return power.multiply(Reference.of(a)).multiply(Reference.of(b)).multiply(Reference.of(c))
                .multiply(DfpMath.pow(Reference.FIELD.newDfp(2), k)).divide(Reference.of(divisor));
    }

    @Test
    void aScaledProductIsWithinItsBoundWhereverItIsANormalDouble() {
        // |num/den| <= 2 (the laws' exponents), magnitudes from 1e-300 to 1e300 so that partial products overflow
        // and underflow, signs drawn for the three factors and the divisor
        Gen<double[]> pairs = logUniform(1e-300, 1e300).zip(logUniform(1e-300, 1e300), (p, q) -> new double[] {p, q});
        Gen<int[]> exponents = integers().between(1, 6).zip(integers().between(-12, 12), (d, n) -> new int[] {d, n});
        QtSeeds.qt().forAll(logUniform(1e-300, 1e300), exponents, pairs, logUniform(1e-300, 1e300))
                .checkAssert((x, exponent, factors, divisor) -> {
                    int den = exponent[0];
                    int num = exponent[1];
                    double a = factors[0];
                    double b = factors[1];
                    long n = Math.max(-2L * den, Math.min(2L * den, num));
                    for (boolean negative : new boolean[] {false, true}) {
                        double signedA = negative ? -a : a;
                        double signedDivisor = negative == (num % 2 == 0) ? divisor : -divisor;
                        // arbitrary: a third factor in [0.75, 1.25] and a binary exponent, varied with the drawn
                        // exponent so that the cases differ
                        double c = 0.75 + 0.5 * (den - 1) / 5.0;
                        int k = num * 7;
                        Dfp expected = reference(x, n, den, signedA, b, c, signedDivisor, k);
                        double magnitude = expected.abs().toDouble();
                        if (magnitude < Double.MIN_NORMAL || magnitude > Double.MAX_VALUE) {
                            continue;
                        }
                        double actual = LawSupport.powerTimes(x, n, den, signedA, b, c, signedDivisor, k);
                        Reference.assertRelative(expected, actual, BOUND,
                                "powerTimes(" + x + ", " + n + ", " + den + ", " + signedA + ", " + b + ", " + c
                                        + ", " + signedDivisor + ", " + k + ")");
                    }
                });
    }

    @Test
    void edgesOfTheProduct() {
        // a zero factor: +0, whatever the signs and magnitudes of the others
        for (double zero : new double[] {0.0, -0.0}) {
            double r = LawSupport.powerTimes(3, -4, 3, zero, -1e300, 1e300, -1e-300, 900);
            assertEquals(0x0L, Double.doubleToRawLongBits(r), "zero factor " + zero);
        }
        // num = 0: no power, x has no effect (not even NaN): 3 * 5 * 7 * 2^-3 / -6 = -2.1875 exactly
        for (double x : new double[] {Double.NaN, -1, 0, Double.POSITIVE_INFINITY}) {
            assertEquals(-2.1875, LawSupport.powerTimes(x, 0, 1, 3, 5, 7, -6, -3), 0.0, "x = " + x);
        }
        // powers of two are exact: (2^-1000)^(3/2) * 2^600 * 2^-100 * 1 * 2^4 / 2^-10 = 2^-986
        assertEquals(0x1p-986, LawSupport.powerTimes(0x1p-1000, 3, 2, 0x1p600, 0x1p-100, 1, 0x1p-10, 4), 0.0);
        // a subnormal result: 1e-300 * 1e-20 = 1e-320, within half of MIN_VALUE plus the relative bound
        double subnormal = LawSupport.powerTimes(1, 0, 1, 1e-300, 1e-20, 1, 1, 0);
        Dfp exact = Reference.of(1e-300).multiply(Reference.of(1e-20));
        double error = Reference.of(subnormal).subtract(exact).abs().toDouble();
        assertTrue(error <= Double.MIN_VALUE / 2 + BOUND * 1e-320, "1e-320 as " + subnormal + ", error " + error);
        // beyond the largest double: infinite, of the product's sign
        assertEquals(Double.NEGATIVE_INFINITY, LawSupport.powerTimes(1, 0, 1, 1e300, 1e300, 1, -1e-10, 0));
        // partial products beyond the doubles, a finite result: (1e300)^2 * 1e300 * 1e-300 / 1e300 = 1e300
        Reference.assertRelative(Reference.of(1e300).multiply(Reference.of(1e300)).multiply(Reference.of(1e300))
                        .multiply(Reference.of(1e-300)).divide(Reference.of(1e300)),
                LawSupport.powerTimes(1e300, 2, 1, 1e300, 1e-300, 1, 1e300, 0), BOUND, "1e300");
    }
}
