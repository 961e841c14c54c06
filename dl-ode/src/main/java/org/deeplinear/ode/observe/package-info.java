/**
 * Observers: what a run measures at its sample times, streamed into {@link org.deeplinear.ode.observe.Series}
 * so that memory grows with the samples asked for and never with the integrator's steps.
 *
 * <p>An {@link org.deeplinear.ode.observe.Observer} reads an {@link org.deeplinear.ode.observe.Observation} (the
 * state at one instant, measured lazily) and writes a fixed number of values. The built-ins are in
 * {@link org.deeplinear.ode.observe.Observers}; a scalar of your own is one line, and a fixed number of values
 * {@link org.deeplinear.ode.observe.Observers#vector(String, int, java.util.function.BiConsumer)}:
 *
 * <pre>{@code
 * Trajectory run = Simulation.flow(model).until(10)
 *         .observe(Observers.loss(), Observers.modes(), Observer.scalar("s0/s1", o -> o.mode(0) / o.mode(1)))
 *         .samples(SampleTimes.uniform(101))
 *         .run();
 * double[] loss = run.series(Observers.LOSS).column(0);
 * }</pre>
 */
package org.deeplinear.ode.observe;
