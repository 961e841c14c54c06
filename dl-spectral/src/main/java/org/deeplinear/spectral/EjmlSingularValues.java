package org.deeplinear.spectral;

import org.deeplinear.core.Matrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * EJML's SVD (Golub-Kahan bidiagonalisation and implicit QR), pure Java, always available; one decomposition
 * object reused for every sample. Its singular values come unsorted. A sample at either end of the double range is
 * first scaled by a power of two ({@link Matrix#svdScaleExponent}, as {@code Target.of} does), which EJML needs
 * there and which is exact: without it a sample of 1.5e308 did not converge and subnormal ones lost digits. The
 * scaled copy goes into a buffer of m n doubles, allocated at the first such sample and reused.
 */
final class EjmlSingularValues implements SingularValueSolver {

    private final int p;
    private final SingularValueDecomposition_F64<DMatrixRMaj> svd;
    private SingularValueDecomposition_F64<DMatrixRMaj> valuesOnly;   // made at the first values() call
    private DMatrixRMaj scaled;

    EjmlSingularValues(int m, int n) {
        this.p = Math.min(m, n);
        this.svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
    }

    @Override
    public boolean decompose(DMatrixRMaj a, double[] values, DMatrixRMaj u, DMatrixRMaj v) {
        if (!decompose(svd, a, values)) {
            return false;
        }
        svd.getU(u, false);
        svd.getV(v, false);
        return true;
    }

    @Override
    public boolean values(DMatrixRMaj a, double[] values) {
        if (valuesOnly == null) {
            valuesOnly = DecompositionFactory_DDRM.svd(a.numRows, a.numCols, false, false, true);
        }
        return decompose(valuesOnly, a, values);
    }

    /** Decomposes the sample, scaled where it needs to be, and writes its singular values scaled back. */
    private boolean decompose(SingularValueDecomposition_F64<DMatrixRMaj> decomposition, DMatrixRMaj a,
            double[] values) {
        int exponent = Matrix.svdScaleExponent(a);
        DMatrixRMaj input = a;
        if (exponent != 0) {
            if (scaled == null) {
                scaled = new DMatrixRMaj(a.numRows, a.numCols);
            }
            Matrix.svdScale(a, exponent, scaled);
            input = scaled;
        }
        if (!decomposition.decompose(input)) {
            return false;
        }
        double[] sigma = decomposition.getSingularValues();
        for (int k = 0; k < p; k++) {
            values[k] = Math.scalb(sigma[k], exponent);
        }
        return true;
    }

    @Override
    public String name() {
        return "ejml";
    }
}
