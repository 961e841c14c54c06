package org.deeplinear.core.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initialization;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same bits: a random target, each seeded initialisation, and the model's loss and
 * gradients computed from them, whether built one after the other or by sixteen tasks on eight threads at once
 * (nothing in dl-core keeps state between calls that a seeded draw could share). Another seed gives other bits.
 */
class SeededDeterminismTest {

    /** Everything a seed decides, as one array of raw bits. */
    static long[] draw(long seed) {
        Target target = Target.random(7, 5, new double[] {3, 2, 1}, Seed.of(seed));
        List<Initialization> inits = List.of(Initializations.smallGaussian(1e-2, Seed.of(seed + 1)),
                Initializations.balanced(0.3, Seed.of(seed + 2)), Initializations.lambdaBalanced(0.5, 0.3,
                        Seed.of(seed + 3)));
        List<Double> values = new ArrayList<>();
        for (double[] row : target.matrix().toArray()) {
            for (double x : row) {
                values.add(x);
            }
        }
        for (Initialization init : inits) {
            Model model = Model.of(init.create(Widths.of(5, 4, 7), target), target);
            for (double x : model.factors().toState()) {
                values.add(x);
            }
            values.add(model.loss());
            for (int j = 1; j <= model.depth(); j++) {
                for (double[] row : model.gradients().ofLayer(j).toArray()) {
                    for (double x : row) {
                        values.add(x);
                    }
                }
            }
        }
        return values.stream().mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void theSameSeedGivesTheSameBitsInTurnAndOnAPool() throws Exception {
        long[] seeds = {0, 1, 7, -3, 123456789L, Long.MAX_VALUE - 3};
        List<long[]> inTurn = new ArrayList<>();
        for (long seed : seeds) {
            inTurn.add(draw(seed));
            assertArrayEquals(inTurn.get(inTurn.size() - 1), draw(seed), "seed " + seed + " twice");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                long seed = seeds[i % seeds.length];
                futures.add(pool.submit(() -> draw(seed)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(inTurn.get(i % seeds.length), futures.get(i).get(), "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(Arrays.equals(draw(1), draw(2)), "another seed, other bits");
    }
}
