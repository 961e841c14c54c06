package org.deeplinear.theory.generators;

import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/** The user's property test shown in the package documentation, verbatim, so that the example stays true. */
class UserPropertyExampleTest {

    @Test
    void balancedStartsHaveNoImbalance() {
        StartRecipe starts = StartRecipe.balanced(TargetRecipe.gapped(4, 8, 3, 0.5, 4.0, 0.2), 2, 2, 6, 0.05, 0.5);
        qt().withFixedSeed(Generators.qtSeed()).withExamples(20)
                .forAll(starts.cases())
                .check(c -> c.value().model().imbalance().norm() < 1e-12);
    }
}
