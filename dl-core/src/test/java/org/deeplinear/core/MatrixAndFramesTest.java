package org.deeplinear.core;

import static org.deeplinear.core.TestSupport.gaussian;
import static org.deeplinear.core.TestSupport.householderFrame;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Random;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/** {@link Matrix} accessors and norm, and {@link OrthonormalFrames}. */
class MatrixAndFramesTest {

    @Test
    void frobeniusNormDoesNotOverflowOrUnderflow() {
        // 3-4-5 at three scales: the exact norm is 5 * scale, representable, while the squares are not
        assertEquals(5e200, Matrix.of(new double[][] {{3e200, 4e200}}).frobeniusNorm(), 5e200 * 1e-15);
        assertEquals(5e-200, Matrix.of(new double[][] {{3e-200}, {4e-200}}).frobeniusNorm(), 5e-200 * 1e-15);
        assertEquals(5.0, Matrix.of(new double[][] {{3, 0}, {0, -4}}).frobeniusNorm(), 0.0);
        assertEquals(0.0, Matrix.zeros(3, 2).frobeniusNorm());
        assertEquals(13.0, Matrix.frobeniusNorm(new double[] {5, 12, 1e300}, 2), 0.0, "only the first length");
    }

    @Test
    void accessorsAgreeWithTheEntries() {
        qt().forAll(integers().between(1, 6), integers().between(1, 6), seeds()).checkAssert((r, c, seed) -> {
            double[][] x = gaussian(r, c, new Random(seed));
            Matrix m = Matrix.of("X", x);
            assertTrue(m.hasShape(r, c));
            assertEquals(r + " x " + c, m.shape());
            for (int j = 0; j < c; j++) {
                double[] column = m.column(j);
                for (int i = 0; i < r; i++) {
                    assertEquals(x[i][j], column[i]);
                    assertEquals(x[i][j], m.get(i, j));
                    assertEquals(x[i][j], m.toDMatrix().get(i, j));
                }
            }
            m.toDMatrix().set(0, 0, 99.0);
            assertEquals(x[0][0], m.get(0, 0), "toDMatrix returns a copy: a Matrix is immutable");
            m.column(0)[0] = 99.0;
            assertEquals(x[0][0], m.get(0, 0), "column returns a copy");
            double[] padded = new double[r * c + 2];
            m.copyTo(padded, 2);
            assertEquals(x[0][0], padded[2]);
            assertEquals(m, Matrix.of("Y", x));
            assertEquals(m.hashCode(), Matrix.of("Y", x).hashCode());
            x[r - 1][c - 1] += 1;
            assertNotEquals(m, Matrix.of("Y", x));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(r, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> m.column(c));
        });
    }

    @Test
    void randomFramesAreOrthonormalAndSeeded() {
        qt().forAll(integers().between(1, 40), integers().between(1, 40), seeds()).checkAssert((d, r, seed) -> {
            if (r > d) {
                assertRejected("r", () -> OrthonormalFrames.random(d, r, new Random(seed)));
                return;
            }
            Matrix q = OrthonormalFrames.random(d, r, new Random(seed));
            assertTrue(q.hasShape(d, r));
            // twice-applied Gram-Schmidt: defect a few ulps times the dimension
            assertTrue(OrthonormalFrames.orthonormalityDefect(q) <= 1e-14, "defect "
                    + OrthonormalFrames.orthonormalityDefect(q));
            assertEquals(q, OrthonormalFrames.random(d, r, new Random(seed)));
        });
    }

