package org.deeplinear.core.products;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplinear.core.testing.SystemProperties;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The backends of {@link ProductBackends}: every backend computes the same {@code gemm} to rounding, choosing and
 * forcing a backend work, unknown names are rejected.
 *
 * <p>Tolerance: each entry of a backend's {@code C = alpha op(A) op(B) + beta C} is compared with a textbook loop
 * in the same double arithmetic, relative to the entry's condition scale
 * {@code s_ij = |alpha| sum_l |op(A)_il| |op(B)_lj| + |beta| |C_ij|}. Any summation order of the {@code k}
 * products stays within {@code gamma_(k+2) s_ij} of the exact value, {@code gamma_j = j u / (1 - j u)},
 * {@code u = 2^-53} (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 3.5), so two orders
 * differ by at most {@code 2 gamma_(k+2) s_ij}, about {@code 2.4e-14 s_ij} for the largest {@code k = 100} here;
 * the test asks for {@code 1e-13}.
 *
 * <p>The native path runs where a native BLAS is installed; under CI ({@code CI} set, as {@code .ci/run} runs,
 * which installs OpenBLAS) its absence is a failure, elsewhere the native cases are skipped by assumption.
 */
class ProductBackendsTest {

    private static final double RELATIVE = 1e-13;

    /**
     * Every backend to check, with the netlib small-product shortcut off so that BLAS itself is tested, and a
     * backend of a user's that implements only the matrix form (its flat-array products are the interface's
     * default, through that form).
     */
    private static List<ProductBackend> backendsUnderTest() {
        List<ProductBackend> list = new ArrayList<>();
        list.add(ProductBackends.ejml());
        list.add(new ProductBackend() {
            @Override
            public String name() {
                return "matrix-only";
            }

            @Override
            public void gemm(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta,
                    DMatrixRMaj c) {
                ProductBackends.ejml().gemm(ta, tb, alpha, a, b, beta, c);
            }
        });
        list.add(NetlibLoader.get().javaProducts().withSmallProducts(0, 0));
        NetlibLoader.get().nativeProducts().ifPresent(p -> list.add(p.withSmallProducts(0, 0)));
        list.add(throughPublicMethods());
        return list;
    }

