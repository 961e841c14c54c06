package org.deeplinear.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {1, 1}, new double[] {1, 2}));
    }
}
