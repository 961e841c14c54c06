package org.deeplinear.core.products;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The default {@link ProductBackend}: EJML's own row-major products ({@link CommonOps_DDRM}), pure Java.
 * Stateless and thread-safe.
 */
final class EjmlProducts implements ProductBackend {

    static final EjmlProducts INSTANCE = new EjmlProducts();

    private EjmlProducts() {
    }

    @Override
    public String name() {
        return "ejml";
    }

    /** The backend's {@link #name()}. */
    @Override
    public String toString() {
        return name();
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
            double beta, DMatrixRMaj c) {
        ProductBackend.checkShapes(transposeA, transposeB, a, b, c);
        multiply(transposeA, transposeB, alpha, a, b, beta, c);
    }

    /** Blocks of flat arrays: plain Java loops in EJML's orders ({@link RowMajorKernels}), allocation-free. */
    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            int aOffset, double[] b, int bOffset, double beta, double[] c, int cOffset) {
        ProductBackend.checkBlocks(m, n, k, a, b, c);
        RowMajorKernels.gemm(transposeA, transposeB, m, n, k, alpha, a, aOffset, b, bOffset, beta, c, cOffset);
    }

    /** {@link #gemm} on operands whose shapes the caller has checked (EJML would reshape a wrong {@code c}). */
    static void multiply(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
            double beta, DMatrixRMaj c) {
        if (alpha == 0) {
            // as dgemm: A and B are not read (a NaN in them does not reach C)
            if (beta == 0) {
                c.zero();
            } else if (beta != 1) {
                CommonOps_DDRM.scale(beta, c);
            }
            return;
        }
        if (beta == 0) {
            if (transposeA) {
                if (transposeB) {
                    CommonOps_DDRM.multTransAB(alpha, a, b, c);
                } else {
                    CommonOps_DDRM.multTransA(alpha, a, b, c);
                }
            } else if (transposeB) {
                CommonOps_DDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_DDRM.mult(alpha, a, b, c);
            }
            return;
        }
        if (beta != 1) {
            CommonOps_DDRM.scale(beta, c);
        }
        if (transposeA) {
            if (transposeB) {
                CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
            } else {
                CommonOps_DDRM.multAddTransA(alpha, a, b, c);
            }
        } else if (transposeB) {
            CommonOps_DDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_DDRM.multAdd(alpha, a, b, c);
        }
    }
}
