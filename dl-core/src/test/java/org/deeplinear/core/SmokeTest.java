package org.deeplinear.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void alignedModesAreTheRequestedOnes() {
        Target target = Target.random(32, 32, new double[] {4, 3, 2, 1}, Seed.of(7));
        FactorChain f = Initializations.aligned(new double[] {1e-3, 2e-3, 3e-3, 4e-3})
                .create(Shape.of(32, 32, 32).widths(), target);
        Model model = Model.of(f, target);
        double[] s = model.alignedCoordinates().modes();
        assertEquals(1e-3, s[0], 1e-15);
        assertEquals(4e-3, s[3], 1e-15);
        // loss = 1/2 sum (sigma_i - s_i)^2 for an aligned map (closed form)
        double expected = 0.5 * (Math.pow(4 - 1e-3, 2) + Math.pow(3 - 2e-3, 2) + Math.pow(2 - 3e-3, 2)
                + Math.pow(1 - 4e-3, 2));
        assertEquals(expected, model.loss(), 1e-12);
        assertEquals(0.0, model.alignedCoordinates().coupling(), 1e-12);
    }
}
