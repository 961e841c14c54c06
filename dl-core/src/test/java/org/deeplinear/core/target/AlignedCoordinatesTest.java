package org.deeplinear.core.target;

import static org.deeplinear.core.TestSupport.gaussian;
import static org.deeplinear.core.TestSupport.maxAbsDifference;
import static org.deeplinear.core.TestSupport.outer;
import static org.deeplinear.core.TestSupport.rankOneOffTheBases;
import static org.deeplinear.core.TestSupport.times;
import static org.deeplinear.core.TestSupport.transpose;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.junit.jupiter.api.Test;

/**
 * {@link AlignedCoordinates}: {@code P = U*^T A V*}, its diagonal (modes) and its coupling.
 * Tolerance: P is two products of sums of at most 8 terms with orthonormal factors, so its entries are within
 * ~1e-15 ||A||; 1e-12 relative to the map's largest entry, scaled by its size, is a wide margin.
 */
class AlignedCoordinatesTest {

    /** No part outside the target's bases: a square map's. */
    private static final double[] NONE = new double[0];

    @Test
    void projectionIsUStarTransposeAVStar() {
        qt().withExamples(80).forAll(integers().between(1, 8), integers().between(1, 8), seeds())
                .checkAssert((m, n, seed) -> {
                    Random random = new Random(seed);
                    Target target = Target.of(Matrix.of("A*", gaussian(m, n, random)));
                    double[][] a = gaussian(m, n, random);
                    AlignedCoordinates p = AlignedCoordinates.of(target, Matrix.of("A", a));
                    double[][] expected = times(times(transpose(target.spectrum().leftVectors().toArray()), a),
                            target.spectrum().rightVectors().toArray());
                    assertTrue(maxAbsDifference(expected, p.projection().toArray()) <= 1e-12 * (m + n),
                            "P = U*^T A V*");
                    for (int i = 0; i < Math.min(m, n); i++) {
                        assertEquals(p.projection().get(i, i), p.mode(i));
                        assertEquals(p.mode(i), p.modes()[i]);
                    }
                });
    }

