package org.deeplinear.core;

import static org.deeplinear.core.TestSupport.widthArrays;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void depthBelowTwoAndWidthsBelowOneAreRejectedByName() {
        assertRejected("widths", () -> Widths.of((int[]) null));
        assertRejected("depth", 0, () -> Widths.of(3));
        assertRejected("depth", 1, () -> Widths.of(3, 4));
        assertRejected("depth", -1, () -> Widths.of());
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
