/**
 * Events: conditions on the state watched during a run, located in time (gradient flow, to
 * {@link org.deeplinear.ode.events.EventSpec#timeAccuracy}) or checked at each iterate (gradient descent), each
 * recorded in the trajectory and either continuing, stopping the run, or (a first occurrence, such as a half-time)
 * recorded once and no longer watched ({@link org.deeplinear.ode.events.EventAction}).
 *
 * <p>Built-ins: a mode crossing a fraction of its sigma (the half-time at 1/2), the loss falling below a level,
 * the imbalance drifting above a tolerance, divergence. A divergence that stops the run ends it with a
 * {@code SimulationException} that carries the trajectory so far; so does a function of one's own that is NaN
 * ({@code UNDEFINED_EVENT_FUNCTION}), unless an event stops the run first. Only the sign of a function counts, at any
 * scale. A trajectory answers {@code firstCrossing} and {@code halfTime} for the crossings its run watched, and refuses
 * the others ({@code Trajectory.watches} says which).
 *
 * <pre>{@code
 * Trajectory run = Simulation.flow(model).until(10)
 *         .event(EventSpec.halfTime(0), EventSpec.lossBelow(1e-8).stopping())
 *         .run();
 * OptionalDouble tHalf = run.halfTime(0);
 * }</pre>
 */
package org.deeplinear.ode.events;
