package org.deeplinear.core.model;

import static org.deeplinear.core.TestSupport.gaussian;
import static org.deeplinear.core.TestSupport.widthArrays;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/** The engine's contract beyond its values (which {@link GradientAutodiffTest} checks): reuse, aliasing, errors,
 *  the number of products and the absence of allocation on the hot path. */
class GradientEngineTest {

    @Test
    void aReusedEngineGivesWhatAFreshOneGives() {
        qt().withExamples(40).forAll(widthArrays(2, 4, 5),
                seeds()).checkAssert((d, seed) -> {
                    Random random = new Random(seed);
                    Widths widths = Widths.of(d);
                    Target target = Target.of(Matrix.of("A*", gaussian(d[d.length - 1], d[0], random)));
                    GradientEngine reused = new GradientEngine(widths, target, ProductBackends.ejml());
                    double[] first = randomState(widths, random);
                    double[] second = randomState(widths, random);
                    double[] scratch = new double[first.length];
                    reused.evaluate(first, scratch);
                    double[] got = new double[first.length];
                    double loss = reused.evaluate(second, got);
                    double[] want = new double[first.length];
                    GradientEngine fresh = new GradientEngine(widths, target, ProductBackends.ejml());
                    assertEquals(fresh.evaluate(second, want), loss);
                    assertArrayEquals(want, got, "no state left over from the previous call");
                    // evaluate into the state itself: it is read in full before it is written
                    double[] aliased = second.clone();
                    assertEquals(loss, reused.evaluate(aliased, aliased));
                    assertArrayEquals(want, aliased);
                    // the end-to-end map and residual of the last call
                    int mn = d[d.length - 1] * d[0];
                    double[] a = new double[mn];
                    double[] g = new double[mn];
                    reused.forward(second);
                    reused.copyEndToEnd(a);
                    reused.copyResidual(g);
                    Model model = Model.of(FactorChain.fromState(widths, second), target);
                    GradientEngine same = new GradientEngine(widths, target, ProductBackends.preferred());
                    double[] b = new double[mn];
                    same.forward(second);
                    same.copyEndToEnd(b);
                    assertArrayEquals(flat(model.endToEnd()), b, "Model uses the preferred backend's engine");
                    for (int i = 0; i < mn; i++) {
                        assertEquals(a[i] - target.matrix().get(i / d[0], i % d[0]), g[i], 0.0, "G = A - A*");
                    }
                    assertSame(widths, reused.widths());
                    // at an offset inside a longer array: the same bits there, nothing written elsewhere
                    int offset = 1 + random.nextInt(9);
                    double[] inside = new double[offset + first.length + 5];
                    java.util.Arrays.fill(inside, -7.25);
                    assertEquals(loss, reused.evaluate(second, inside, offset));
                    assertArrayEquals(want, java.util.Arrays.copyOfRange(inside, offset, offset + first.length));
                    for (int i = 0; i < inside.length; i++) {
                        if (i < offset || i >= offset + first.length) {
                            assertEquals(-7.25, inside[i], 0.0, "entry " + i + " outside the result was written");
                        }
                    }
                });
    }

    @Test
    void depthNCostsThreeNMinusThreeProducts() {
        for (int depth = 2; depth <= 6; depth++) {
            Widths widths = Widths.uniform(3, 2, 4, depth);
            Target target = Target.random(3, 4, new double[] {1}, Seed.of(depth));
            int[] calls = new int[1];
            ProductBackend ejml = ProductBackends.ejml();
            ProductBackend counting = new ProductBackend() {
                @Override
                public String name() {
                    return "counting";
                }

                @Override
                public void gemm(boolean ta, boolean tb, double alpha, org.ejml.data.DMatrixRMaj a,
                        org.ejml.data.DMatrixRMaj b, double beta, org.ejml.data.DMatrixRMaj c) {
                    calls[0]++;
                    ejml.gemm(ta, tb, alpha, a, b, beta, c);
                }
            };
            GradientEngine engine = new GradientEngine(widths, target, counting);
            assertSame(counting, engine.products());
            double[] state = randomState(widths, new Random(depth));
            engine.evaluate(state, new double[state.length]);
            assertEquals(3 * depth - 3, calls[0], "products at depth " + depth);
            calls[0] = 0;
            engine.forward(state);
            assertEquals(depth - 1, calls[0], "forward products at depth " + depth);
        }
    }

