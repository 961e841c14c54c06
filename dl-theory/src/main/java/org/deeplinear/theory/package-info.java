/**
 * The theory of THEORY.md made checkable, in four packages: {@code laws} (each single-mode law as a value: its
 * closed form {@code s(t)}, inverse, rate, half-time and inflection), {@code claims} (each statement as a
 * predicate on a trajectory, a model, a law or a family of runs, returning a verdict with its worst residual and a
 * witness), {@code exact} (polynomial identities checked over rationals, with a Schwartz-Zippel bound) and
 * {@code generators} (QuickTheories generators of targets, starts and law parameters for users' own property
 * tests). This package itself holds nothing but this overview.
 *
 * <pre>{@code
 * LogisticLaw law = new LogisticLaw(4.0, 1e-3);                        // ds/dt = 2 s (sigma - s)
 * double tHalf = law.halfTime().orElseThrow();                         // ln(sigma/s0 - 1) / (2 sigma)
 * Trajectory run = Simulation.flow(model).until(10)
 *         .observe(Observers.modes(), Observers.imbalanceDrift()).run();
 * Verdict conserved = Claims.conservation(1e-9).check(run);            // W^T W - U U^T stays constant
 * Verdict logistic = Claims.alignedModesFollowTheirLaws(target, s0, lambda, 1e-7).check(run);
 * }</pre>
 */
package org.deeplinear.theory;
