package org.deeplinear.ode;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * The Hipparchus face of a {@link Dynamics}: {@code dy/dt = f(y)} written into the one array Hipparchus asks for
 * per evaluation (nothing else is allocated), with a count of the evaluations actually made.
 */
final class FlowEquation implements OrdinaryDifferentialEquation {

    private final int dimension;
    private final Dynamics.RightHandSide rightHandSide;
    private long evaluations;

    FlowEquation(Dynamics dynamics) {
        this.dimension = dynamics.dimension();
        this.rightHandSide = dynamics.newRightHandSide();
    }

    @Override
    public int getDimension() {
        return dimension;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
        double[] yDot = new double[dimension];
        rightHandSide.compute(t, y, yDot);
        evaluations++;
        return yDot;
    }

    /**
     * One evaluation into a caller's array, counted: the in-place form {@link DormandPrince853} uses.
     *
     * @param t    the time
     * @param y    the state (Not modified)
     * @param yDot the derivative (Modified)
     */
    void compute(double t, double[] y, double[] yDot) {
        rightHandSide.compute(t, y, yDot);
        evaluations++;
    }

    long evaluations() {
        return evaluations;
    }
}
