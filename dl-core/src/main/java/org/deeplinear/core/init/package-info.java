/**
 * Seeded, deterministic initial states for a chain of given {@link org.deeplinear.core.Widths widths} and a
 * {@link org.deeplinear.core.target.Target target}: small Gaussian, aligned with the target's singular vectors
 * (per-mode {@code s0_i} and imbalance {@code lambda_i}), balanced ({@code W^T W = U U^T}) and lambda-balanced
 * ({@code W^T W - U U^T = lambda I}). Each is an {@link org.deeplinear.core.init.Initialization}, a small value
 * that creates a {@link org.deeplinear.core.model.FactorChain}.
 *
 * <pre>{@code
 * Initialization init = Initializations.smallGaussian(1e-3, Seed.of(0));
 * FactorChain factors = init.create(Shape.of(32, 32, 32).widths(), target);
 * }</pre>
 */
package org.deeplinear.core.init;
