/**
 * The network and what it computes. Typed factors ({@link org.deeplinear.core.model.OutputFactor} {@code W},
 * m x k, and {@link org.deeplinear.core.model.InputFactor} {@code U}, k x n) and the depth-N
 * {@link org.deeplinear.core.model.FactorChain} {@code W_N ... W_1} that the two-layer network is the N = 2 case
 * of; the immutable {@link org.deeplinear.core.model.Model} (a chain and a target) with its end-to-end map, the
 * whitened squared loss {@code 1/2 ||A - A*||_F^2}, its {@link org.deeplinear.core.model.Gradients} and the
 * {@link org.deeplinear.core.model.Imbalance} {@code W^T W - U U^T}; and the
 * {@link org.deeplinear.core.model.GradientEngine}, the allocation-free hot path behind all of them.
 *
 * <pre>{@code
 * Model model = Model.of(OutputFactor.of(w), InputFactor.of(u), target);
 * double loss = model.loss();
 * Matrix gradW = model.gradients().ofOutputFactor();   // G U^T
 * Matrix d = model.imbalance().junction(1);            // W^T W - U U^T
 * }</pre>
 */
package org.deeplinear.core.model;
