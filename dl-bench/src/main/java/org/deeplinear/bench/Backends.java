package org.deeplinear.bench;

import java.util.SplittableRandom;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.ejml.data.DMatrixRMaj;

/** Helpers shared by the benchmarks: backends by name and seeded random operands. */
final class Backends {

    private Backends() {
    }

    /**
     * A backend by name: {@code preferred} for {@link ProductBackends#preferred()}, else
     * {@link ProductBackends#named(String)}.
     */
    static ProductBackend byName(String name) {
        return "preferred".equals(name) ? ProductBackends.preferred() : ProductBackends.named(name);
    }

    /** An {@code rows x cols} matrix of independent uniform entries in [-1, 1). */
    static DMatrixRMaj random(int rows, int cols, SplittableRandom random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = 2 * random.nextDouble() - 1;
        }
        return m;
    }
}
