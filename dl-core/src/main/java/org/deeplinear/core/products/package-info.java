/**
 * The seam through which every matrix product of the library's hot paths goes: the end-to-end map, the
 * residual's gradients, and through them the right-hand side of gradient flow and the gradient-descent step; and
 * the ODE integrator's stage combinations where they are large enough for BLAS, matrix-vector products over its
 * stages' rates.
 *
 * <p>A {@link org.deeplinear.core.products.ProductBackend} computes {@code C = alpha op(A) op(B) + beta C} on EJML
 * row-major matrices, or on row-major blocks of flat arrays (the layers where they lie in a state vector), and
 * {@code y = alpha op(A) x + beta y} on such a block. {@link
 * org.deeplinear.core.products.ProductBackends} hands out the backend to use, best available first: the system's
 * native BLAS through {@code dev.ludovic.netlib:blas} (on Debian, {@code apt-get install libopenblas0-pthread} gives
 * OpenBLAS), else netlib's pure-Java BLAS (faster with {@code --add-modules jdk.incubator.vector}); EJML's own
 * products can be forced by name, and plain Java loops serve the smallest products. The row-major matrices are handed
 * to column-major {@code dgemm} and {@code dgemv} as they are, by swapping the operands or the transposition, so no
 * product copies anything; the netlib backends call netlib's kernels past its public methods' argument checks, which
 * cost a short run more than its products, and check the blocks' bounds themselves. The system
 * property {@code deeplinear.products} or {@link org.deeplinear.core.products.ProductBackends#named(String)} forces a
 * backend.
 *
 * <pre>{@code
 * ProductBackend products = ProductBackends.preferred();   // e.g. "netlib-native(OpenBLAS)"
 * products.gemm(false, true, 1.0, g, u, 0.0, gradW);       // gradW = G U^T
 * }</pre>
 */
package org.deeplinear.core.products;
