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

    long evaluations() {
        return evaluations;
    }
}
