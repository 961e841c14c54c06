package org.deeplinear.core.model;

import static org.deeplinear.core.TestSupport.UNIT_ROUNDOFF;
import static org.deeplinear.core.TestSupport.gaussian;
import static org.deeplinear.core.TestSupport.gaussianLayers;
import static org.deeplinear.core.TestSupport.times;
import static org.deeplinear.core.TestSupport.transpose;
import static org.deeplinear.core.TestSupport.widthArrays;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Widths;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.linear.Array2DRowFieldMatrix;
import org.hipparchus.linear.FieldMatrix;
import org.junit.jupiter.api.Test;

/**
 * The library's loss and gradients against Hipparchus forward-mode automatic differentiation
 * ({@link Gradient}): every entry of every layer is an independent variable, the loss
 * {@code 1/2 ||W_N ... W_1 - A*||_F^2} is evaluated on {@code FieldMatrix<Gradient>}, and its value and
 * gradient are compared with {@link GradientEngine} and {@link Model}.
 *
 * <p>Tolerance, from rounding: every quantity is a sum of products, so both computations are within
 * {@code gamma_K = K u / (1 - K u)} (u the unit roundoff, K the longest chain of roundings: the sum of the
 * widths, twice, plus 4) of the exact value times the same computation on absolute values
 * ({@code |W_N| ... |W_{j+1}|)^T (|W_N| ... |W_1| + |A*|) (|W_{j-1}| ... |W_1|)^T} for the gradient of layer j,
 * {@code 1/2 (|W_N| ... |W_1| + |A*|)^2} summed for the loss); the test allows twice that (both sides err).
 */
class GradientAutodiffTest {

    /** Random depth-2 and depth-3 widths, 1..5 each, so narrow (k = 1), wide and non-square chains occur. */
    @Test
    void gradientsAndLossMatchAutomaticDifferentiation() {
        qt().withExamples(60).forAll(widthArrays(2, 3, 5), seeds()).checkAssert((d, seed) ->
                checkAgainstAutodiff(d, new Random(seed)));
    }

    @Test
    void namedCasesTwoLayerDepthThreeAndNarrow() {
        Random random = new Random(11);
        checkAgainstAutodiff(new int[] {4, 3, 5}, random);          // two layers, non-square
        checkAgainstAutodiff(new int[] {5, 4, 3, 2}, random);       // depth 3, shrinking
        checkAgainstAutodiff(new int[] {6, 1, 6}, random);          // narrow hidden layer k = 1
        checkAgainstAutodiff(new int[] {3, 6, 1, 4}, random);       // depth 3 with a width-1 bottleneck
        checkAgainstAutodiff(new int[] {2, 3, 4, 5, 6}, random);    // depth 4, growing
    }

    @Test
    void aWrongGradientFailsTheCheck() {
        // the comparison must be able to fail: perturb one entry of the engine's gradient by 1e-9 (far above the
        // rounding tolerance) and the comparison reports it
        int[] d = {3, 2, 4};
        Random random = new Random(5);
        Reference reference = reference(d, random);
        double[] negative = new double[reference.state.length];
        new GradientEngine(reference.widths, reference.target, ProductBackends.preferred())
                .evaluate(reference.state, negative);
        negative[3] += 1e-9;
        int bad = 0;
        for (int i = 0; i < negative.length; i++) {
            if (Math.abs(-negative[i] - reference.gradient[i]) > 2 * reference.gradientBound[i]) {
                bad++;
            }
        }
        assertEquals(1, bad);
    }

