package org.deeplinear.theory.claims;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * The example of the package documentation, verbatim, with what it should print. Its plateau parameters are
 * TrajectoryClaimsTest's (PLATEAU_BAND, PLATEAU_MIN_DURATION, PLATEAU_TOLERANCE, sourced there); this run's
 * plateau residual was measured 5.1e-4 (2026-12-07).
 */
class PackageExampleTest {

    @Test
    void theDocumentedExampleHolds() {
        Target target = Target.random(6, 6, new double[] {3, 2, 1}, Seed.of(1));
        Model start = Model.of(Initializations.smallGaussian(1e-4, Seed.of(2)).create(Shape.of(6, 6, 6).widths(),
                target), target);
        Trajectory run = Simulation.flow(start).until(12).samples(SampleTimes.uniform(121)).halfTimes().run();
        Verdict order = Claims.activationOrder(target).check(run);
        // a plateau: the loss within a band of 1% for at least 1 time unit; its level within 2% of a best rank-r
        // residual (this run has one, at 6.9964 against L_0 = 1/2 (9 + 4 + 1) = 7: 5.1e-4 off)
        Verdict plateaus = Claims.plateausAtBestRankResiduals(target, 0.01, 1.0, 0.02).check(run);
        assertTrue(order.holds(), order::toString);
        assertTrue(plateaus.holds(), plateaus::toString);
    }
}
