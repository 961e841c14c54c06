package com.example.consumer;

import static org.quicktheories.QuickTheory.qt;

import org.deeplinear.theory.generators.Generators;
import org.deeplinear.theory.generators.StartRecipe;
import org.deeplinear.theory.generators.TargetRecipe;
import org.junit.jupiter.api.Test;

/**
 * The generators package's example of a user's property test (org.deeplinear.theory.generators, package-info), as
 * written there, so that CI compiles and runs the documented text (a review of 2026-12-07 found it needed imports
 * the page did not show).
 */
class BalancedStartsTest {
    @Test
    void balancedStartsHaveNoImbalance() {
        StartRecipe starts = StartRecipe.balanced(TargetRecipe.gapped(4, 8, 3, 0.5, 4.0, 0.2), 2, 2, 6, 0.05, 0.5);
        qt().withFixedSeed(Generators.qtSeed()).withExamples(20)
                .forAll(starts.cases())
                .check(c -> c.value().model().imbalance().norm() < 1e-12);  // rounding: measured below 1.9e-16
    }
}
