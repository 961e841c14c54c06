package org.deeplinear.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineFitTest {

    @Test
    void exactLineIsRecoveredAndNanSkipped() {
        // y = 3 - 0.5 x exactly at x = 0, 1, 2, 4 (the NaN point is skipped)
        LineFit fit = LineFit.of(new double[] {0, 1, 2, 3, 4}, new double[] {3, 2.5, 2, Double.NaN, 1});
        assertEquals(-0.5, fit.slope(), 1e-15);
        assertEquals(3, fit.intercept(), 1e-15);
        assertEquals(0, fit.slopeError(), 1e-15);
        assertEquals(4, fit.points());
    }

    @Test
    void slopeErrorOfKnownScatter() {
        // x = 0,1,2, y = 0,1,0: slope 0, residuals -1/3, 2/3, -1/3, sse = 2/3, sxx = 2: se = sqrt(2/3 / 1 / 2)
        LineFit fit = LineFit.of(new double[] {0, 1, 2}, new double[] {0, 1, 0});
        assertEquals(0, fit.slope(), 1e-15);
        assertEquals(Math.sqrt(1.0 / 3), fit.slopeError(), 1e-15);
    }

    @Test
    void tooFewPointsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> LineFit.of(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {1, 1}, new double[] {1, 2}));
    }

    @Test
    void largeAbscissaeGiveTheExactSlope() {
        // (review) x = 1e200, 2e200, 3e200 squared overflowed: slope 0; the exact line is y = 1e-200 x - 1
        LineFit fit = LineFit.of(new double[] {1e200, 2e200, 3e200}, new double[] {0, 1, 2});
        assertEquals(1e-200, fit.slope(), 1e-200 * 1e-14);
        assertEquals(-1, fit.intercept(), 1e-14);
        assertEquals(0, fit.slopeError(), 1e-214);
        // and at the other end: x = 1e-170, 2e-170, 3e-170, whose squares (1e-340) underflow to 0: y = 1e170 x - 1
        LineFit small = LineFit.of(new double[] {1e-170, 2e-170, 3e-170}, new double[] {0, 1, 2});
        assertEquals(1e170, small.slope(), 1e170 * 1e-14);
        assertEquals(-1, small.intercept(), 1e-14);
    }

    @Test
    void nonFiniteValuesAreRefusedByIndexAndValue() {
        // (review) an infinite or NaN x passed as "x = all equal"; an infinite y is not a missing value (NaN)
        assertEquals("x[2] = Infinity: expected a finite value", assertThrows(IllegalArgumentException.class,
                () -> LineFit.of(new double[] {0, 1, Double.POSITIVE_INFINITY}, new double[] {0, 1, 2})).getMessage());
        assertEquals("x[0] = NaN: expected a finite value", assertThrows(IllegalArgumentException.class,
                () -> LineFit.of(new double[] {Double.NaN, 1, 2}, new double[] {0, 1, 2})).getMessage());
        assertEquals("y[1] = -Infinity: expected a finite value or NaN (a missing value)",
                assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {0, 1, 2},
                        new double[] {0, Double.NEGATIVE_INFINITY, 2})).getMessage());
    }

    /**
     * One slope with one intercept per group, by hand: group 0 at x = 0, 1, 2 has y = 0, 2.1, 3.9 and group 1 has
     * y = 10, 12, 14. Centred within each group, S_xy = 3.9 + 4 and S_xx = 2 + 2, so the slope is 7.9 / 4 = 1.975;
     * the residuals -0.025, 0.1, -0.075 and -0.025, 0, 0.025 sum to SSE = 0.0175 with 6 - 2 - 1 = 3 degrees of
     * freedom, so the error is sqrt(0.0175 / 3 / 4); the mean intercept is mean(y) - slope mean(x) = 7 - 1.975. A
     * single line through both groups counts their offset of 10 as noise (its error is sqrt(150.0175 / 4 / 4) = 3.06 by
     * hand: S_xx = 4, the residuals about the pooled line sum to 150.0175).
     */
    @Test
    void groupsHaveTheirOwnInterceptsAndOneSlope() {
        double[] x = {0, 1, 2, 0, 1, 2};
        double[] y = {0, 2.1, 3.9, 10, 12, 14};
        LineFit fit = LineFit.withGroupIntercepts(x, y, new int[] {0, 0, 0, 1, 1, 1});
        assertEquals(1.975, fit.slope(), 1e-15);
        assertEquals(Math.sqrt(0.0175 / 3 / 4), fit.slopeError(), 1e-15);
        assertEquals(7 - 1.975, fit.intercept(), 1e-14);
        assertEquals(6, fit.points());
        assertTrue(LineFit.of(x, y).slopeError() > 1, "a single line counts the offset as noise");
        // one group is the plain line, to the bit
        LineFit one = LineFit.withGroupIntercepts(x, y, new int[6]);
        assertEquals(LineFit.of(x, y), one);
        assertThrows(IllegalArgumentException.class,
                () -> LineFit.withGroupIntercepts(x, y, new int[] {0, 0, 0, 1, 1, -1}));
        assertThrows(IllegalArgumentException.class, () -> LineFit.withGroupIntercepts(x, y, new int[5]));
        assertThrows(IllegalArgumentException.class, () -> LineFit.withGroupIntercepts(x, null, new int[6]));
        // ids are any non-negative numbers, one slot per group (Integer.MAX_VALUE sized an array: an out-of-bounds or
        // out-of-memory error; review of 2026-12-08): the same fit, to the bit
        assertEquals(fit, LineFit.withGroupIntercepts(x, y, new int[] {7, 7, 7, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE}));
    }

    /**
     * Equal abscissae are refused on their values: three x of 0.1 left a spread of rounding about their mean, and a
     * fit of slope 0 and error 5.9e16 (review of 2026-12-08); within groups, x equal in every group alike.
     */
    @Test
    void abscissaeEqualToTheirRoundingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {0.1, 0.1, 0.1},
                new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> LineFit.withGroupIntercepts(new double[] {0.1, 0.1, 0.3,
            0.3}, new double[] {1, 2, 3, 4}, new int[] {0, 0, 1, 1}));
    }
}
