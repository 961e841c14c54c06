package org.deeplinear.ode;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.ode.observe.Observation;

/**
 * The mutable {@link Observation} behind samples and event functions: reloaded at each instant with a reference
 * to the flat state (never copied), it computes what is asked for once per instant from buffers of its own.
 */
abstract class StateView implements Observation {

    private double time;
    /** The flat state of the current instant; read only. */
    protected double[] state;

    /** Points the view at a new instant; invalidates every cached quantity. */
    void load(double t, double[] y) {
        this.time = t;
        this.state = y;
        invalidate();
    }

    /**
     * Says how many leading modes the events will ask for, so that a view that computes modes together computes
     * only those; does nothing by default.
     *
     * @param count the leading modes watched, {@code 0 <= count <= modeCount()}
     */
    void watchModes(int count) {
    }

    /** Forgets the quantities of the previous instant. */
    protected abstract void invalidate();

    @Override
    public double time() {
        return time;
    }

    @Override
    public double stateNorm() {
        return Matrix.frobeniusNorm(state, state.length);
    }

    @Override
    public boolean isFinite() {
        for (double x : state) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Checks a mode index. */
    protected final void checkMode(int i) {
        Arguments.index("mode", i, 0, modeCount() - 1);
    }
}
