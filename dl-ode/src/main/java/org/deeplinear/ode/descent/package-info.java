/**
 * Gradient descent, the discrete counterpart of gradient flow: {@code W_j' = W_j - eta_j dL/dW_j} for every layer
 * at once, run for an exact number of steps with time {@code t = eta * step}, with the same observers, events and
 * trajectory as the flows. Imbalance is not conserved: it drifts by exactly
 * {@code eta^2 (U G^T G U^T - W^T G G^T W)} per step (THEORY.md, identity 3).
 *
 * <pre>{@code
 * Trajectory run = Simulation.descent(model, LearningRate.of(0.01), 1000)
 *         .event(EventSpec.halfTime(0))
 *         .run();
 * }</pre>
 */
package org.deeplinear.ode.descent;
