package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.AlignedCoordinates;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * The view behind events and samples measures what the model measures: the watched modes by the chain of
 * products (before the map is formed) and all modes from the map agree with {@code Model.alignedCoordinates()}; loss
 * and imbalance agree with the model's; the drift is measured from the state the view was built with.
 */
class ChainViewTest {

    @Test
    void bothWaysOfMeasuringModesAgreeWithTheModel() {
        Target target = Target.random(6, 5, new double[] {3.0, 2.0, 1.0}, Seed.of(101));
        for (Widths widths : new Widths[] {Widths.of(5, 4, 6), Widths.of(5, 4, 3, 6)}) {
            FactorChain chain = Initializations.smallGaussian(0.7, Seed.of(102)).create(widths, target);
            Model model = Model.of(chain, target);
            double[] expected = model.alignedCoordinates().modes();
            double[] y = chain.toState();
            ChainView view = new ChainView(new StateMapper(widths), target, ProductBackends.preferred(), y);
            view.watchModes(expected.length);
            view.load(1.0, y);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], view.mode(i), 1e-14, "chain of products, mode " + i);
            }
            assertEquals(false, view.hasMap(), "the watched modes come from the chain");
            assertEquals(model.loss(), view.loss(), 1e-14);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], view.mode(i), 1e-14, "from the map, mode " + i);
            }
            assertEquals(model.imbalance().norm(), view.imbalanceNorm(), 1e-14);
            assertEquals(0.0, view.imbalanceDrift(), 0.0);
            // the coupling from the view's own buffers, as AlignedCoordinates forms it (P = U*^T A V*)
            assertEquals(model.alignedCoordinates().coupling(), view.coupling(), 1e-14, "coupling");
            assertEquals(true, view.coupling() > 0.05, "an unaligned start is coupled: " + view.coupling());
            double[] moved = y.clone();
            moved[0] += 0.5;
            view.load(2.0, moved);
            Model other = Model.of(FactorChain.fromState(widths, moved), target);
            assertEquals(other.imbalance().norm(), view.imbalanceNorm(), 1e-14);
            assertEquals(true, view.imbalanceDrift() > 0.1);
        }
    }

    @Test
    void theDriftOfALargeImbalanceDoesNotOverflow() {
        // 1 x 1 x 1: w = 1e100, u = 1e-100 has D = w^2 - u^2 = 1e200 (finite); u moved to 5e96 changes it by
        // u^2 = 2.5e193 exactly as doubles go (1e200 - 2.5e193 is computed to 16 digits), a drift whose square
        // (6.25e386) overflows: the sum of squared differences gave Infinity (review of 2026-12-07)
        Target target = Target.of(org.deeplinear.core.Matrix.of(new double[][] {{0.5}}));
        Widths widths = Widths.of(1, 1, 1);
        double[] y = {1e-100, 1e100};                            // U (layer 1) first, then W, as StateMapper lays them
        ChainView view = new ChainView(new StateMapper(widths), target, ProductBackends.preferred(), y);
        assertEquals(1e200, view.imbalanceNorm(), 1e186);
        view.load(1.0, new double[] {5e96, 1e100});
        assertEquals(2.5e193, view.imbalanceDrift(), 2.5e193 * 1e-9);
        assertEquals(1e200 - 2.5e193, view.imbalanceNorm(), 1e186);
        // the model refuses to form an imbalance that overflows a double, saying which
        Model huge = Model.of(FactorChain.fromState(widths, new double[] {1e-200, 1e200}), target);
        IllegalStateException e = assertThrows(IllegalStateException.class, huge::imbalance);
        assertTrue(e.getMessage().contains("D_1") && e.getMessage().contains("1.0E200"), e.getMessage());
    }

    @Test
    void theCouplingOfAMapNearTheLargestDoubleIsTheModelsCoupling() {
        // a 1 x 2 map A = W U = (x, x), x = 1.7e308, toward a target with v = (-0.6, 0.8): P = 0.2 x, and the part
        // outside the bases, A - P v^T = (1.12 x, 0.84 x), leaves the doubles where A and P do not. The share off the
        // mode is sqrt(1 - (0.2 x)^2 / (2 x^2)) = sqrt(0.98) (closed form), what AlignedCoordinates gives; the view
        // gave NaN (only AlignedCoordinates.of scaled the map; the seventeenth session's note)
        Target oblique = Target.fromSpectrum(new double[] {1}, org.deeplinear.core.Matrix.of(new double[][] {{1}}),
                org.deeplinear.core.Matrix.of(new double[][] {{-0.6}, {0.8}}));
        Widths widths = Widths.of(2, 1, 1);
        double x = 1.7e308;
        double[] y = {x, x, 1.0};                               // U (layer 1) first, then W, as StateMapper lays them
        ChainView view = new ChainView(new StateMapper(widths), oblique, ProductBackends.preferred(), y);
        view.load(0.0, y);
        assertEquals(Math.sqrt(0.98), view.coupling(), 1e-15);
        assertEquals(AlignedCoordinates.of(oblique, org.deeplinear.core.Matrix.of(new double[][] {{x, x}}))
                .coupling(), view.coupling(), 0.0);
    }

    @Test
    void watchedModesComeFromTheChainAndTheOthersFromTheMap() {
        // a 6 x 5 target has p = min(6, 5) = 5 modes, two of them zero; events watching the first two compute
        // only those from the chain (products of width 2), and any other mode comes from the map
        Target target = Target.random(6, 5, new double[] {3.0, 2.0, 1.0}, Seed.of(103));
        Widths widths = Widths.of(5, 4, 3, 6);
        FactorChain chain = Initializations.smallGaussian(0.7, Seed.of(104)).create(widths, target);
        double[] expected = Model.of(chain, target).alignedCoordinates().modes();
        assertEquals(5, expected.length);
        double[] y = chain.toState();
        ChainView view = new ChainView(new StateMapper(widths), target, ProductBackends.preferred(), y);
        view.watchModes(2);
        view.load(1.0, y);
        assertEquals(expected[1], view.mode(1), 1e-14);
        assertEquals(expected[0], view.mode(0), 1e-14);
        assertEquals(false, view.hasMap(), "the watched modes need no map");
        assertEquals(expected[3], view.mode(3), 1e-14);
        assertEquals(true, view.hasMap(), "an unwatched mode comes from the map");
        view.load(2.0, y);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], view.mode(i), 1e-14, "mode " + i);
        }
    }
}
