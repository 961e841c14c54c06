/**
 * The seam through which every matrix product of the library's hot paths goes: the end-to-end map, the
 * residual's gradients, and through them the right-hand side of gradient flow and the gradient-descent step.
 *
 * <p>A {@link org.deeplinear.core.products.ProductBackend} computes {@code C = alpha op(A) op(B) + beta C} on EJML
 * row-major matrices. {@link org.deeplinear.core.products.ProductBackends} hands out the backend to use (EJML's
 * own products by default), so a faster implementation (for example a native BLAS) can replace EJML without
 * touching the model.
 *
 * <pre>{@code
 * ProductBackend products = ProductBackends.preferred();
 * products.gemm(false, true, 1.0, g, u, 0.0, gradW);   // gradW = G U^T
 * }</pre>
 */
package org.deeplinear.core.products;
