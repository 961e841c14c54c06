/**
 * The dynamics of deep linear networks, run by Hipparchus behind a domain API: gradient flow of two-layer and
 * depth-N chains, gradient descent, the closed end-to-end flows and single aligned modes, each built into a
 * {@link org.deeplinear.ode.Simulation} from domain values (a {@code Model}, a {@code Target}, factors, modes)
 * and returning a {@link org.deeplinear.ode.Trajectory}. The flat {@code double[]} that Hipparchus integrates
 * never leaves this package: one private mapper turns chains into states and back, as Orekit's
 * {@code StateMapper} does.
 *
 * <p>Integration: Dormand-Prince 8(5,3) by default (the package's own implementation of Hipparchus's method, with
 * twelve evaluations per step, dense output on demand and stages formed by matrix products on the flow's product
 * backend from 64 x 64 on and by Java loops below, under Hipparchus's event and step-handler machinery), Dormand-Prince
 * 5(4), Gragg-Bulirsch-Stoer, classical Runge-Kutta and Euler (Hipparchus's; {@link
 * org.deeplinear.ode.IntegratorSettings}). Samples come from the dense output of accepted steps, at the {@link
 * org.deeplinear.ode.SampleTimes} asked for; observers ({@link org.deeplinear.ode.observe}) stream into series; events
 * ({@link org.deeplinear.ode.events}) are located to 1e-12 in time (times a span shorter than 1:
 * {@code EventSpec.timeAccuracy}) on the integrated trajectory, whose own accuracy
 * is the integrator's (a start far below {@code atol / rtol} is integrated to {@code atol}: {@link
 * org.deeplinear.ode.IntegratorSettings}). A trajectory records the target its run moved toward and the depth of its
 * network ({@code Trajectory.depth()}; for single modes their common depth, none where they differ), and answers
 * for the crossings its run watched ({@code Trajectory.watches}).
 * A failed run (step size underflow, evaluation budget, divergence, an event function that is NaN, an observer or
 * event function that throws) ends in a {@link org.deeplinear.ode.SimulationException} that carries the trajectory so
 * far, and says where a start too small for the tolerances may be why ({@code IntegratorSettings.isSmallState}; a
 * flow from such a start also logs a warning, completed or not). A trial step of the adaptive Dormand-Prince methods
 * that overflows (in a stage, its error or its end) is a rejected step, not a failure; what cannot run at all (a span
 * or a step the clock does not resolve, a smallest step longer than the span, a relative tolerance below 100 ulps of 1,
 * a start whose rate already overflows or that already exceeds a divergence bound, events checked more than 2^20 times
 * over the span or closer than the clock resolves) is refused when the simulation is built. Events are checked inside
 * steps as well as at their ends, every {@link org.deeplinear.ode.Simulation#maxCheckInterval()}; an interval as long
 * as the span checks at step ends only, as SciPy's {@code solve_ivp} does.
 *
 * <pre>{@code
 * Target target = Target.random(32, 32, new double[] {4, 3, 2, 1}, Seed.of(0));
 * FactorChain init = Initializations.smallGaussian(1e-3, Seed.of(1)).create(Shape.of(32, 32, 32).widths(), target);
 * Trajectory run = Simulation.flow(Model.of(init, target))
 *         .until(10)
 *         .samples(SampleTimes.uniform(101))
 *         .observe(Observers.loss(), Observers.modes(), Observers.imbalanceDrift())
 *         .halfTimes()
 *         .run();
 * double tHalf = run.halfTime(0).orElseThrow();
 * RunStatistics cost = run.statistics();
 * }</pre>
 */
package org.deeplinear.ode;
