package org.deeplinear.core.model;

import static org.deeplinear.core.TestSupport.gaussian;
import static org.deeplinear.core.TestSupport.gaussianLayers;
import static org.deeplinear.core.TestSupport.widthArrays;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Shape;
import org.deeplinear.core.Widths;
import org.junit.jupiter.api.Test;

/** Property tests of {@link FactorChain}: conformity, the flat layout, and the state round trip. */
class FactorChainTest {

    @Test
    void conformingLayersMakeAChainOfTheirWidths() {
        qt().forAll(widthArrays(2, 5, 6), seeds()).checkAssert((d, seed) -> {
            List<Matrix> layers = gaussianLayers(d, new Random(seed));
            FactorChain chain = FactorChain.ofLayers(layers);
            assertEquals(Widths.of(d), chain.widths());
            assertEquals(d.length - 1, chain.depth());
            assertEquals(layers, chain.layers());
            for (int j = 1; j < d.length; j++) {
                assertSame(layers.get(j - 1), chain.layer(j));
            }
            assertEquals(layers.get(0), chain.inputFactor().matrix());
            assertEquals(layers.get(d.length - 2), chain.outputFactor().matrix());
            assertThrows(IndexOutOfBoundsException.class, () -> chain.layer(0));
            assertThrows(IndexOutOfBoundsException.class, () -> chain.layer(d.length));
        });
    }

    @Test
    void aLayerThatDoesNotConformIsRejectedByName() {
        qt().forAll(widthArrays(2, 5, 6), integers().between(1, 4), integers().between(1, 3), seeds())
                .checkAssert((d, at, delta, seed) -> {
                    int j = 2 + at % (d.length - 2); // a layer W_j, j >= 2, whose columns must equal d_{j-1}
                    List<Matrix> layers = gaussianLayers(d, new Random(seed));
                    layers.set(j - 1, Matrix.zeros(d[j], d[j - 1] + delta));
                    assertRejected("W_" + j, () -> FactorChain.ofLayers(layers));
                });
    }

    @Test
    void fewerThanTwoLayersOrANullLayerAreRejected() {
        assertRejected("layers", () -> FactorChain.ofLayers(null));
        assertRejected("depth", 1, () -> FactorChain.ofLayers(List.of(Matrix.zeros(2, 2))));
        assertRejected("depth", 0, () -> FactorChain.ofLayers(List.of()));
        List<Matrix> withNull = new ArrayList<>();
        withNull.add(Matrix.zeros(2, 2));
        withNull.add(null);
        assertRejected("layers[2]", () -> FactorChain.ofLayers(withNull));
    }

    @Test
    void twoLayerChainIsUThenW() {
        qt().forAll(integers().between(1, 6), integers().between(1, 6), integers().between(1, 6), seeds())
                .checkAssert((m, k, n, seed) -> {
                    Random random = new Random(seed);
                    Matrix w = Matrix.of("W", gaussian(m, k, random));
                    Matrix u = Matrix.of("U", gaussian(k, n, random));
                    FactorChain chain = FactorChain.of(OutputFactor.of(w), InputFactor.of(u));
                    assertEquals(Shape.of(m, k, n).widths(), chain.widths());
                    assertSame(u, chain.layer(1));
                    assertSame(w, chain.layer(2));
                    assertEquals(m, chain.outputFactor().outputDimension());
                    assertEquals(k, chain.outputFactor().hiddenWidth());
                    assertEquals(k, chain.inputFactor().hiddenWidth());
                    assertEquals(n, chain.inputFactor().inputDimension());
                    // W with one column too many: its hidden width disagrees with U's
                    OutputFactor wide = OutputFactor.of(Matrix.zeros(m, k + 1));
                    assertRejected("U", () -> FactorChain.of(wide, InputFactor.of(u)));
                });
        assertRejected("W", () -> FactorChain.of(null, InputFactor.of(Matrix.zeros(1, 1))));
        assertRejected("U", () -> FactorChain.of(OutputFactor.of(Matrix.zeros(1, 1)), null));
        assertRejected("W", () -> OutputFactor.of(null));
        assertRejected("U", () -> InputFactor.of(null));
    }

    @Test
    void stateIsTheLayersInOrderRowMajorAndRoundTripsBitForBit() {
        qt().forAll(widthArrays(2, 5, 6), seeds()).checkAssert((d, seed) -> {
            FactorChain chain = FactorChain.ofLayers(gaussianLayers(d, new Random(seed)));
            Widths widths = chain.widths();
            double[] state = chain.toState();
            assertEquals(widths.parameterCount(), state.length);
            for (int j = 1; j < d.length; j++) {
                int offset = widths.offsetOf(j);
                for (int r = 0; r < d[j]; r++) {
                    for (int c = 0; c < d[j - 1]; c++) {
                        assertEquals(chain.layer(j).get(r, c), state[offset + r * d[j - 1] + c]);
                    }
                }
            }
            FactorChain back = FactorChain.fromState(widths, state);
            assertEquals(chain, back);
            assertEquals(chain.hashCode(), back.hashCode());
            assertArrayEquals(state, back.toState());
            state[0] = state[0] + 1;
            assertEquals(chain, FactorChain.fromState(widths, chain.toState()), "fromState copies its input");
        });
    }

    @Test
    void aStateOfTheWrongLengthOrWithNonFiniteEntriesIsRejected() {
        qt().forAll(widthArrays(2, 5, 6), integers().between(1, 3), integers().between(0, 1000))
                .checkAssert((d, extra, at) -> {
            Widths widths = Widths.of(d);
            int count = widths.parameterCount();
            assertRejected("state.length", () -> FactorChain.fromState(widths, new double[count + extra]));
            if (count > extra) {
                assertRejected("state.length", () -> FactorChain.fromState(widths, new double[count - extra]));
            }
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double[] state = new double[count];
                int i = at % count;
                state[i] = bad;
                int layer = 1;
                while (layer < d.length - 1 && widths.offsetOf(layer + 1) <= i) {
                    layer++;
                }
                int local = i - widths.offsetOf(layer);
                int cols = widths.colsOf(layer);
                assertRejected("W_" + layer + "[" + local / cols + "][" + local % cols + "]",
                        () -> FactorChain.fromState(widths, state));
            }
        });
        assertRejected("widths", () -> FactorChain.fromState(null, new double[1]));
        assertRejected("state", () -> FactorChain.fromState(Widths.of(1, 1, 1), null));
    }
}
