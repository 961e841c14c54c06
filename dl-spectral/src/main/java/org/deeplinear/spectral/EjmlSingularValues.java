package org.deeplinear.spectral;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * EJML's SVD (Golub-Kahan bidiagonalisation and implicit QR), pure Java, always available; one decomposition
 * object reused for every sample. Its singular values come unsorted.
 */
final class EjmlSingularValues implements SingularValueSolver {

    private final int p;
    private final SingularValueDecomposition_F64<DMatrixRMaj> svd;

    EjmlSingularValues(int m, int n) {
        this.p = Math.min(m, n);
        this.svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
    }

    @Override
    public boolean decompose(DMatrixRMaj a, double[] values, DMatrixRMaj u, DMatrixRMaj v) {
        if (!svd.decompose(a)) {
            return false;
        }
        System.arraycopy(svd.getSingularValues(), 0, values, 0, p);
        svd.getU(u, false);
        svd.getV(v, false);
        return true;
    }

    @Override
    public String name() {
        return "ejml";
    }
}
