package org.deeplinear.theory.laws;

import org.deeplinear.core.testing.QtSeed;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The seed of every property test of this package, the project's ({@link QtSeed}): fixed by default so that runs
 * are reproducible, and overridable with {@code -Ddeeplinear.qt.seed=<long>} to explore other cases or replay a
 * reported one; with the number of examples these properties use.
 */
final class QtSeeds {

    /** Examples per property (enough to cover the parameter ranges, small enough to keep the suite fast). */
    static final int EXAMPLES = 300;

    private QtSeeds() {
    }

    /**
     * A QuickTheories runner with the seed in use.
     *
     * @return {@code QtSeed.qt()} with {@link #EXAMPLES} examples
     */
    static QuickTheory qt() {
        return qt(EXAMPLES);
    }

    /**
     * A QuickTheories runner with the seed in use and a given number of examples (for properties whose
     * 40-digit references are costly).
     *
     * @param examples the number of examples
     * @return {@code QtSeed.qt()} with {@code examples} examples
     */
    static QuickTheory qt(int examples) {
        return QtSeed.qt().withExamples(examples);
    }

    /**
     * Values spread uniformly in {@code log10} between two positive bounds.
     *
     * @param lo the lower bound, {@code > 0}
     * @param hi the upper bound, {@code > lo}
     * @return the generator
     */
    static Gen<Double> logUniform(double lo, double hi) {
        return SourceDSL.doubles().between(Math.log10(lo), Math.log10(hi)).map(e -> Math.pow(10, e));
    }
}
