/**
 * The statements of THEORY.md as checkable predicates. A {@link org.deeplinear.theory.claims.Claim} takes a subject
 * (a {@code Trajectory}, a {@code Model}, a {@code ModeLaw}, an {@code Identity} or a
 * {@link org.deeplinear.theory.claims.RunFamily}) and returns a {@link org.deeplinear.theory.claims.Verdict}: holds
 * or violated, the worst residual, the {@link org.deeplinear.theory.claims.Witness} (which mode, what time, what
 * value against what was expected) and the tolerance used. {@link org.deeplinear.theory.claims.Claims} holds the
 * built-in ones: conservation of {@code W^T W - U U^T}, the exact {@code eta^2} drift of descent, the end-to-end
 * identity, the closed balanced flow, aligned modes following their laws, staying aligned, off-target decay,
 * monotone approach, the inflection at {@code sigma/2}, the activation order, the half-time slope {@code 1/sigma},
 * plateaus at best rank-r residuals, the narrow hidden layer, and the sharpness {@code 2 sigma_max} from the
 * model's {@link org.deeplinear.theory.claims.Hessian}. Every one of them can fail. A claim refuses, with an
 * {@code IllegalArgumentException}, a subject it cannot judge: a run without the series it reads, a run toward
 * another target than the one it is given ({@code Trajectory.target()}), a run of another depth than its law's
 * ({@code Trajectory.depth()}: the two-layer laws' claims refuse a depth-N run, and single modes of different
 * depths), a closed flow it cannot show (a hidden width below the target's rank), a subject with nothing to compare.
 * Repeated singular values ({@code Spectrum.repeatGroups}) are compared as one value, their modes by their sum.
 *
 * <pre>{@code
 * Target target = Target.random(6, 6, new double[] {3, 2, 1}, Seed.of(1));
 * Model start = Model.of(Initializations.smallGaussian(1e-4, Seed.of(2)).create(Shape.of(6, 6, 6).widths(), target),
 *         target);
 * Trajectory run = Simulation.flow(start).until(12).samples(SampleTimes.uniform(121)).halfTimes().run();
 * Verdict order = Claims.activationOrder(target).check(run);
 * // a plateau: the loss within a band of 1% for at least 1 time unit; its level within 2% of a best rank-r
 * // residual (this run has one, at 6.9964 against L_0 = 1/2 (9 + 4 + 1) = 7: 5.1e-4 off)
 * Verdict plateaus = Claims.plateausAtBestRankResiduals(target, 0.01, 1.0, 0.02).check(run);
 * if (order.violated()) {
 *     System.out.println(order);   // "...: VIOLATED (worst residual 1.0, ...) at mode 2 (sigma 1.0) activated ..."
 * }
 * }</pre>
 */
package org.deeplinear.theory.claims;
