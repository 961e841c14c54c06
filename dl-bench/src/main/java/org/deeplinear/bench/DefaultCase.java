package org.deeplinear.bench;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;

/**
 * The problem of the peer's defaults at a side {@code n}, drawn with the library's seeded generators: a rank-4
 * target with sigmas 4, 3, 2, 1 in {@code n x n} (seed 1) and, for whole runs, a small Gaussian start of scale 1e-3
 * through a hidden width {@code n} (seed 2). One definition for the benchmarks that share it.
 */
final class DefaultCase {

    private DefaultCase() {
    }

    /**
     * The target.
     *
     * @param n the side
     * @return the rank-4 target, seed 1
     */
    static Target target(int n) {
        return Target.random(n, n, new double[] {4, 3, 2, 1}, Seed.of(1));
    }

    /**
     * The target with its start.
     *
     * @param n the side
     * @return the model, start of scale 1e-3 with seed 2
     */
    static Model model(int n) {
        Target target = target(n);
        return Model.of(Initializations.smallGaussian(1e-3, Seed.of(2)).create(Shape.of(n, n, n).widths(), target),
                target);
    }
}