    @Test
    void evaluateAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Target target = Target.random(16, 12, new double[] {4, 3, 2, 1}, Seed.of(1));
        for (Widths widths : new Widths[] {Shape.of(16, 8, 12).widths(), Widths.of(12, 8, 5, 16)}) {
            checkAllocationFree(threads, target, widths, ProductBackends.ejml());
            checkAllocationFree(threads, target, widths, ProductBackends.preferred());
        }
    }

    private static void checkAllocationFree(com.sun.management.ThreadMXBean threads, Target target, Widths widths,
            ProductBackend products) {
        GradientEngine engine = new GradientEngine(widths, target, products);
        double[] state = Initializations.smallGaussian(0.1, Seed.of(2)).create(widths, target).toState();
        double[] out = new double[state.length];
        for (int i = 0; i < 20_000; i++) { // warm up so that the JIT has compiled the path
            engine.evaluate(state, out);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2_000; i++) {
            engine.evaluate(state, out);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // the meter itself may account a few dozen bytes; one array per call would be >= 2000 * 16 bytes
        assertTrue(allocated < 2_000, "evaluate allocated " + allocated + " bytes in 2000 calls at " + widths
                + " on " + products.name());
    }

    @Test
    void badArgumentsAreRejectedByName() {
        Target target = Target.random(3, 4, new double[] {1}, Seed.of(1));
        Widths widths = Shape.of(3, 2, 4).widths();
        GradientEngine engine = new GradientEngine(widths, target, ProductBackends.ejml());
        int count = widths.parameterCount();
        assertRejected("state.length", () -> engine.forward(new double[count + 1]));
        assertRejected("state.length", () -> engine.evaluate(new double[count - 1], new double[count]));
        assertRejected("negativeGradient.length", () -> engine.evaluate(new double[count], new double[count + 1]));
        // null arrays and short destinations named, not a NullPointerException or an index error (review of
        // 2026-12-06)
        assertRejected("state", () -> engine.forward(null));
        assertRejected("negativeGradient", () -> engine.evaluate(new double[count], null));
        assertRejected("negativeGradient", () -> engine.evaluate(new double[count], null, 0));
        // an offset out of its range is an index error, as Matrix.copyTo's (Arguments.offset): count = 3 x 2 + 2 x 4
        // = 14 entries fit in 17 from offsets 0..3
        assertOutOfRange("offset = -1: expected 0..3 (14 entries within negativeGradient.length = 17)",
                () -> engine.evaluate(new double[count], new double[count + 3], -1));
        assertOutOfRange("offset = 4: expected 0..3 (14 entries within negativeGradient.length = 17)",
                () -> engine.evaluate(new double[count], new double[count + 3], 4));
        double[] state = new double[count + 2];
        assertRejected("offset", 1, () -> engine.evaluate(state, state, 1));
        assertRejected("right", () -> engine.multiplyResidual(null, 1, new double[64]));
        assertRejected("out", () -> engine.multiplyResidual(new double[64], 1, null));
        assertRejected("destination", () -> engine.copyEndToEnd(new double[0]));
        assertRejected("destination", () -> engine.copyResidual(null));
        assertRejected("widths", () -> new GradientEngine(Shape.of(4, 2, 3).widths(), target, ProductBackends.ejml()));
        assertRejected("widths", () -> new GradientEngine(null, target, ProductBackends.ejml()));
        assertRejected("target", () -> new GradientEngine(widths, null, ProductBackends.ejml()));
        assertRejected("products", () -> new GradientEngine(widths, target, null));
        // (review of 2026-12-07) a chain of few parameters whose partial product W_2 W_1 (d_2 x n) is too large for
        // one array: 50000 x 50000 failed with NegativeArraySizeException, 65537 x 65536 wrapped to 65536 entries
        // and failed only inside the products (IndexOutOfBoundsException); 150,000 and 196,611 parameters
        Target wide = Target.random(1, 50000, new double[] {1}, Seed.of(1));
        assertRejected("widths", () -> new GradientEngine(Widths.of(50000, 1, 50000, 1), wide, ProductBackends.ejml()),
                "d_2 x n = 50000 x 50000 = 2500000000");
        Target wider = Target.random(1, 65536, new double[] {1}, Seed.of(1));
        assertRejected("widths", () -> new GradientEngine(Widths.of(65536, 1, 65537, 1, 1), wider,
                ProductBackends.ejml()), "d_2 x n = 65537 x 65536 = 4295032832");
        // m = 3, n = 4: a 4 x 2 right factor and a 3 x 2 result
        assertRejected("columns", () -> engine.multiplyResidual(new double[8], -1, new double[6]));
        assertRejected("right.length", () -> engine.multiplyResidual(new double[7], 2, new double[6]));
        assertRejected("out.length", () -> engine.multiplyResidual(new double[8], 2, new double[5]));
    }

    @Test
    void theResidualTimesAMatrixIsTheProductWithTheCopiedResidual() {
        // dyadic entries (multiples of 1/8 below 4): every product and sum here is exact in double, so the two
        // ways agree to the bit; another matrix's product differs
        Target target = Target.of(Matrix.of(new double[][] {{1, 0.5, 0, 0.25}, {0, 2, 0.125, 0}, {0.75, 0, 1, 0.5}}));
        Widths widths = Shape.of(3, 2, 4).widths();
        GradientEngine engine = new GradientEngine(widths, target, ProductBackends.preferred());
        Random random = new Random(5);
        double[] state = new double[widths.parameterCount()];
        for (int i = 0; i < state.length; i++) {
            state[i] = random.nextInt(32) / 8.0 - 2;
        }
        engine.forward(state);
        double[] b = new double[4 * 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextInt(32) / 8.0 - 2;
        }
        double[] g = new double[3 * 4];
        engine.copyResidual(g);
        double[] expected = new double[3 * 2];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 2; c++) {
                for (int l = 0; l < 4; l++) {
                    expected[r * 2 + c] += g[r * 4 + l] * b[l * 2 + c];
                }
            }
        }
        double[] out = new double[6];
        engine.multiplyResidual(b, 2, out);
        assertArrayEquals(expected, out, 0.0);
        b[0] += 1;
        engine.multiplyResidual(b, 2, out);
        assertTrue(!java.util.Arrays.equals(expected, out), "a changed factor changes the product");
    }

    private static double[] randomState(Widths widths, Random random) {
        double[] state = new double[widths.parameterCount()];
        for (int i = 0; i < state.length; i++) {
            state[i] = random.nextGaussian();
        }
        return state;
    }

    private static double[] flat(Matrix x) {
        double[] out = new double[x.rows() * x.cols()];
        x.copyTo(out, 0);
        return out;
    }
}
