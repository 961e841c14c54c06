package org.deeplinear.core;

import static org.deeplinear.core.TestSupport.widthArrays;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Property tests of the dimension rules: {@link Shape} and {@link Widths}. */
class ShapeRulesTest {

    @Test
    void aShapeIsTheDepthTwoChainInputFirst() {
        qt().forAll(integers().between(1, 40), integers().between(1, 40), integers().between(1, 40))
                .checkAssert((m, k, n) -> {
                    Shape shape = Shape.of(m, k, n);
                    Widths w = shape.widths();
                    assertEquals(2, w.depth());
                    assertArrayEquals(new int[] {n, k, m}, w.toArray());
                    assertEquals(m, w.outputDimension());
                    assertEquals(n, w.inputDimension());
                    assertEquals(m * k + k * n, w.parameterCount());
                    // W_1 = U is k x n and comes first; W_2 = W is m x k
                    assertEquals(k, w.rowsOf(1));
                    assertEquals(n, w.colsOf(1));
                    assertEquals(m, w.rowsOf(2));
                    assertEquals(k, w.colsOf(2));
                    assertEquals(k * n, w.offsetOf(2));
                });
    }

    @Test
    void everyShapeDimensionBelowOneIsRejectedByName() {
        qt().forAll(integers().between(-5, 0), integers().between(1, 5)).checkAssert((bad, good) -> {
            assertRejected("m", bad, () -> Shape.of(bad, good, good));
            assertRejected("k", bad, () -> Shape.of(good, bad, good));
            assertRejected("n", bad, () -> Shape.of(good, good, bad));
        });
    }

    @Test
    void layoutIsLayersInOrderEachRowMajorAndContiguous() {
        qt().forAll(widthArrays(2, 5, 6)).checkAssert(d -> {
            Widths w = Widths.of(d);
            int depth = d.length - 1;
            assertEquals(depth, w.depth());
            int expectedOffset = 0;
            for (int j = 1; j <= depth; j++) {
                assertEquals(d[j], w.rowsOf(j));
                assertEquals(d[j - 1], w.colsOf(j));
                assertEquals(expectedOffset, w.offsetOf(j), "offset of W_" + j);
                expectedOffset += d[j] * d[j - 1];
            }
            assertEquals(expectedOffset, w.parameterCount());
            assertEquals(Arrays.stream(d).min().getAsInt(), w.minWidth());
            assertEquals(d[0], w.inputDimension());
            assertEquals(d[depth], w.outputDimension());
            assertThrows(IndexOutOfBoundsException.class, () -> w.offsetOf(0));
            assertThrows(IndexOutOfBoundsException.class, () -> w.rowsOf(depth + 1));
        });
    }

    @Test
    void widthsAreAValueThatOwnsItsArray() {
        qt().forAll(widthArrays(2, 5, 6)).checkAssert(d -> {
            int[] given = d.clone();
            Widths w = Widths.of(given);
            given[0] = given[0] + 1;
            assertArrayEquals(d, w.toArray(), "a later change to the argument must not leak in");
            w.toArray()[0] = -1;
            assertArrayEquals(d, w.toArray(), "toArray must return a copy");
            assertEquals(Widths.of(d), w);
            assertEquals(Widths.of(d).hashCode(), w.hashCode());
            assertNotEquals(Widths.of(given), w);
        });
    }

    @Test
    void uniformWidthsRepeatTheHiddenWidth() {
        qt().forAll(integers().between(1, 9), integers().between(1, 9), integers().between(1, 9),
                integers().between(2, 6)).checkAssert((m, h, n, depth) -> {
                    int[] expected = new int[depth + 1];
                    Arrays.fill(expected, h);
                    expected[0] = n;
                    expected[depth] = m;
                    assertEquals(Widths.of(expected), Widths.uniform(m, h, n, depth));
                });
    }

    @Test
    void uniformWidthsAreRefusedByTheirOwnNamesAndBeforeTheyAreMade() {
        // (review of 2026-12-07) uniform(3, 0, 3, 2) was refused as widths[1]; a depth of 4e8 (4e12 parameters) ran
        // out of memory making its widths; a million layers gave a message of five million characters
        assertRejected("hidden", 0, () -> Widths.uniform(3, 0, 3, 2));
        assertRejected("m", -1, () -> Widths.uniform(-1, 3, 3, 2));
        assertRejected("n", 0, () -> Widths.uniform(3, 3, 0, 2));
        // n h + (N - 2) h^2 + h m = 10^4 + (4e8 - 2) 10^4 + 10^4 = 4.0e12
        IllegalArgumentException huge = assertRejected("widths", "uniform(m = 100, hidden = 100, n = 100, depth ="
                + " 400000000)", () -> Widths.uniform(100, 100, 100, 400_000_000));
        assertTrue(huge.getMessage().endsWith("= 4.000e+12"), huge.getMessage());
        IllegalArgumentException long1 = assertRejected("widths", () -> Widths.uniform(100, 100, 100, 1_000_000));
        assertTrue(long1.getMessage().length() < 300, long1.getMessage());
        // at the limit: 46340 + 46340^2 = 2,147,441,940 parameters fit in an int, one more output row (46,340 more)
        // does not
        assertEquals(2_147_441_940, Widths.uniform(46340, 46340, 1, 2).parameterCount());
        assertRejected("widths", () -> Widths.uniform(46341, 46340, 1, 2));
        int[] many = new int[1_000_001];
        java.util.Arrays.fill(many, 100);
        IllegalArgumentException listed = assertRejected("widths", () -> Widths.of(many));
        assertTrue(listed.getMessage().startsWith("widths = [100, 100, 100, ... (999996 more), 100, 100]: expected")
                && listed.getMessage().length() < 300, listed.getMessage());
    }

    @Test
    void depthBelowTwoAndWidthsBelowOneAreRejectedByName() {
        assertRejected("widths", () -> Widths.of((int[]) null));
        assertRejected("depth", 0, () -> Widths.of(3));
        assertRejected("depth", 1, () -> Widths.of(3, 4));
        // no widths: named as given (it said "depth = -1", review of 2026-12-07)
        assertRejected("widths.length", 0, () -> Widths.of());
        qt().forAll(integers().between(1, 6), integers().between(-3, 1)).checkAssert((good, depth) ->
                assertRejected("depth", depth, () -> Widths.uniform(good, good, good, depth)));
        qt().forAll(widthArrays(2, 5, 6), integers().between(0, 5), integers().between(-3, 0))
                .checkAssert((d, at, bad) -> {
            int[] broken = d.clone();
            int j = at % broken.length;
            broken[j] = bad;
            assertRejected("widths[" + j + "]", bad, () -> Widths.of(broken));
        });
    }
}
