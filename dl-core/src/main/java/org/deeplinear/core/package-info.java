/**
 * The vocabulary every deeplinear module shares: immutable dense {@link org.deeplinear.core.Matrix matrices},
 * the {@link org.deeplinear.core.Shape shape} of a two-layer network and the {@link org.deeplinear.core.Widths
 * widths} of a depth-N chain, explicit {@link org.deeplinear.core.Seed seeds}, and the argument checks
 * ({@link org.deeplinear.core.Arguments}) that give every bad input the same kind of message.
 *
 * <p>The domain model lives in the sub-packages: {@code target} (the map {@code A*} to learn and its spectrum),
 * {@code model} (typed factors, the network, its loss, gradients and imbalance), {@code init} (seeded
 * initialisations) and {@code products} (the seam through which every matrix product of a hot path goes).
 *
 * <pre>{@code
 * Target target = Target.random(32, 32, new double[] {4, 3, 2, 1}, Seed.of(7));
 * FactorChain factors = Initializations.aligned(new double[] {1e-3, 1e-3, 1e-3, 1e-3})
 *         .create(Shape.of(32, 32, 32).widths(), target);
 * Model model = Model.of(factors, target);
 * double loss = model.loss();
 * double[] modes = model.alignedCoordinates().modes();
 * }</pre>
 */
package org.deeplinear.core;