    @Test
    void anAlignedMapHasItsModesOnTheDiagonalAndNoCoupling() {
        qt().withExamples(80).forAll(integers().between(1, 8), integers().between(1, 8), seeds())
                .checkAssert((m, n, seed) -> {
                    Random random = new Random(seed);
                    int p = Math.min(m, n);
                    double[] sigmas = new double[p];
                    double[] s = new double[p];
                    for (int i = 0; i < p; i++) {
                        sigmas[i] = p - i;
                        s[i] = 4 * random.nextDouble() - 2;
                    }
                    Target target = Target.random(m, n, sigmas, Seed.of(seed));
                    double[][] a = new double[m][n]; // A = sum_i s_i u_i v_i^T
                    for (int c = 0; c < p; c++) {
                        double[] u = target.spectrum().leftVector(c);
                        double[] v = target.spectrum().rightVector(c);
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                a[i][j] += s[c] * u[i] * v[j];
                            }
                        }
                    }
                    AlignedCoordinates coordinates = AlignedCoordinates.of(target, Matrix.of("A", a));
                    assertArrayEquals(s, coordinates.modes(), 1e-12 * p);
                    assertTrue(coordinates.coupling() <= 1e-12, "coupling " + coordinates.coupling());
                });
    }

    @Test
    void aRandomMapIsCoupled() {
        qt().withExamples(50).forAll(integers().between(2, 8), integers().between(2, 8), seeds())
                .checkAssert((m, n, seed) -> {
                    Random random = new Random(seed);
                    Target target = Target.random(m, n, new double[] {2, 1}, Seed.of(seed));
                    double coupling = AlignedCoordinates.of(target, Matrix.of("A", gaussian(m, n, random)))
                            .coupling();
                    assertTrue(coupling > 0 && coupling <= 1, "coupling " + coupling);
                });
        // a 6 x 6 Gaussian map holds about 5/6 of its mass off the diagonal: coupling near sqrt(5/6) = 0.91
        Target target = Target.random(6, 6, new double[] {3, 2, 1}, Seed.of(1));
        double coupling = AlignedCoordinates.of(target, Matrix.of("A", gaussian(6, 6, new Random(2)))).coupling();
        assertTrue(coupling > 0.5, "coupling " + coupling);
        // a small random initialisation is coupled (its end-to-end map is a product of two Gaussian matrices, again
        // with most of its mass off the diagonal of P); an aligned one is not
        Model random = Model.of(Initializations.smallGaussian(1e-2, Seed.of(3))
                .create(Shape.of(6, 6, 6).widths(), target), target);
        assertTrue(random.alignedCoordinates().coupling() > 0.5);
        Model aligned = Model.of(Initializations.aligned(new double[] {1e-2, 2e-2, 3e-2})
                .create(Shape.of(6, 6, 6).widths(), target), target);
        assertTrue(aligned.alignedCoordinates().coupling() <= 1e-12);
    }

    @Test
    void aModeOutsideTheTargetsIsRefusedByName() {
        // p = min(4, 3) = 3 modes, as Spectrum.sigma refuses the same index
        AlignedCoordinates p = AlignedCoordinates.of(Target.random(4, 3, new double[] {2, 1}, Seed.of(5)),
                Matrix.zeros(4, 3));
        assertEquals(0.0, p.mode(2));
        assertOutOfRange("i = 3: expected 0..2", () -> p.mode(3));
        assertOutOfRange("i = -1: expected 0..2", () -> p.mode(-1));
    }

    @Test
    void couplingIsZeroForTheZeroMapAndOneWithNothingOnTheDiagonal() {
        Target target = Target.random(3, 4, new double[] {2, 1}, Seed.of(5));
        assertEquals(0.0, AlignedCoordinates.of(target, Matrix.zeros(3, 4)).coupling());
        double[] u = target.spectrum().leftVector(0);
        double[] v = target.spectrum().rightVector(1);
        double[][] a = new double[3][4]; // u_0 v_1^T: all mass at P_01
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = u[i] * v[j];
            }
        }
        AlignedCoordinates p = AlignedCoordinates.of(target, Matrix.of("A", a));
        assertEquals(1.0, p.coupling(), 1e-12);
        assertEquals(1.0, p.projection().get(0, 1), 1e-12);
    }

    @Test
    void aMapOfAnotherShapeIsRejected() {
        Target target = Target.random(3, 4, new double[] {1}, Seed.of(5));
        assertRejected("map", () -> AlignedCoordinates.of(target, Matrix.zeros(4, 3)));
        assertRejected("map", () -> AlignedCoordinates.of(target, null));
        assertRejected("target", () -> AlignedCoordinates.of(null, Matrix.zeros(3, 4)));
        // a map whose coordinates leave the doubles: every entry 1.5e308 gives P entries of about 2 x 1.5e308 on the
        // way (A V* overflows, inf - inf); it was refused as "P[0][0] = NaN", an internal matrix (review of dl-core)
        Target square = Target.random(2, 2, new double[] {1, 1}, Seed.of(1));
        double big = 1.5e308;
        assertRejected("map", () -> AlignedCoordinates.of(square, Matrix.of(new double[][] {{big, big}, {big, big}})),
                "finite in doubles");
    }

    @Test
    void couplingIsTheRatioAlsoWhereTheNormsOverflowOrUnderflow() {
        // review of 2026-12-06: with ||P||_F = 2e308 (not a double) the coupling was 0; off-diagonal mass 2 x^2 of
        // 4 x^2 whatever x is: 1/sqrt(2); one of three equal subnormal entries off the diagonal: 1/sqrt(3)
        double x = 1e308;
        assertEquals(Math.sqrt(0.5), AlignedCoordinates.coupling(new double[] {x, x, x, x}, 2, NONE, 0), 1e-16);
        Target target = Target.fromSpectrum(new double[] {1, 1}, Matrix.of(new double[][] {{1, 0}, {0, 1}}),
                Matrix.of(new double[][] {{1, 0}, {0, 1}}));
        assertEquals(Math.sqrt(0.5), AlignedCoordinates.of(target, Matrix.of(new double[][] {{x, x}, {x, x}}))
                .coupling(), 1e-16);
        // a wide map whose part outside the bases overflows where P does not (review of 2026-12-08: refused, naming
        // U*^T A V*): v = (-0.6, 0.8), A = (x, x) with x = 1.7e308, P = 0.2 x, A - P v^T = (1.12 x, 0.84 x) beyond the
        // largest double; the share off the mode is sqrt(1 - (0.2 x)^2 / (2 x^2)) = sqrt(0.98) (closed form)
        Target oblique = Target.fromSpectrum(new double[] {1}, Matrix.of(new double[][] {{1}}),
                Matrix.of(new double[][] {{-0.6}, {0.8}}));
        double huge = 1.7e308;
        AlignedCoordinates far = AlignedCoordinates.of(oblique, Matrix.of(new double[][] {{huge, huge}}));
        assertEquals(0.2 * huge, far.mode(0), 1e-15 * huge);
        assertEquals(Math.sqrt(0.98), far.coupling(), 1e-15);
        double tiny = 1e-320;
        assertEquals(Math.sqrt(1.0 / 3), AlignedCoordinates.coupling(new double[] {tiny, tiny, 0, tiny}, 2, NONE, 0),
                1e-16);
        assertEquals(0.0, AlignedCoordinates.coupling(new double[] {0, 0, 0, 0}, 2, NONE, 0));
        assertEquals(0.0, AlignedCoordinates.coupling(new double[] {5, 0, 0, Double.MIN_VALUE}, 2, NONE, 0));
        assertTrue(Double.isNaN(AlignedCoordinates.coupling(new double[] {1, Double.NaN, 0, 1}, 2, NONE, 0)));
        assertTrue(Double.isNaN(AlignedCoordinates.coupling(new double[] {1, Double.POSITIVE_INFINITY, 0, 1}, 2, NONE,
                0)));
        assertRejected("p", 3, () -> AlignedCoordinates.coupling(new double[4], 3, NONE, 0));
        assertRejected("p", -1, () -> AlignedCoordinates.coupling(new double[4], -1, NONE, 0));
        assertRejected("projection", () -> AlignedCoordinates.coupling(null, 1, NONE, 0));
        assertRejected("outside", () -> AlignedCoordinates.coupling(new double[1], 1, null, 0));
        assertRejected("count", 2, () -> AlignedCoordinates.coupling(new double[1], 1, new double[1], 2));
        assertRejected("count", -1, () -> AlignedCoordinates.coupling(new double[1], 1, new double[1], -1));
        // the outside part's entries are scaled with P's: mass 3 x^2 of 4 x^2 off the modes at x = 1e308
        assertEquals(Math.sqrt(0.75), AlignedCoordinates.coupling(new double[] {x}, 1, new double[] {x, x, x}, 3),
                1e-16);
        assertTrue(Double.isNaN(AlignedCoordinates.coupling(new double[] {1}, 1, new double[] {Double.NaN}, 1)));
    }

    /**
     * The coupling is the share of A off its aligned modes, {@code ||A - sum_i s_i u_i v_i^T||_F / ||A||_F}, here
     * computed from that definition with plain loops, for maps of every shape: for a map that is not square the part
     * outside the target's bases counts (review of 2026-12-08: only P's off-diagonal did, so a tall or wide map
     * with mass outside the bases had coupling 0). Error: sums of at most 8 products of orthonormal entries, within
     * ~1e-15 of 1; 1e-12 is a wide margin.
     */
    @Test
    void couplingIsTheShareOfTheMapOffItsAlignedModes() {
        qt().withExamples(80).forAll(integers().between(1, 8), integers().between(1, 8), seeds())
                .checkAssert((m, n, seed) -> {
                    Random random = new Random(seed);
                    int p = Math.min(m, n);
                    double[] sigmas = new double[p];
                    for (int i = 0; i < p; i++) {
                        sigmas[i] = p - i;
                    }
                    Target target = Target.random(m, n, sigmas, Seed.of(seed));
                    double[][] a = gaussian(m, n, random);
                    AlignedCoordinates coordinates = AlignedCoordinates.of(target, Matrix.of("A", a));
                    double off = 0;
                    double all = 0;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double rest = a[i][j];
                            for (int c = 0; c < p; c++) {
                                rest -= coordinates.mode(c) * target.spectrum().leftVector(c)[i]
                                        * target.spectrum().rightVector(c)[j];
                            }
                            off += rest * rest;
                            all += a[i][j] * a[i][j];
                        }
                    }
                    assertEquals(Math.sqrt(off / all), coordinates.coupling(), 1e-12);
                });
    }

    /**
     * The review's maps: {@code A = (alpha u_0 + beta e) v_0^T} with {@code e} a unit vector orthogonal to the
     * target's left bases (tall), and its transpose's counterpart {@code u_0 (alpha v_0 + beta f)^T} (wide). P is
     * {@code diag(alpha, 0, 0)} in both, so the old coupling was 0; the share off the mode is
     * {@code beta / sqrt(alpha^2 + beta^2) = 0.8 / sqrt(0.73)} (closed form), and 1 with {@code alpha = 0}, where P is
     * rounding (the old ratio of rounding noise was 0.92, a review's measurement of 2026-12-08).
     */
    @Test
    void aMapWithMassOutsideTheTargetsBasesIsCoupled() {
        Target tall = Target.random(5, 3, new double[] {2, 1, 0.5}, Seed.of(3));
        Target wide = Target.random(3, 5, new double[] {2, 1, 0.5}, Seed.of(3));
        for (double[] weights : new double[][] {{0.3, 0.8}, {0, 1}}) {
            double expected = weights[1] / Math.hypot(weights[0], weights[1]);
            double[][] vectors = rankOneOffTheBases(tall, weights[0], weights[1]);
            AlignedCoordinates coordinates = AlignedCoordinates.of(tall, Matrix.of("A", outer(vectors[0],
                    vectors[1])));
            assertEquals(weights[0], coordinates.mode(0), 1e-15);
            assertEquals(expected, coordinates.coupling(), 1e-15, "tall");
            vectors = rankOneOffTheBases(wide, weights[0], weights[1]);
            assertEquals(expected, AlignedCoordinates.of(wide, Matrix.of("A", outer(vectors[0], vectors[1])))
                    .coupling(), 1e-15, "wide");
        }
    }

    /**
     * The coupling of buffers names each argument it refuses (review of 2026-12-08: nulls and short arrays failed with
     * bare exceptions, or named the backend's "a" and "b"; outside was named "out").
     */
    @Test
    void theCouplingOfBuffersNamesWhatItRefuses() {
        ProductBackend products = ProductBackends.ejml();
        double[] map = new double[6];
        double[] three = new double[6];
        double[] four = new double[4];
        double[] outside = new double[6];
        // a 2 x 3 map: p = 2, U* 2 x 2, V* 3 x 2, A V* 2 x 2, P 2 x 2, outside 2 x 3
        assertRejected("products", () -> AlignedCoordinates.coupling(null, 2, 3, map, four, three, four, four,
                outside));
        assertRejected("map", () -> AlignedCoordinates.coupling(products, 2, 3, null, four, three, four, four,
                outside));
        assertRejected("leftVectors.length", 3, () -> AlignedCoordinates.coupling(products, 2, 3, map, new double[3],
                three, four, four, outside));
        assertRejected("rightVectors", () -> AlignedCoordinates.coupling(products, 2, 3, map, four, null, four, four,
                outside));
        assertRejected("mapTimesRight", () -> AlignedCoordinates.coupling(products, 2, 3, map, four, three, null,
                four, outside));
        assertRejected("projection.length", 3, () -> AlignedCoordinates.coupling(products, 2, 3, map, four, three,
                four, new double[3], outside));
        assertRejected("outside.length", 5, () -> AlignedCoordinates.coupling(products, 2, 3, map, four, three, four,
                four, new double[5]));
        assertEquals(0.0, AlignedCoordinates.coupling(products, 2, 3, map, four, three, four, four, outside));
        // a shape whose m n passes an int is named (Math.multiplyExact's bare ArithmeticException)
        assertRejected("m n", () -> AlignedCoordinates.outsideSize(100_000, 100_001));
    }

    /**
     * The per-sample path of views and trackers, the coupling of buffers (the part outside the bases, then the
     * ratio), allocates nothing once compiled (HotSpot's per-thread allocation counter, EJML's products): its size
     * checks built their messages at every call, 100-400 B per sample (review of 2026-12-08). Tall, wide and square
     * maps.
     */
    @Test
    void theCouplingOfBuffersAllocatesNothing() {
        for (int[] shape : new int[][] {{5, 3}, {3, 5}, {4, 4}}) {
            int m = shape[0];
            int n = shape[1];
            int p = Math.min(m, n);
            Target target = Target.random(m, n, new double[] {2, 1}, Seed.of(3));
            double[] map = new double[m * n];
            Matrix.of("A", gaussian(m, n, new Random(4))).copyTo(map, 0);
            double[] left = target.spectrum().leftVectors().toDMatrix().data;
            double[] right = target.spectrum().rightVectors().toDMatrix().data;
            ProductBackend products = ProductBackends.ejml();
            double[] av = new double[m * p];
            products.gemm(false, false, m, p, n, 1.0, map, 0, right, 0, 0.0, av, 0);
            double[] projection = new double[p * p];
            products.gemm(true, false, p, p, m, 1.0, left, 0, av, 0, 0.0, projection, 0);
            double[] outside = new double[AlignedCoordinates.outsideSize(m, n)];
            Runnable sample = () -> AlignedCoordinates.coupling(products, m, n, map, left, right, av, projection,
                    outside);
            for (int i = 0; i < 20_000; i++) {
                sample.run();   // warm up the JIT
            }
            int calls = 1000;
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < calls; i++) {
                sample.run();
            }
            long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(bytes < calls, m + " x " + n + ": " + bytes + " bytes in " + calls + " samples");
        }
    }
}