    @Test
    void completionKeepsTheGivenColumnsAndStaysOrthonormal() {
        qt().forAll(integers().between(1, 8), seeds()).checkAssert((d, seed) -> {
            Random random = new Random(seed);
            int r = 1 + random.nextInt(d);
            int p = r + random.nextInt(d - r + 1);
            Matrix basis = householderFrame(d, r, random);
            Matrix full = OrthonormalFrames.complete(basis, p);
            assertTrue(full.hasShape(d, p));
            for (int c = 0; c < r; c++) {
                assertArrayEquals(basis.column(c), full.column(c));
            }
            assertTrue(OrthonormalFrames.orthonormalityDefect(full) <= 1e-13);
        });
        // a larger frame, many reflections per column (Householder's backward stability: ||Q^T Q - I|| of order r
        // ulps; 1e-13 is about 450 ulps of 1)
        Matrix tall = householderFrame(200, 5, new Random(7));
        Matrix completed = OrthonormalFrames.complete(tall, 200);
        for (int c = 0; c < 5; c++) {
            assertArrayEquals(tall.column(c), completed.column(c));
        }
        assertTrue(OrthonormalFrames.orthonormalityDefect(completed) <= 1e-13);
        // e_1 already in the frame: its reflector leaves e_2, e_3 as they are
        Matrix e1 = Matrix.of(new double[][] {{1}, {0}, {0}});
        Matrix full = OrthonormalFrames.complete(e1, 3);
        assertArrayEquals(new double[] {0, 1, 0}, full.column(1));
        assertArrayEquals(new double[] {0, 0, 1}, full.column(2));
        assertRejected("p", () -> OrthonormalFrames.complete(e1, 4));
        assertRejected("p", () -> OrthonormalFrames.complete(householderFrame(3, 2, new Random(1)), 1));
        assertRejected("basis", () -> OrthonormalFrames.complete(null, 1));
        assertRejected("random", () -> OrthonormalFrames.random(3, 2, null));
    }

    @Test
    void orthonormalityIsRequiredToTheGivenTolerance() {
        Matrix q = householderFrame(5, 3, new Random(2));
        OrthonormalFrames.requireOrthonormal("q", q, 1e-12);
        double[][] x = q.toArray();
        x[0][0] += 1e-6;
        Matrix bent = Matrix.of(x);
        assertTrue(OrthonormalFrames.orthonormalityDefect(bent) > 1e-8);
        assertRejected("q (max |Q^T Q - I|)", () -> OrthonormalFrames.requireOrthonormal("q", bent, 1e-10));
        OrthonormalFrames.requireOrthonormal("q", bent, 1e-4);
    }

    @Test
    void halfSquaredNormsAreFiniteWhereverTheirValueIs() {
        // 1/2 sum x^2 with sum x^2 past the largest double but half of it below: four entries of 9e153 give
        // 1/2 * 4 * 8.1e307 = 1.62e308 (the plain sum overflowed: a loss "Infinity", review of 2026-11-28)
        double[] big = {9e153, 9e153, -9e153, 9e153};
        assertEquals(1.62e308, Matrix.halfSquaredNorm(big, 0, 4), 1e-15 * 1.62e308);
        assertEquals(2.5, Matrix.halfSquaredNorm(new double[] {7, 1, 2, 9}, 1, 3), 0.0); // (1 + 4) / 2, exact
        assertEquals(0.0, Matrix.halfSquaredNorm(big, 2, 2), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Matrix.halfSquaredNorm(new double[] {1e300, 1e300, 1e300}, 0, 3));
        // a target's best rank-0 residual: sigma = 1.5e154 gives 1.125e308; sigma = (1e154, 1e154) gives 1e308
        Matrix e = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        assertEquals(1.125e308, Target.fromSpectrum(new double[] {1.5e154}, Matrix.of(new double[][] {{1}, {0}}),
                Matrix.of(new double[][] {{1}, {0}})).spectrum().bestRankResidual(0), 1e-15 * 1.125e308);
        assertEquals(1e308, Target.fromSpectrum(new double[] {1e154, 1e154}, e, e).spectrum().bestRankResidual(0),
                1e-15 * 1e308);
        // a model's loss: W = 3e76 I, U = 3e77 (all ones), A = 9e153 everywhere, A* of sigma 1: about 1.62e308
        Matrix w = Matrix.of(new double[][] {{3e76, 0}, {0, 3e76}});
        Matrix u = Matrix.of(new double[][] {{3e77, 3e77}, {3e77, 3e77}});
        Target target = Target.fromSpectrum(new double[] {1}, Matrix.of(new double[][] {{1}, {0}}),
                Matrix.of(new double[][] {{1}, {0}}));
        Model model = Model.of(FactorChain.ofLayers(List.of(u, w)), target);
        assertEquals(1.62e308, model.loss(), 1e-15 * 1.62e308);
    }

