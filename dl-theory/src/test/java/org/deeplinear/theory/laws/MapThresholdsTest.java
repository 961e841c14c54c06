package org.deeplinear.theory.laws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The descent maps' thresholds decided on the exact product {@code eta sigma}, not on its rounding (numerics audit of
 * 2026-12-07). Each case is a product the rounding puts on the other side of its threshold; the exact products are
 * the doubles' exact decimal values multiplied in {@link BigDecimal}.
 */
class MapThresholdsTest {

    private static BigDecimal exactProduct(double eta, double sigma) {
        return new BigDecimal(eta).multiply(new BigDecimal(sigma));
    }

    @Test
    void theMultiplierAndSuperstabilityUseTheExactProduct() {
        // 0.1 is 0.1 + 5.55e-18 in binary64: 0.1 x 5 = 1/2 + 2^-55 exactly, which rounds to 1/2
        assertEquals(0, exactProduct(0.1, 5).compareTo(new BigDecimal(0.5).add(new BigDecimal(0x1p-55))));
        for (GradientDescentMap map : List.of(new WeightGradientMap(0.1, 5, 0.01),
                new EulerGradientMap(0.1, 5, 0.01))) {
            assertEquals(0.5, map.stepTimesSigma(), 0.0);
            assertEquals(-0x1p-54, map.fixedPointMultiplier(), 0.0, map.toString());
            assertFalse(map.isFixedPointSuperstable(), map.toString());
            assertTrue(map.isFixedPointStable(), map.toString());
        }
        // an exact 1/2 is superstable
        assertTrue(new WeightGradientMap(0.25, 2, 0.01).isFixedPointSuperstable());
    }

    @Test
    void stabilityUsesTheExactProduct() {
        // 3 x 0.3333333333333333 = 0.9999999999999999 (exactly 1 - 2^-54), which rounds to 1
        assertTrue(exactProduct(3, 0.3333333333333333).compareTo(BigDecimal.ONE) < 0);
        for (GradientDescentMap map : List.of(new WeightGradientMap(3, 0.3333333333333333, 0.01),
                new EulerGradientMap(3, 0.3333333333333333, 0.01))) {
            assertEquals(1.0, map.stepTimesSigma(), 0.0);
            assertTrue(map.isFixedPointStable(), map.toString());
        }
    }

    @Test
    void boundednessUsesTheExactProduct() {
        // 0.2 x 10 = 2 + 1.1e-16 exactly (0.2 is 0.2 + 1.1e-17 in binary64), which rounds to 2: beyond the weight
        // map's threshold 2; (3/2 + 2^-52)(1 - 2^-53) = 3/2 + 2^-54 - 2^-105, which rounds to 3/2: beyond the Euler
        // map's 3/2
        assertTrue(exactProduct(0.2, 10).compareTo(BigDecimal.valueOf(2)) > 0);
        assertTrue(exactProduct(1.5000000000000002, 0.9999999999999999).compareTo(BigDecimal.valueOf(1.5)) > 0);
        WeightGradientMap weight = new WeightGradientMap(0.2, 10, 0.01);
        EulerGradientMap euler = new EulerGradientMap(1.5000000000000002, 0.9999999999999999, 0.01);
        assertEquals(2.0, weight.stepTimesSigma(), 0.0);
        assertEquals(1.5, euler.stepTimesSigma(), 0.0);
        assertFalse(weight.staysBounded());
        assertFalse(euler.staysBounded());
        // exactly at the thresholds (0.25 x 8 = 2, 0.1875 x 8 = 1.5) they stay bounded
        assertTrue(new WeightGradientMap(0.25, 8, 0.01).staysBounded());
        assertTrue(new EulerGradientMap(0.1875, 8, 0.01).staysBounded());
    }
    /**
     * The multiplier is a double wherever {@code 1 - 2 eta sigma} is one, though {@code 2 eta} overflows (review of
     * 2026-12-07: -Infinity for eta = 1e308, sigma = 1e-300, and not superstable at eta = 2^1023, sigma = 2^-1024,
     * whose product is exactly 1/2).
     */
    @Test
    void theMultiplierDoesNotOverflowWithTwiceTheStep() {
        double expected = BigDecimal.ONE.subtract(exactProduct(1e308, 1e-300).multiply(BigDecimal.valueOf(2)))
                .doubleValue();
        assertEquals(expected, new WeightGradientMap(1e308, 1e-300, 0).fixedPointMultiplier(), 0.0);
        WeightGradientMap half = new WeightGradientMap(0x1p1023, 0x1p-1024, 0);
        assertEquals(0.0, half.fixedPointMultiplier(), 0.0);
        assertTrue(half.isFixedPointSuperstable());
    }
}
