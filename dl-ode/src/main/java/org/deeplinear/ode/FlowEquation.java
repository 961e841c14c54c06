package org.deeplinear.ode;

import java.util.Arrays;
import org.deeplinear.core.products.ProductBackend;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * The Hipparchus face of a {@link Dynamics}: {@code dy/dt = f(y)} written into the one array Hipparchus asks for
 * per evaluation (nothing else is allocated), with a count of the evaluations actually made.
 */
final class FlowEquation implements OrdinaryDifferentialEquation {

    private final int dimension;
    private final Dynamics.RightHandSide rightHandSide;
    private final ProductBackend products;
    private long evaluations;
    private long maxEvaluations = Long.MAX_VALUE;   // the budget, see limitEvaluations
    private boolean tolerateOverflow;               // for Hipparchus's Dormand-Prince 5(4), see tolerateOverflow()
    private Dynamics.NonFiniteStateException overflow;  // the first met since the last takeOverflow()

    FlowEquation(Dynamics dynamics) {
        this.dimension = dynamics.dimension();
        this.products = dynamics.products();
        this.rightHandSide = dynamics.newRightHandSide();
    }

    @Override
    public int getDimension() {
        return dimension;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
        count();
        double[] yDot = new double[dimension];
        try {
            rightHandSide.compute(t, y, yDot, 0);
        } catch (Dynamics.NonFiniteStateException e) {
            if (!tolerateOverflow) {
                throw e;
            }
            // a trial stage of a step too long: NaN makes the integrator's error NaN, which its error control
            // (Integrators' Dormand-Prince 5(4)) turns into a rejection
            if (overflow == null) {
                overflow = e;
            }
            Arrays.fill(yDot, Double.NaN);
        }
        return yDot;
    }

    /**
     * Limits the evaluations, through {@link #computeDerivatives} and {@link #compute} alike, to a budget: the next
     * one fails as Hipparchus fails a run past its own budget ({@code MAX_COUNT_EXCEEDED}). The one budget of every
     * method: Hipparchus 4's explicit Runge-Kutta integrators call the equation for their stages without counting
     * every call against {@code setMaxEvaluations} (Dormand-Prince 5(4) made 56 evaluations on a budget of 50,
     * classical Runge-Kutta 52), so the budget is kept here, on the evaluations actually made.
     *
     * @param max the budget, at least 1
     */
    void limitEvaluations(long max) {
        maxEvaluations = max;
    }

    /** Counts an evaluation about to be made, or fails if the budget is spent. */
    private void count() {
        if (evaluations >= maxEvaluations) {
            throw new MathIllegalStateException(LocalizedCoreFormats.MAX_COUNT_EXCEEDED, maxEvaluations);
        }
        evaluations++;
    }

    /**
     * From now on, a right-hand side that meets a non-finite state returns NaN derivatives (and the overflow is
     * kept for {@link #takeOverflow}) instead of throwing: for an integrator whose error control rejects a step
     * with a NaN error and that decides itself when a rejection is final. Off by default, and for the fixed-step
     * methods, whose steps nothing rejects.
     */
    void tolerateOverflow() {
        tolerateOverflow = true;
    }

    /**
     * The first overflow met since the last call, and forgets it.
     *
     * @return the overflow, or null if none
     */
    Dynamics.NonFiniteStateException takeOverflow() {
        Dynamics.NonFiniteStateException met = overflow;
        overflow = null;
        return met;
    }

    /**
     * One evaluation into a caller's array, counted against the budget: the in-place form {@link DormandPrince853}
     * uses.
     *
     * @param t      the time
     * @param y      the state (Not modified)
     * @param out    the array the derivative is written into, at {@code offset} (Modified)
     * @param offset where the derivative starts in {@code out}
     */
    void compute(double t, double[] y, double[] out, int offset) {
        count();
        rightHandSide.compute(t, y, out, offset);
    }

    /**
     * The product backend of the dynamics: what an integrator combines its stages with.
     *
     * @return the backend
     */
    ProductBackend products() {
        return products;
    }

    long evaluations() {
        return evaluations;
    }
}