    @Test
    void completingColumnsThatAreNotOrthonormalIsRefused() {
        // complete() promised a frame only for orthonormal input, and returned one with defect 1 for these
        assertRejected("basis (max |Q^T Q - I|)",
                () -> OrthonormalFrames.complete(Matrix.of(new double[][] {{1, 1}, {0, 1e-9}, {0, 0}}), 3));
        assertRejected("basis (max |Q^T Q - I|)",
                () -> OrthonormalFrames.complete(Matrix.of(new double[][] {{2}, {0}, {0}}), 2));
        Matrix frame = OrthonormalFrames.complete(Matrix.of(new double[][] {{0.6}, {0.8}, {0}}), 3);
        assertTrue(OrthonormalFrames.orthonormalityDefect(frame) < 1e-15);
        // and a singular value out of range is an IndexOutOfBoundsException naming the index
        Matrix e = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        assertOutOfRange("i = 2: expected 0..1", () -> Target.fromSpectrum(new double[] {2, 1}, e, e).spectrum()
                .sigma(2));
        assertOutOfRange("i = -1: expected 0..1", () -> Target.fromSpectrum(new double[] {2, 1}, e, e).spectrum()
                .sigma(-1));
    }

    @Test
    void badRangesSizesAndNullsAreNamed() {
        // review of 2026-12-06: these returned 0, failed with an index or null-pointer error, or blamed the
        // wrong parameter
        double[] v = {3, 4};
        assertRejected("length", -1, () -> Matrix.frobeniusNorm(v, -1));
        assertRejected("length", 3, () -> Matrix.frobeniusNorm(v, 3));
        assertRejected("[from, to)", () -> Matrix.halfSquaredNorm(v, 2, 1));
        assertRejected("[from, to)", () -> Matrix.halfSquaredNorm(v, -1, 1));
        assertRejected("values", () -> Matrix.scaledHalfSquaredNorm(null, 0, 1));
        assertEquals(5.0, Matrix.frobeniusNorm(v, 2));
        assertEquals(12.5, Matrix.halfSquaredNorm(v, 0, 2));
        // 65536 rows sharing one row of 65536: 2^32 entries, whose int count wrapped to 0
        double[] row = new double[65536];
        double[][] rows = new double[65536][];
        java.util.Arrays.fill(rows, row);
        assertRejected("huge", () -> Matrix.of("huge", rows));
        assertRejected("depth", Integer.MAX_VALUE, () -> Widths.uniform(1, 1, 1, Integer.MAX_VALUE));
        assertRejected("d", 0, () -> OrthonormalFrames.random(0, 1, new Random(1)));
        assertRejected("q", () -> OrthonormalFrames.orthonormalityDefect(null));
        Matrix identity = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        assertRejected("basis", () -> OrthonormalFrames.requireOrthonormal("basis", null, 1e-10));
        assertRejected("tolerance", Double.NaN,
                () -> OrthonormalFrames.requireOrthonormal("basis", identity, Double.NaN));
    }

    /** The static norms name a null array as such (review of 2026-12-08: "length = 0 ... (values null)"). */
    @Test
    void theNormsOfANullArrayNameTheArray() {
        assertRejected("values", () -> Matrix.frobeniusNorm(null, 0));
        assertRejected("values", () -> Matrix.halfSquaredNorm(null, 0, 0));
        assertRejected("values", () -> Matrix.scaledHalfSquaredNorm(null, 0, 0));
        assertRejected("length", 3, () -> Matrix.frobeniusNorm(new double[2], 3));
    }
}
