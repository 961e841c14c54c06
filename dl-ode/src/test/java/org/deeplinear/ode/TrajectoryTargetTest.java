package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.mode.SingleMode;
import org.junit.jupiter.api.Test;

/**
 * A trajectory records the target its run moved toward, so that what reads it against a target (dl-theory's
 * claims) can tell a run toward another one of the same shape (user review of 2026-12-07); independent single modes
 * have none. A failed run's partial trajectory records it too.
 */
class TrajectoryTargetTest {

    private static final Target TARGET = Target.random(3, 2, new double[] {2, 1}, Seed.of(5));

    private static Model start() {
        return Model.of(Initializations.smallGaussian(0.1, Seed.of(3)).create(Shape.of(3, 3, 2).widths(), TARGET),
                TARGET);
    }

    @Test
    void flowDescentAndClosedFlowRecordTheirTarget() {
        assertSame(TARGET, Simulation.flow(start()).until(1).run().target().orElseThrow());
        assertSame(TARGET, Simulation.descent(start(), LearningRate.of(0.1), 5).run().target().orElseThrow());
        Matrix a0 = start().endToEnd();
        assertSame(TARGET, Simulation.closedFlow(a0, TARGET).until(1).run().target().orElseThrow());
    }

    @Test
    void singleModesHaveNoTarget() {
        assertTrue(Simulation.modes(SingleMode.balanced(2, 1e-3)).until(1).run().target().isEmpty());
    }

    /** eta sigma = 10 x 2, far beyond 2, where descent on a mode diverges (THEORY.md): the partial trajectory. */
    @Test
    void aFailedRunsTrajectoryRecordsItsTarget() {
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.descent(start(), LearningRate.of(10), 1000).run());
        assertEquals(SimulationException.Reason.DIVERGED, e.reason());
        assertSame(TARGET, e.trajectory().target().orElseThrow());
    }
}
