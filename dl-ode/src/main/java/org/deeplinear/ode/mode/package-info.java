/**
 * Single aligned modes: the scalar equations that an aligned network's modes follow one by one (the factor pair,
 * balanced logistic, lambda-balanced and balanced depth-N laws of THEORY.md), as values that run through the same
 * simulation API as the matrix flows, and in Hipparchus field integrators over {@code Dfp} for reference values
 * with 30 digits or more.
 *
 * <pre>{@code
 * Trajectory run = Simulation.modes(SingleMode.balanced(4, 1e-3), SingleMode.balanced(2, 1e-3))
 *         .until(5).event(EventSpec.halfTime(0), EventSpec.halfTime(1)).run();
 * Dfp reference = SingleMode.depth(3, 1.0, 1e-2).valueAt(20.0, 40);
 * }</pre>
 */
package org.deeplinear.ode.mode;