    private static void checkAgainstAutodiff(int[] d, Random random) {
        Reference reference = reference(d, random);
        double[] negative = new double[reference.state.length];
        GradientEngine engine = new GradientEngine(reference.widths, reference.target, ProductBackends.preferred());
        double loss = engine.evaluate(reference.state, negative);
        assertTrue(Math.abs(loss - reference.loss) <= 2 * reference.lossBound,
                () -> "loss " + loss + " vs autodiff " + reference.loss);
        assertEquals(loss, engine.forward(reference.state), 0.0, "forward and evaluate give the same loss");
        for (int i = 0; i < negative.length; i++) {
            double got = -negative[i];
            double want = reference.gradient[i];
            double bound = 2 * reference.gradientBound[i];
            int at = i;
            assertTrue(Math.abs(got - want) <= bound,
                    () -> "d = " + java.util.Arrays.toString(d) + ", dL/dstate[" + at + "] = " + got
                            + " vs autodiff " + want + " (bound " + bound + ")");
        }
        // the immutable model reads the same gradients, layer by layer
        Model model = Model.of(FactorChain.fromState(reference.widths, reference.state), reference.target);
        assertEquals(loss, model.loss(), 0.0);
        for (int j = 1; j < d.length; j++) {
            int offset = reference.widths.offsetOf(j);
            Matrix g = model.gradients().ofLayer(j);
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    assertEquals(-negative[offset + r * g.cols() + c], g.get(r, c), 0.0);
                }
            }
        }
    }

    /** A random chain and target with the autodiff loss and gradient and their rounding bounds. */
    private static final class Reference {
        Widths widths;
        Target target;
        double[] state;
        double loss;
        double lossBound;
        double[] gradient;
        double[] gradientBound;
    }

    private static Reference reference(int[] d, Random random) {
        Reference ref = new Reference();
        ref.widths = Widths.of(d);
        int depth = d.length - 1;
        int m = d[depth];
        int n = d[0];
        ref.target = Target.of(Matrix.of("A*", gaussian(m, n, random)));
        List<Matrix> layers = gaussianLayers(d, random);
        ref.state = FactorChain.ofLayers(layers).toState();
        int count = ref.state.length;

        GradientField field = GradientField.getField(count);
        List<FieldMatrix<Gradient>> variables = new ArrayList<>();
        int index = 0;
        for (int j = 1; j <= depth; j++) {
            FieldMatrix<Gradient> w = new Array2DRowFieldMatrix<>(field, d[j], d[j - 1]);
            for (int r = 0; r < d[j]; r++) {
                for (int c = 0; c < d[j - 1]; c++) {
                    w.setEntry(r, c, Gradient.variable(count, index, ref.state[index]));
                    index++;
                }
            }
            variables.add(w);
        }
        FieldMatrix<Gradient> a = variables.get(depth - 1);
        for (int j = depth - 1; j >= 1; j--) {
            a = a.multiply(variables.get(j - 1));
        }
        Gradient loss = field.getZero();
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                Gradient g = a.getEntry(r, c).subtract(ref.target.matrix().get(r, c));
                loss = loss.add(g.multiply(g));
            }
        }
        loss = loss.multiply(0.5);
        ref.loss = loss.getValue();
        ref.gradient = loss.getGradient();

        // rounding bounds: the same computations on absolute values
        int chain = 4;
        for (int w : d) {
            chain += 2 * w;
        }
        double gamma = chain * UNIT_ROUNDOFF / (1 - chain * UNIT_ROUNDOFF);
        double[][][] abs = new double[depth + 1][][];
        for (int j = 1; j <= depth; j++) {
            abs[j] = absolute(layers.get(j - 1).toArray());
        }
        double[][] absA = abs[1];
        for (int j = 2; j <= depth; j++) {
            absA = times(abs[j], absA);
        }
        double[][] absG = new double[m][n];
        double lossBound = 0;
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                absG[r][c] = absA[r][c] + Math.abs(ref.target.matrix().get(r, c));
                lossBound += 0.5 * absG[r][c] * absG[r][c];
            }
        }
        ref.lossBound = gamma * lossBound;
        ref.gradientBound = new double[count];
        for (int j = 1; j <= depth; j++) {
            double[][] left = identity(m);          // (|W_N| ... |W_{j+1}|)^T, built as a product then transposed
            for (int i = depth; i > j; i--) {
                left = times(left, abs[i]);
            }
            double[][] right = identity(n);         // |W_{j-1}| ... |W_1|
            for (int i = 1; i < j; i++) {
                right = times(abs[i], right);
            }
            double[][] bound = times(times(transpose(left), absG), transpose(right));
            int offset = ref.widths.offsetOf(j);
            for (int r = 0; r < d[j]; r++) {
                for (int c = 0; c < d[j - 1]; c++) {
                    ref.gradientBound[offset + r * d[j - 1] + c] = gamma * bound[r][c];
                }
            }
        }
        return ref;
    }

    private static double[][] absolute(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = Math.abs(a[i][j]);
            }
        }
        return out;
    }

    private static double[][] identity(int size) {
        double[][] id = new double[size][size];
        for (int i = 0; i < size; i++) {
            id[i][i] = 1;
        }
        return id;
    }
}
