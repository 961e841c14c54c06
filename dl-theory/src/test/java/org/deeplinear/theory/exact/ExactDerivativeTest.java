package org.deeplinear.theory.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/** The exact derivative against derivatives done by hand. */
class ExactDerivativeTest {

    private static Point x(long num, long den) {
        return Point.empty().with("x", Rationals.scalar(new BigFraction(num, den)));
    }

    @Test
    void derivativeOfACubicIsExact() {
        // d/dx (x^3 - 2x) at x = 2/3 is 3 x^2 - 2 = 4/3 - 2 = -2/3 (by hand)
        BigFraction d = Rationals.value("d", ExactDerivative.along(p -> {
            BigFraction v = p.scalar("x");
            return Rationals.scalar(v.pow(3).subtract(v.multiply(2)));
        }, 3, x(2, 3), x(1, 1)));
        assertEquals(new BigFraction(-2, 3), d);
    }

    @Test
    void directionScalesTheDerivative() {
        // d/dt (x + t v)^2 at t = 0 is 2 x v = 2 * 5 * 7/11 = 70/11 (by hand)
        BigFraction d = Rationals.value("d", ExactDerivative.along(p -> Rationals.scalar(p.scalar("x").pow(2)), 2,
                x(5, 1), x(7, 11)));
        assertEquals(new BigFraction(70, 11), d);
    }

    @Test
    void aDegreeTooLowIsRejected() {
        // x^4 is not of degree 3 along any line through 1 with direction 1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactDerivative.along(p -> Rationals.scalar(p.scalar("x").pow(4)), 3, x(1, 1), x(1, 1)));
        assertTrue(e.getMessage().startsWith("degree = 3: expected an upper bound"), e.getMessage());
    }

    @Test
    void sampleSetDrawsStayInTheSetAndRepeatFromTheSeed() {
        SampleSet set = new SampleSet(3, 7);
        java.util.Random a = new java.util.Random(5);
        java.util.Random b = new java.util.Random(5);
        int[] counts = new int[7];
        for (int i = 0; i < 7000; i++) {
            BigFraction x = set.draw(a);
            assertEquals(x, set.draw(b));
            BigFraction numerator = x.multiply(7);
            assertTrue(numerator.isInteger() && numerator.abs().compareTo(new BigFraction(3)) <= 0, x::toString);
            counts[numerator.intValue() + 3]++;
        }
        for (int c : counts) {
            // 1000 expected per value; a binomial(7000, 1/7) stays within 6 standard deviations (~ 180)
            assertTrue(Math.abs(c - 1000) < 180, java.util.Arrays.toString(counts));
        }
        assertEquals(java.math.BigInteger.valueOf(7), set.size());
    }

    @Test
    void constantsHaveZeroDerivative() {
        BigFraction d = Rationals.value("d", ExactDerivative.along(p -> Rationals.scalar(BigFraction.TWO), 0, x(3, 1),
                x(1, 1)));
        assertEquals(BigFraction.ZERO, d);
    }
}
