package org.deeplinear.core.reliability;

import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.OrthonormalFrames;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The API audit of 2026-12-07, dl-core: sizes too large for memory are refused by name before anything is allocated
 * (each case ran out of memory, or failed inside the JDK, on the previous code), and size checks, scaling helpers,
 * index accessors and the seed's property name refuse bad input in the library's format instead of failing with a
 * raw JDK exception. The huge cases allocate nothing once refused, so they run in any heap.
 */
class EarlyRefusalTest {

    @Test
    void framesTooLargeForOneArrayAreRefusedBeforeTheyAreDrawn() {
        Random random = new Random(1);
        // 100,000 x 100,000 = 1e10 entries > Integer.MAX_VALUE - 8: ran out of memory after 5 s
        assertRejected("r", 100_000, () -> OrthonormalFrames.random(100_000, 100_000, random));
        // (2^31 - 1) x 1 entries: "Requested array size exceeds VM limit"
        assertRejected("r", 1, () -> OrthonormalFrames.random(Integer.MAX_VALUE, 1, random));
    }

    @Test
    void aRandomTargetTooLargeForOneArrayIsRefusedBeforeItsFramesAreDrawn() {
        // m n = 2.5e9 > Integer.MAX_VALUE - 8 entries; its frames, 50,000 x 40,000 = 2e9 entries each, would fit an
        // array (16 GB): they ran out of memory before fromSpectrum's check
        assertRejected("n", 50_000, () -> Target.random(50_000, 50_000, new double[40_000], Seed.of(1)));
        assertRejected("n", 50_000, () -> Target.random(50_000, 50_000, new double[50_000], Seed.of(1)));
    }

    @Test
    void aChainDeeperThanTheLimitIsRefusedBeforeItsWidthsAreMade() {
        // 1e9 layers of width 1 have 1e9 parameters, which an int counts; their widths were two arrays of 4 GB
        assertRejected("depth", 1_000_000_000, () -> Widths.uniform(1, 1, 1, 1_000_000_000));
        assertRejected("depth", Widths.MAX_DEPTH + 1, () -> Widths.uniform(1, 1, 1, Widths.MAX_DEPTH + 1));
        assertEquals(Widths.MAX_DEPTH, Widths.uniform(1, 1, 1, Widths.MAX_DEPTH).depth());
        int[] ones = new int[Widths.MAX_DEPTH + 2];
        Arrays.fill(ones, 1);
        assertRejected("depth", Widths.MAX_DEPTH + 1, () -> Widths.of(ones));
        assertEquals(Widths.MAX_DEPTH, Widths.of(Arrays.copyOf(ones, Widths.MAX_DEPTH + 1)).depth());
    }

    @Test
    void checkEntriesRefusesRowsAndColumnsBelowOne() {
        // rows = 0 divided by zero in the message; negative rows passed (a negative product is <= MAX_ENTRIES)
        assertRejected("rows", 0, () -> Matrix.checkEntries("c", 0, 5));
        assertRejected("rows", -1, () -> Matrix.checkEntries("c", -1, 5));
        assertRejected("c", -5, () -> Matrix.checkEntries("c", 1, -5));
        // rows alone beyond one array: said so (it was "c = 2: expected at most 0 columns", review of 2026-12-07)
        assertRejected("c", () -> Matrix.checkEntries("c", Integer.MAX_VALUE, 2), "c = 2: expected a size that fits"
                + " one array, but 2147483647 rows alone exceed its 2147483639 entries");
        assertRejected("c", 0, () -> Matrix.checkEntries("c", 3, 0));
        assertRejected("c", () -> Matrix.checkEntries("c", Integer.MAX_VALUE / 2 + 1, 2),
                "c = 2: expected at most 1 columns for 1073741824 rows");
        Matrix.checkEntries("c", 1, Matrix.MAX_ENTRIES);
    }

    @Test
    void theSvdScalingHelpersRefuseNullAndMismatchedMatrices() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2);
        assertRejected("a", null, () -> Matrix.svdScaleExponent(null));
        assertRejected("a", null, () -> Matrix.svdScale(null, 0, a));
        assertRejected("out", null, () -> Matrix.svdScale(a, 0, null));
        // a 1 x 1 out for a 2 x 2 matrix: ArrayIndexOutOfBoundsException at its second entry
        assertRejected("out", "1 x 1", () -> Matrix.svdScale(a, 1, new DMatrixRMaj(1, 1)));
        assertRejected("out", "2 x 1", () -> Matrix.svdScale(a, 1, new DMatrixRMaj(2, 1)));
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{4, 8}, {-2, 1}});
        DMatrixRMaj out = new DMatrixRMaj(2, 2);
        Matrix.svdScale(b, 2, out);
        assertTrue(Arrays.equals(new double[] {1, 2, -0.5, 0.25}, out.data), Arrays.toString(out.data));
    }

    @Test
    void copyToNamesTheOffsetWhereTheEntriesDoNotFit() {
        Matrix m = Matrix.zeros(2, 2);
        IndexOutOfBoundsException shortArray = assertThrows(IndexOutOfBoundsException.class,
                () -> m.copyTo(new double[2], 0));
        assertEquals("offset = 0: expected an offset with 4 entries from it within destination.length = 2 (none"
                + " fits)", shortArray.getMessage());
        assertOutOfRange("offset = -1: expected 0..2 (4 entries within destination.length = 6)",
                () -> m.copyTo(new double[6], -1));
        assertOutOfRange("offset = 3: expected 0..2 (4 entries within destination.length = 6)",
                () -> m.copyTo(new double[6], 3));
        double[] fits = new double[6];
        Matrix.of(new double[][] {{1, 2}, {3, 4}}).copyTo(fits, 2);
        assertTrue(Arrays.equals(new double[] {0, 0, 1, 2, 3, 4}, fits), Arrays.toString(fits));
    }

    @Test
    void widthNamesTheIndexAndTheRange() {
        Widths w = Widths.of(1, 2, 3);
        // was "Index 5 out of bounds for length 3" from the array
        assertOutOfRange("j = 5: expected 0..2", () -> w.width(5));
        assertOutOfRange("j = -1: expected 0..2", () -> w.width(-1));
        assertEquals(3, w.width(2));
    }

    @Test
    void anEmptyPropertyNameIsRefusedByName() {
        // was the JDK's "key can't be empty", an IllegalArgumentException naming no parameter
        assertRejected("property", "\"\"", () -> Seed.fromProperty("", 1));
        assertEquals(Seed.of(7), Seed.fromProperty("deeplinear.test.property.never.set", 7));
    }

    @Test
    void nonNullElementsNamesTheFirstNullByIndex() {
        assertRejected("laws[1]", null, () -> Arguments.nonNullElements("laws", Arrays.asList("a", null, "c")));
        assertRejected("laws", null, () -> Arguments.nonNullElements("laws", null));
        List<String> copy = Arguments.nonNullElements("laws", Arrays.asList("a", "b"));
        assertEquals(List.of("a", "b"), copy);
        assertThrows(UnsupportedOperationException.class, () -> copy.add("c"));
    }
}
