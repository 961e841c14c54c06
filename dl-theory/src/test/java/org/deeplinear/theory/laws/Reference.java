package org.deeplinear.theory.laws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;

/**
 * High-precision references for the law tests: a 40-digit {@link DfpField} in which the formulas of THEORY.md are
 * evaluated literally (the conversion of a double to {@link Dfp} is exact), and relative-error assertions.
 */
final class Reference {

    /** 40 decimal digits: far more than the 1e-12 checked, so the reference error is negligible. */
    static final DfpField FIELD = new DfpField(40);

    private Reference() {
    }

    /**
     * The exact value of a double as a 40-digit number.
     *
     * @param x a double
     * @return {@code x} in the reference field
     */
    static Dfp of(double x) {
        return FIELD.newDfp(x);
    }

    /**
     * Asserts that {@code actual} is within a relative error of {@code expected}.
     *
     * @param expected  the reference
     * @param actual    the value computed in double
     * @param tolerance the relative tolerance
     * @param what      what is compared (for the message)
     */
    static void assertRelative(Dfp expected, double actual, double tolerance, String what) {
        Dfp diff = of(actual).subtract(expected).abs();
        Dfp bound = expected.abs().multiply(of(tolerance));
        assertTrue(diff.lessThan(bound) || diff.isZero(),
                () -> what + ": expected " + expected + ", got " + actual + " (relative error "
                        + diff.divide(expected.abs()).toDouble() + " > " + tolerance + ")");
    }

    /**
     * Asserts that {@code actual} is within a relative error of {@code expected}.
     *
     * @param expected  the reference
     * @param actual    the value computed
     * @param tolerance the relative tolerance
     * @param what      what is compared (for the message)
     */
    static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertRelative(of(expected), actual, tolerance, what);
    }
}
