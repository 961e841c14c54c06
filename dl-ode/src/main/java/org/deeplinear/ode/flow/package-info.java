/**
 * Closed end-to-end flows: gradient flow written in the end-to-end map {@code A} alone, which is exact when the
 * factors are balanced ({@code W^T W = U U^T}) or lambda-balanced ({@code W^T W - U U^T = lambda I}), and wrong
 * otherwise (THEORY.md, identities 4 and 5; the tests show both); and the closed flow of balanced depth-N chains
 * {@code dA/dt = -sum_j (A A^T)^{(j-1)/N} G (A^T A)^{(N-j)/N}}.
 *
 * <pre>{@code
 * ClosedEndToEndFlow flow = new ClosedEndToEndFlow(target, 0.0, ProductBackends.preferred());
 * Matrix velocity = flow.velocity(a);                 // -(A A^T)^{1/2} G - G (A^T A)^{1/2}
 * Trajectory run = Simulation.closedFlow(a, target).until(5).run();
 * Trajectory deep = Simulation.closedDepthFlow(a, 3, target).until(5).run();
 * }</pre>
 */
package org.deeplinear.ode.flow;