    /**
     * netlib's BLAS behind a proxy, which is no {@code AbstractBLAS}: a {@link NetlibProducts} on it calls netlib's
     * public {@code dgemm} and {@code dgemv} (with their argument checks), the path taken where netlib's kernels are
     * not reachable. The native BLAS where there is one, else netlib's Java BLAS.
     */
    private static NetlibProducts throughPublicMethods() {
        BLAS blas = NetlibLoader.get().nativeProducts().orElse(NetlibLoader.get().javaProducts()).blas();
        BLAS proxy = (BLAS) Proxy.newProxyInstance(BLAS.class.getClassLoader(), new Class<?>[] {BLAS.class},
                (self, method, args) -> {
                    try {
                        return method.invoke(blas, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new NetlibProducts(proxy, "netlib-public-methods", 0, 0);
    }

    @Test
    void netlibBackendsCallTheKernelsDirectlyAndAProxiedBlasThePublicMethods() {
        // the pinned netlib version (3.0.4) has AbstractBLAS.dgemmK and dgemvK; were they lost to an upgrade, every
        // product would silently take the slower public path, so this fails instead
        assertTrue(NetlibLoader.get().javaProducts().callsKernels(), "netlib-java");
        NetlibLoader.get().nativeProducts().ifPresent(p -> assertTrue(p.callsKernels(), p.name()));
        assertFalse(throughPublicMethods().callsKernels());
    }

    @Test
    void blocksOutsideTheirArraysAreRefusedBeforeBlasRuns() {
        // the kernels are called past netlib's own bounds checks, so NetlibProducts checks: an overrun must throw
        // before native code reads or writes outside an array; the arrays keep their contents. Only the native backend
        // tells a missing check apart (netlib's Java BLAS would throw anyway, though after writing); y's cases use
        // beta = 1, since beta = 0 zeroes y first and that Arrays.fill would throw without the check
        for (ProductBackend backend : backendsUnderTest()) {
            if (!(backend instanceof NetlibProducts)) {
                continue;
            }
            double[] a = new double[12];          // 3 x 4 at offset 0 fits; at offset 1 it overruns by one
            double[] b = new double[20];          // 4 x 5
            double[] c = new double[15];          // 3 x 5
            java.util.Arrays.fill(c, 7.0);
            assertOutOfRange("a: a block of 12 entries from offset 1 does not fit in its 12 entries",
                    () -> backend.gemm(false, false, 3, 5, 4, 1.0, a, 1, b, 0, 0.0, c, 0));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.gemm(false, true, 3, 5, 4, 1.0, a, 0, b, 1, 0.0, c, 0), backend.name() + " b");
            assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.gemm(true, false, 3, 5, 4, 1.0, a, 0, b, 0, 0.0, c, 1), backend.name() + " c");
            assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.gemm(false, false, 3, 5, 4, 1.0, a, -1, b, 0, 0.0, c, 0), backend.name() + " -1");
            for (double v : c) {
                assertEquals(7.0, v, 0.0, backend.name() + ": C written by a refused product");
            }
            double[] x = new double[4];
            double[] y = new double[3];
            java.util.Arrays.fill(y, 7.0);
            assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.gemv(false, 3, 4, 1.0, a, 1, x, 0, 0.0, y, 0), backend.name() + " gemv a");
            assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.gemv(false, 3, 4, 1.0, a, 0, x, 1, 0.0, y, 0), backend.name() + " gemv x");
            assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.gemv(false, 3, 4, 1.0, a, 0, x, 0, 1.0, y, 1), backend.name() + " gemv y");
            // A^T x takes 3 entries of x and writes 4 of y: y of 3 overruns
            assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.gemv(true, 3, 4, 1.0, a, 0, x, 0, 1.0, y, 0), backend.name() + " gemv A^T y");
            for (double v : y) {
                assertEquals(7.0, v, 0.0, backend.name() + ": y written by a refused product");
            }
        }
    }

    @Test
    void everyBackendAgreesWithTheTextbookProductToRounding() {
        qt().withExamples(120)
                .forAll(integers().between(1, 70), integers().between(1, 100), integers().between(1, 70),
                        seeds())
                .checkAssert((m, k, n, seed) -> Case.each(m, k, n, seed, x -> {
                        for (ProductBackend backend : backendsUnderTest()) {
                            DMatrixRMaj c = x.c0().copy();
                            backend.gemm(x.ta(), x.tb(), x.alpha(), x.a(), x.b(), x.beta(), c);
                            double worst = x.worstRelativeError(c);
                            assertTrue(worst <= RELATIVE, () -> backend.name() + " " + x + " " + m + "x" + k + "x" + n
                                    + ": relative error " + worst);
                        }
                }));
    }

    @Test
    void flatBlocksAtOffsetsGiveTheSameProductAndLeaveTheRestAlone() {
        qt().withExamples(60)
                .forAll(integers().between(1, 40), integers().between(1, 60), integers().between(1, 40),
                        seeds())
                .checkAssert((m, k, n, seed) -> Case.each(m, k, n, seed, x -> {
                        for (ProductBackend backend : backendsUnderTest()) {
                            // each block inside a larger array whose other entries are sentinels
                            int ao = x.aOffset();
                            int co = x.cOffset();
                            double[] fa = embed(x.a().data, ao, 5);
                            double[] fb = embed(x.b().data, x.bOffset(), 3);
                            double[] fc = embed(x.c0().data, co, 4);
                            backend.gemm(x.ta(), x.tb(), m, n, k, x.alpha(), fa, ao, fb, x.bOffset(), x.beta(), fc, co);
                            DMatrixRMaj c = new DMatrixRMaj(m, n);
                            System.arraycopy(fc, co, c.data, 0, m * n);
                            double worst = x.worstRelativeError(c);
                            assertTrue(worst <= RELATIVE, () -> backend.name() + " flat " + x + " " + m + "x" + k + "x"
                                    + n + ": relative error " + worst);
                            assertSentinels(fc, co, m * n, backend.name());
                            assertSentinels(fa, ao, x.a().data.length, backend.name());
                            assertSentinels(fb, x.bOffset(), x.b().data.length, backend.name());
                        }
                }));
    }

    /** One random product: flags bit 0 transposes A, bit 1 transposes B; beta is 0 one time in three. */
    private record Case(boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c0, double alpha,
            double beta, int aOffset, int bOffset, int cOffset) {
        /** Runs {@code check} on the four transposition cases drawn from one seed. */
        static void each(int m, int k, int n, long seed, java.util.function.Consumer<Case> check) {
            Random random = new Random(seed);
            for (int flags = 0; flags < 4; flags++) {
                check.accept(random(m, k, n, flags, random));
            }
        }

        static Case random(int m, int k, int n, int flags, Random random) {
            boolean ta = (flags & 1) != 0;
            boolean tb = (flags & 2) != 0;
            DMatrixRMaj a = gaussian(ta ? k : m, ta ? m : k, random);
            DMatrixRMaj b = gaussian(tb ? n : k, tb ? k : n, random);
            DMatrixRMaj c0 = gaussian(m, n, random);
            double alpha = random.nextGaussian();
            double beta = random.nextInt(3) == 0 ? 0.0 : random.nextGaussian();
            return new Case(ta, tb, a, b, c0, alpha, beta, random.nextInt(7), random.nextInt(7), random.nextInt(7));
        }

        double worstRelativeError(DMatrixRMaj c) {
            return ProductBackendsTest.worstRelativeError(ta, tb, alpha, a, b, beta, c0, c);
        }

        @Override
        public String toString() {
            return "op(A)=" + (ta ? "A^T" : "A") + " op(B)=" + (tb ? "B^T" : "B");
        }
    }

    /** A copy of {@code block} at {@code offset} in an array with {@code after} more entries, all -7.25. */
    private static double[] embed(double[] block, int offset, int after) {
        double[] out = new double[offset + block.length + after];
        java.util.Arrays.fill(out, -7.25);
        System.arraycopy(block, 0, out, offset, block.length);
        return out;
    }

    private static void assertSentinels(double[] array, int offset, int length, String backend) {
        for (int i = 0; i < array.length; i++) {
            if (i < offset || i >= offset + length) {
                assertEquals(-7.25, array[i], 0.0, backend + ": entry " + i + " outside the block was written");
            }
        }
    }

    /**
     * {@code y = alpha op(A) x + beta y} against the textbook loop, with the gemm tolerance (a matrix-vector product
     * is the gemm of an {@code n x 1} right operand, so the same bound holds with {@code k = n} or {@code m}), both
     * transpositions, at offsets inside arrays whose other entries must stay untouched.
     */
    @Test
    void everyBackendsMatrixVectorProductAgreesWithTheTextbookOneToRounding() {
        qt().withExamples(80)
                .forAll(integers().between(1, 40), integers().between(1, 300), seeds())
                .checkAssert((m, n, seed) -> {
                    Random random = new Random(seed);
                    for (int t = 0; t < 2; t++) {
                        boolean transpose = t == 1;
                        DMatrixRMaj a = gaussian(m, n, random);
                        DMatrixRMaj x = gaussian(transpose ? m : n, 1, random);
                        DMatrixRMaj y0 = gaussian(transpose ? n : m, 1, random);
                        double alpha = random.nextGaussian();
                        double beta = random.nextInt(3) == 0 ? 0.0 : random.nextGaussian();
                        int ao = random.nextInt(7);
                        int xo = random.nextInt(7);
                        int yo = random.nextInt(7);
                        for (ProductBackend backend : backendsUnderTest()) {
                            double[] fa = embed(a.data, ao, 5);
                            double[] fx = embed(x.data, xo, 3);
                            double[] fy = embed(y0.data, yo, 4);
                            backend.gemv(transpose, m, n, alpha, fa, ao, fx, xo, beta, fy, yo);
                            DMatrixRMaj y = new DMatrixRMaj(y0.numRows, 1);
                            System.arraycopy(fy, yo, y.data, 0, y.numRows);
                            double worst = worstRelativeError(transpose, false, alpha, a, x, beta, y0, y);
                            assertTrue(worst <= RELATIVE, () -> backend.name() + " gemv" + (transpose ? "^T " : " ")
                                    + m + "x" + n + ": relative error " + worst);
                            assertSentinels(fy, yo, y.numRows, backend.name());
                            assertSentinels(fa, ao, m * n, backend.name());
                            assertSentinels(fx, xo, x.numRows, backend.name());
                        }
                    }
                });
    }

    @Test
    void matrixVectorProductsKeepBlasContractAndRejectBadArguments() {
        // as dgemv: beta = 0 overwrites y (NaN included), alpha = 0 reads neither A nor x; beta = 0.5 is exact
        for (ProductBackend backend : backendsUnderTest()) {
            for (boolean transpose : new boolean[] {false, true}) {
                // 30 x 40 on the backends under test (the netlib ones with their Java shortcuts off: BLAS itself)
                double[] a = new double[30 * 40];
                java.util.Arrays.fill(a, 1.0);
                double[] x = new double[40];
                java.util.Arrays.fill(x, 1.0);
                double[] y = new double[40];
                java.util.Arrays.fill(y, Double.NaN);
                backend.gemv(transpose, 30, 40, 2.0, a, 0, x, 0, 0.0, y, 0);
                int length = transpose ? 40 : 30;
                for (int i = 0; i < length; i++) {
                    // a sum of 40 (or 30) ones, times 2: exact
                    assertEquals(2.0 * (transpose ? 30 : 40), y[i], 0.0, backend.name() + " beta = 0, entry " + i);
                }
                java.util.Arrays.fill(a, Double.NaN);
                java.util.Arrays.fill(x, Double.NaN);
                java.util.Arrays.fill(y, 3.0);
                backend.gemv(transpose, 30, 40, 0.0, a, 0, x, 0, 0.5, y, 0);
                for (int i = 0; i < length; i++) {
                    assertEquals(1.5, y[i], 0.0, backend.name() + " alpha = 0, entry " + i);
                }
            }
            // a zero weight does not hide a non-finite row (0 * NaN is NaN): callers leave such rows out of A
            double[] rows = new double[2 * 40];
            java.util.Arrays.fill(rows, 1.0);
            java.util.Arrays.fill(rows, 40, 80, Double.NaN);
            double[] into = new double[40];
            backend.gemv(true, 2, 40, 1.0, rows, 0, new double[] {1.0, 0.0}, 0, 0.0, into, 0);
            for (double v : into) {
                assertTrue(Double.isNaN(v), backend.name() + ": a zero weight on a NaN row gave " + v);
            }
            // an empty A: y = beta y, as gemm with k = 0 (BLAS's dgemv would leave y alone); 2 and 0 are exact
            for (boolean transpose : new boolean[] {false, true}) {
                double[] none = new double[0];
                double[] y = {1.5, -3.0, Double.NaN};
                backend.gemv(transpose, transpose ? 0 : 3, transpose ? 3 : 0, 1.0, none, 0, none, 0, 2.0, y, 0);
                assertArrayEquals(new double[] {3.0, -6.0, Double.NaN}, y, 0.0, backend.name() + " empty, beta 2");
                backend.gemv(transpose, transpose ? 0 : 3, transpose ? 3 : 0, 1.0, none, 0, none, 0, 0.0, y, 0);
                assertArrayEquals(new double[3], y, 0.0, backend.name() + " empty, beta 0");
            }
            double[] v = new double[100];
            assertRejected("m", -1, () -> backend.gemv(false, -1, 2, 1.0, v, 0, v, 0, 0.0, v, 50));
            assertRejected("n", -4, () -> backend.gemv(true, 2, -4, 1.0, v, 0, v, 0, 0.0, v, 50));
            assertRejected("a", () -> backend.gemv(false, 2, 2, 1.0, null, 0, v, 0, 0.0, v, 50));
            assertRejected("x", () -> backend.gemv(false, 2, 2, 1.0, v, 0, null, 0, 0.0, v, 50));
            assertRejected("y", () -> backend.gemv(false, 2, 2, 1.0, v, 0, v, 0, 0.0, null, 50));
        }
    }

    @Test
    void theComparisonDetectsAWrongProduct() {
        // the check that must fail: a product computed with B where B^T was asked (the classic row/column-major
        // slip) and a single entry off by 1e-10 of its scale are both far outside the tolerance
        Random random = new Random(3);
        DMatrixRMaj a = gaussian(5, 7, random);
        DMatrixRMaj b = gaussian(7, 7, random);
        DMatrixRMaj c0 = new DMatrixRMaj(5, 7);
        for (ProductBackend backend : backendsUnderTest()) {
            DMatrixRMaj c = c0.copy();
            backend.gemm(false, false, 1.0, a, b, 0.0, c);
            assertTrue(worstRelativeError(false, true, 1.0, a, b, 0.0, c0, c) > 1e-3, backend.name());
            c.data[12] += 1e-10 * Math.abs(c.data[12]) + 1e-10;
            assertTrue(worstRelativeError(false, false, 1.0, a, b, 0.0, c0, c) > RELATIVE, backend.name());
        }
    }

    @Test
    void betaZeroIgnoresWhatCHeldAndEmptyInnerDimensionScalesC() {
        Random random = new Random(5);
        for (ProductBackend backend : backendsUnderTest()) {
            DMatrixRMaj a = gaussian(20, 30, random);
            DMatrixRMaj b = gaussian(30, 25, random);
            DMatrixRMaj c = new DMatrixRMaj(20, 25);
            java.util.Arrays.fill(c.data, Double.NaN);
            backend.gemm(false, false, 1.0, a, b, 0.0, c);
            for (double x : c.data) {
                assertTrue(Double.isFinite(x), backend.name() + ": beta = 0 must overwrite NaN");
            }
            // k = 0: the product is empty, so C = beta C exactly (beta = 0.5 is exact in binary)
            DMatrixRMaj empty = new DMatrixRMaj(20, 0);
            DMatrixRMaj emptyB = new DMatrixRMaj(0, 25);
            DMatrixRMaj before = c.copy();
            backend.gemm(false, false, 2.0, empty, emptyB, 0.5, c);
            for (int i = 0; i < c.getNumElements(); i++) {
                assertEquals(0.5 * before.data[i], c.data[i], 0.0, backend.name());
            }
            backend.gemm(false, false, 2.0, empty, emptyB, 0.0, c);
            assertArrayEquals(new double[20 * 25], java.util.Arrays.copyOf(c.data, 20 * 25), backend.name());
        }
    }

    @Test
    void nonConformingShapesAreRejected() {
        for (ProductBackend backend : backendsUnderTest()) {
            DMatrixRMaj a = new DMatrixRMaj(3, 4);
            DMatrixRMaj b = new DMatrixRMaj(5, 6);
            DMatrixRMaj c = new DMatrixRMaj(3, 6);
            assertRejected("gemm shapes", () -> backend.gemm(false, false, 1.0, a, b, 0.0, c));
            // A^T B conforms in k (4 x 3 -> 3 rows) only with a 3-row A: wrong C rows
            assertRejected("gemm shapes", () -> backend.gemm(true, false, 1.0, new DMatrixRMaj(5, 3),
                    new DMatrixRMaj(5, 6), 0.0, new DMatrixRMaj(4, 6)));
        }
    }

    @Test
    void sharedStorageNullOperandsAndNegativeSizesAreRejected() {
        // review of 2026-12-06: C = A I with C the storage of A gave zeros on the netlib backends (BLAS reads A
        // after zeroing C); negative sizes returned silently or failed in netlib's own words; nulls failed with a
        // NullPointerException
        for (ProductBackend backend : backendsUnderTest()) {
            DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
            DMatrixRMaj identity = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
            assertRejected("c", () -> backend.gemm(false, false, 1.0, a, identity, 0.0, a));
            assertRejected("c", () -> backend.gemm(false, false, 1.0, identity, a, 0.0, a));
            assertRejected("a", () -> backend.gemm(false, false, 1.0, null, identity, 0.0, a));
            assertRejected("c", () -> backend.gemm(false, false, 1.0, a, identity, 0.0, null));
            double[] x = new double[400];
            assertRejected("m", -1, () -> backend.gemm(false, false, -1, 2, 2, 1.0, x, 0, x, 0, 0.0, x, 100));
            assertRejected("n", -20, () -> backend.gemm(false, false, 20, -20, 20, 1.0, x, 0, x, 0, 0.0, x, 100));
            assertRejected("k", -3, () -> backend.gemm(true, true, 2, 2, -3, 1.0, x, 0, x, 0, 0.0, x, 100));
            assertRejected("b", () -> backend.gemm(false, false, 2, 2, 2, 1.0, x, 0, null, 0, 0.0, x, 100));
        }
    }

    @Test
    void alphaZeroReadsNeitherOperand() {
        // dgemm's contract: with alpha = 0, C = beta C and A, B are not read; the EJML backend's matrix form gave
        // NaN from 0 * NaN (review of 2026-12-06). beta = 0.5 is exact in binary.
        for (ProductBackend backend : backendsUnderTest()) {
            DMatrixRMaj a = new DMatrixRMaj(2, 3);
            java.util.Arrays.fill(a.data, Double.NaN);
            DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 1}, {1, 1}, {1, 1}});
            DMatrixRMaj c = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
            backend.gemm(false, false, 0.0, a, b, 0.5, c);
            assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, c.data, 0.0, backend.name());
            backend.gemm(false, false, 0.0, a, b, 1.0, c);
            assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, c.data, 0.0, backend.name() + " beta = 1");
            backend.gemm(false, false, 0.0, a, b, 0.0, c);
            assertArrayEquals(new double[4], c.data, 0.0, backend.name());
        }
    }

    @Test
    void smallProductsRunInJavaBitForBitAsEjmlOnBothNetlibBackends() {
        List<NetlibProducts> netlib = new ArrayList<>();
        netlib.add(NetlibLoader.get().javaProducts());
        NetlibLoader.get().nativeProducts().ifPresent(netlib::add);
        // 6 x 6 x 6 = 216 multiply-adds, below the threshold of 256: Java loops in EJML's order, the same arithmetic
        assertTrue(6 * 6 * 6 < NetlibLoader.SMALL_FLOPS);
        Random random = new Random(9);
        DMatrixRMaj a = gaussian(6, 6, random);
        DMatrixRMaj b = gaussian(6, 6, random);
        DMatrixRMaj viaEjml = new DMatrixRMaj(6, 6);
        ProductBackends.ejml().gemm(false, true, 1.5, a, b, 0.0, viaEjml);
        for (NetlibProducts products : netlib) {
            assertEquals(NetlibLoader.SMALL_FLOPS, products.smallFlops());
            DMatrixRMaj viaNetlib = new DMatrixRMaj(6, 6);
            products.gemm(false, true, 1.5, a, b, 0.0, viaNetlib);
            assertArrayEquals(viaEjml.data, viaNetlib.data, 0.0, products.name());
        }
    }

    @Test
    void smallMatrixVectorProductsRunInJavaBitForBitAsEjmlOnBothNetlibBackends() {
        List<NetlibProducts> netlib = new ArrayList<>();
        netlib.add(NetlibLoader.get().javaProducts());
        NetlibLoader.get().nativeProducts().ifPresent(netlib::add);
        // 8 x 2,048 = 16,384 multiply-adds, below the threshold of 32,768 (a stage combination of DOP853 at 32 x 32):
        // Java loops, the same arithmetic as the EJML backend's
        assertTrue(8 * 2048 < NetlibLoader.SMALL_GEMV);
        Random random = new Random(11);
        DMatrixRMaj a = gaussian(8, 2048, random);
        for (boolean transpose : new boolean[] {false, true}) {
            double[] x = gaussian(transpose ? 8 : 2048, 1, random).data;
            double[] start = gaussian(transpose ? 2048 : 8, 1, random).data;
            double[] viaEjml = start.clone();
            ProductBackends.ejml().gemv(transpose, 8, 2048, 0.75, a.data, 0, x, 0, 1.0, viaEjml, 0);
            for (NetlibProducts products : netlib) {
                assertEquals(NetlibLoader.SMALL_GEMV, products.smallGemv());
                double[] viaNetlib = start.clone();
                products.gemv(transpose, 8, 2048, 0.75, a.data, 0, x, 0, 1.0, viaNetlib, 0);
                assertArrayEquals(viaEjml, viaNetlib, 0.0, products.name() + (transpose ? " A^T x" : " A x"));
            }
        }
    }

    @Test
    void theNativeBackendIsAvailableAndNamesItsLibrary() {
        Optional<ProductBackend> nat = ProductBackends.netlibNative();
        assumeNative(nat.isPresent());
        String name = nat.get().name();
        assertTrue(name.startsWith("netlib-native(") && name.endsWith(")"), name);
        assertEquals(Optional.empty(), ProductBackends.nativeProblem());
        if (System.getenv("CI") != null) {
            // .ci/run installs Debian's libopenblas0-pthread, which the libblas.so.3 alternative points at
            assertEquals("netlib-native(OpenBLAS)", name);
        }
        assertSame(nat.get(), ProductBackends.available().get(0));
        assertSame(nat.get(), ProductBackends.named("netlib-native"));
        assertSame(nat.get(), ProductBackends.named(name));
    }

    @Test
    void preferredIsTheFirstAvailableUnlessTheSystemPropertyForcesOne() throws Throwable {
        SystemProperties.restoring(ProductBackends.PROPERTY, () -> {
            System.clearProperty(ProductBackends.PROPERTY);
            assertSame(ProductBackends.available().get(0), ProductBackends.preferred());
            System.setProperty(ProductBackends.PROPERTY, "ejml");
            assertSame(ProductBackends.ejml(), ProductBackends.preferred());
            System.setProperty(ProductBackends.PROPERTY, " netlib-java ");
            assertTrue(ProductBackends.preferred().name().startsWith("netlib-java("));
            // blank counts as unset, as the Javadoc says (-Ddeeplinear.products=$EMPTY in a script)
            System.setProperty(ProductBackends.PROPERTY, "  ");
            assertSame(ProductBackends.available().get(0), ProductBackends.preferred());
            System.setProperty(ProductBackends.PROPERTY, "blas-of-dreams");
            IllegalArgumentException e = assertRejected(ProductBackends.PROPERTY, ProductBackends::preferred);
            assertTrue(e.getMessage().contains("[netlib-native, netlib-java, ejml]"), e.getMessage());
        });
    }

    @Test
    void namedForcesABackendAndRejectsUnknownNames() {
        assertSame(ProductBackends.ejml(), ProductBackends.named("ejml"));
        assertEquals("ejml", ProductBackends.ejml().name());
        ProductBackend java = ProductBackends.named("netlib-java");
        // no --add-modules jdk.incubator.vector in the test JVM: netlib's Java 11 implementation
        assertTrue(java.name().equals("netlib-java(Java11BLAS)") || java.name().equals("netlib-java(VectorBLAS)"),
                java.name());
        assertSame(java, ProductBackends.named(java.name()));
        assertSame(java, ProductBackends.netlibJava());
        assertEquals(java.name(), java.toString());
        assertEquals("ejml", ProductBackends.ejml().toString());
        assertRejected(ProductBackends.PROPERTY, () -> ProductBackends.named("EJML"));
        assertRejected(ProductBackends.PROPERTY, () -> ProductBackends.named(""));
        assertRejected(ProductBackends.PROPERTY, () -> ProductBackends.named("netlib-native(MKL-on-a-toaster)"));
        assertRejected("name", () -> ProductBackends.named(null));   // from code only: the parameter, not the property
        List<ProductBackend> available = ProductBackends.available();
        assertTrue(available.contains(ProductBackends.ejml()) && available.contains(java), available.toString());
    }

    @Test
    void withoutANativeBlasTheLibraryFallsBackToJavaBlasAndSaysWhy() throws IOException, InterruptedException {
        // a separate JVM in which netlib's JNI shim is pointed at a library that does not exist
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Ddev.ludovic.netlib.blas.nativeLib=libdeeplinear-no-such-blas.so.3",
                NoNativeMain.class.getName()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("preferred=netlib-java(Java11BLAS)\n"), out);
        assertTrue(out.contains("native=none\n"), out);
        assertTrue(out.contains("problem=no native BLAS could be loaded"), out);
        assertTrue(out.contains("rejected=deeplinear.products = netlib-native: expected an available backend"), out);
        // the library's own log line says what ran and why; netlib's warnings stay silent
        assertTrue(out.contains("deeplinear products backend: netlib-java(Java11BLAS) (best available; no native BLAS"),
                out);
        assertFalse(out.contains("Failed to load implementation"), out);
    }

    @Test
    void theMappedLibraryIsNamedFromItsPath() {
        // lines in the format of /proc/<pid>/maps: address range, permissions, offset, device, inode, path
        String prefix = "7f3a1c000000-7f3a1c200000 r-xp 00000000 fe:01 1234567                    ";
        String jni = prefix + "/tmp/libnetlibblasjni.so123456789.so";
        assertEquals("OpenBLAS", NetlibLoader.libraryKind(List.of(jni,
                prefix + "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3")));
        assertEquals("reference", NetlibLoader.libraryKind(List.of(jni,
                prefix + "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0")));
        assertEquals("MKL", NetlibLoader.libraryKind(List.of(prefix + "/opt/intel/mkl/lib/libmkl_rt.so")));
        assertEquals("BLIS", NetlibLoader.libraryKind(List.of(
                prefix + "/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3")));
        assertEquals("libblas.so.3", NetlibLoader.libraryKind(List.of(prefix + "/opt/vendor/libblas.so.3")));
        // the JNI shim alone, anonymous mappings and the heap name no BLAS
        assertEquals("unknown", NetlibLoader.libraryKind(List.of(jni, "7f3a1c000000-7f3a1c200000 rw-p 00000000 00:00 0",
                "55d0c0000000-55d0c0021000 rw-p 00000000 00:00 0                          [heap]")));
    }

    @Test
    void aReferenceNativeBlasIsRankedLastAndAnOptimisedOneFirst() {
        NetlibProducts java = NetlibLoader.get().javaProducts();
        NetlibProducts openblas = new NetlibProducts(dev.ludovic.netlib.blas.JavaBLAS.getInstance(),
                "netlib-native(OpenBLAS)", NetlibLoader.SMALL_FLOPS, NetlibLoader.SMALL_GEMV);
        NetlibProducts reference = new NetlibProducts(dev.ludovic.netlib.blas.JavaBLAS.getInstance(),
                NetlibLoader.REFERENCE_NAME, NetlibLoader.SMALL_FLOPS, NetlibLoader.SMALL_GEMV);
        assertEquals(List.of(openblas, java, ProductBackends.ejml()), ProductBackends.ranked(openblas, java));
        assertEquals(List.of(java, ProductBackends.ejml(), reference), ProductBackends.ranked(reference, java));
        assertEquals(List.of(java, ProductBackends.ejml()), ProductBackends.ranked(null, java));
    }

    /** The child JVM of {@link #withoutANativeBlasTheLibraryFallsBackToJavaBlasAndSaysWhy()}. */
    static final class NoNativeMain {
        public static void main(String[] args) {
            System.out.println("preferred=" + ProductBackends.preferred().name());
            System.out.println("native=" + ProductBackends.netlibNative().map(ProductBackend::name).orElse("none"));
            System.out.println("problem=" + ProductBackends.nativeProblem().orElse(""));
            try {
                ProductBackends.named("netlib-native");
                System.out.println("rejected=no");
            } catch (IllegalArgumentException e) {
                System.out.println("rejected=" + e.getMessage());
            }
            System.out.flush();
        }
    }

    private static void assumeNative(boolean present) {
        if (System.getenv("CI") != null) {
            assertTrue(present, "CI installs OpenBLAS, so the native backend must load: "
                    + ProductBackends.nativeProblem().orElse(""));
        }
        assumeTrue(present, "no native BLAS on this machine (apt-get install libopenblas0-pthread)");
    }

    private static DMatrixRMaj gaussian(int rows, int cols, Random random) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = random.nextGaussian();
        }
        return x;
    }

    /** max over entries of |c - reference| / s, the condition scale of the class comment. */
    private static double worstRelativeError(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b,
            double beta, DMatrixRMaj c0, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = ta ? a.numRows : a.numCols;
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double scale = 0;
                for (int l = 0; l < k; l++) {
                    double x = ta ? a.get(l, i) : a.get(i, l);
                    double y = tb ? b.get(j, l) : b.get(l, j);
                    sum += x * y;
                    scale += Math.abs(x * y);
                }
                double previous = beta == 0 ? 0 : beta * c0.get(i, j);
                double expected = alpha * sum + previous;
                double s = Math.abs(alpha) * scale + Math.abs(previous);
                double error = Math.abs(c.get(i, j) - expected);
                worst = Math.max(worst, s == 0 ? error : error / s);
            }
        }
        return worst;
    }
}
