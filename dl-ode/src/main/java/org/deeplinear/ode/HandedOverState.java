package org.deeplinear.ode;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;

/**
 * A Hipparchus state and derivative that keeps the arrays it is handed instead of copying them. Hipparchus's
 * {@code ODEStateAndDerivative} copies both arrays when it is built and again on every read: for a 256 x 256 flow
 * that is 1 MiB per copy, and the copies were most of the 670 MB a run allocated (BENCHMARKS.md, section 6.3).
 *
 * <p>Its public getters keep Hipparchus's contract and return copies (a caller may change what it gets); this
 * package reads the arrays themselves through {@link #valuesOf} and {@link #ratesOf}, and never writes them. The
 * arrays must not change after they are handed over. The derivative may be formed on first request
 * ({@link #formDerivative}), for states whose readers (event functions, samplers) mostly need only the value.
 * The one who handed the arrays over may take them back for reuse ({@link #expire}): from then on every read of
 * the state throws an {@link IllegalStateException} instead of returning what the arrays hold by then.
 * Only primary states: no secondary equations.
 */
class HandedOverState extends ODEStateAndDerivative {

    private static final long serialVersionUID = 20261206L;
    private static final double[] NONE = new double[0];

    private final double[] state;
    private double[] derivative;
    private boolean expired;

    /**
     * A state over the given arrays, kept, not copied.
     *
     * @param time       the time
     * @param state      the state, handed over (not changed afterwards)
     * @param derivative its derivative, handed over; null if {@link #formDerivative} forms it when asked
     */
    HandedOverState(double time, double[] state, double[] derivative) {
        super(time, NONE, NONE);
        this.state = state;
        this.derivative = derivative;
    }

    /**
     * The state of a Hipparchus state, without a copy where it is one of this class's.
     *
     * @param s a state
     * @return its primary state: the array itself (read only) or Hipparchus's copy
     */
    static double[] valuesOf(ODEState s) {
        return s instanceof HandedOverState ? ((HandedOverState) s).values() : s.getPrimaryState();
    }

    /**
     * The derivative of a Hipparchus state, without a copy where it is one of this class's.
     *
     * @param s a state and derivative
     * @return its primary derivative: the array itself (read only) or Hipparchus's copy
     */
    static double[] ratesOf(ODEStateAndDerivative s) {
        return s instanceof HandedOverState ? ((HandedOverState) s).rates() : s.getPrimaryDerivative();
    }

    /**
     * The state.
     *
     * @return the state array itself (read only)
     * @throws IllegalStateException if the state has {@linkplain #expire expired}
     */
    final double[] values() {
        checkNotExpired();
        return state;
    }

    /**
     * The derivative, formed now if it was not given.
     *
     * @return the derivative array itself (read only)
     * @throws IllegalStateException if the state has {@linkplain #expire expired}
     */
    final double[] rates() {
        checkNotExpired();
        if (derivative == null) {
            derivative = formDerivative();
        }
        return derivative;
    }

    /**
     * Forms the derivative of a state built without one, when it is first asked for (and again if that failed).
     * This class cannot form one: a subclass that builds states without a derivative overrides this.
     *
     * @return the derivative
     * @throws IllegalStateException if it cannot be formed (here: always; a subclass: once it is too late)
     */
    double[] formDerivative() {
        throw new IllegalStateException("state at t = " + getTime() + " has no derivative: expected one given or"
                + " formed by a subclass");
    }

    /**
     * Marks the state as no longer readable: its arrays are about to be reused. Reads after this throw.
     */
    final void expire() {
        expired = true;
    }

    private void checkNotExpired() {
        if (expired) {
            throw new IllegalStateException("state at t = " + getTime() + " read after the integrator took its"
                    + " arrays back for reuse: expected it read during the step that handed it over (or, for a step's"
                    + " end, the next step), or copied then");
        }
    }

    @Override
    public int getPrimaryStateDimension() {
        return state.length;
    }

    @Override
    public double[] getPrimaryState() {
        return values().clone();
    }

    @Override
    public int getNumberOfSecondaryStates() {
        return 0;
    }

    @Override
    public int getSecondaryStateDimension(int index) {
        return state(index).length;
    }

    @Override
    public double[] getSecondaryState(int index) {
        return state(index).clone();
    }

    @Override
    public int getCompleteStateDimension() {
        return state.length;
    }

    @Override
    public double[] getCompleteState() {
        return values().clone();
    }

    @Override
    public double[] getPrimaryDerivative() {
        return rates().clone();
    }

    @Override
    public double[] getSecondaryDerivative(int index) {
        state(index);
        return rates().clone();
    }

    @Override
    public double[] getCompleteDerivative() {
        return rates().clone();
    }

    private double[] state(int index) {
        if (index != 0) {
            throw new IllegalArgumentException("index = " + index + ": expected 0, the primary state (this state"
                    + " has no secondary states)");
        }
        return values();
    }
}
