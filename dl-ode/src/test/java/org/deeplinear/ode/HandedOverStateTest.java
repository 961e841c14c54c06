package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.junit.jupiter.api.Test;

/**
 * A state over handed-over arrays: the package reads the arrays themselves, everyone else gets Hipparchus's
 * copies, and a state without a derivative says so.
 */
class HandedOverStateTest {

    private final double[] y = {1.0, -2.0, 3.5};
    private final double[] yDot = {0.25, 0.5, -0.75};
    private final HandedOverState state = new HandedOverState(2.5, y, yDot);

    @Test
    void thePackageReadsTheArraysThemselves() {
        assertSame(y, HandedOverState.valuesOf(state));
        assertSame(yDot, HandedOverState.ratesOf(state));
    }

    @Test
    void hipparchusStatesAreReadThroughTheirCopies() {
        ODEStateAndDerivative other = new ODEStateAndDerivative(1.0, y, yDot);
        assertNotSame(y, HandedOverState.valuesOf(other));
        assertArrayEquals(y, HandedOverState.valuesOf(other), 0.0);
        assertArrayEquals(yDot, HandedOverState.ratesOf(other), 0.0);
    }

    @Test
    void publicGettersReturnCopiesAsHipparchusDoes() {
        double[][] read = {state.getPrimaryState(), state.getCompleteState(), state.getSecondaryState(0),
            state.getPrimaryDerivative(), state.getCompleteDerivative(), state.getSecondaryDerivative(0)};
        for (int r = 0; r < read.length; r++) {
            assertArrayEquals(r < 3 ? y : yDot, read[r], 0.0, "getter " + r);
            read[r][0] = 99.0;
        }
        assertEquals(1.0, y[0]);
        assertEquals(0.25, yDot[0]);
        assertEquals(2.5, state.getTime());
        assertEquals(3, state.getPrimaryStateDimension());
        assertEquals(3, state.getCompleteStateDimension());
        assertEquals(3, state.getSecondaryStateDimension(0));
        assertEquals(0, state.getNumberOfSecondaryStates());
    }

    @Test
    void namesASecondaryIndexItDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state.getSecondaryState(1));
        assertTrue(e.getMessage().startsWith("index = 1: expected 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> state.getSecondaryDerivative(2));
    }

    @Test
    void aStateBuiltWithoutADerivativeSaysSo() {
        HandedOverState bare = new HandedOverState(4.0, y, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, bare::getPrimaryDerivative);
        assertTrue(e.getMessage().contains("t = 4.0 has no derivative"), e.getMessage());
    }
}
