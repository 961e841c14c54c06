/**
 * Generators for users' own property tests, built on QuickTheories: random targets
 * ({@link org.deeplinear.theory.generators.TargetRecipe}: sizes, spectra with gaps, near repeats, exact repeats),
 * initial states ({@link org.deeplinear.theory.generators.StartRecipe}: small random, aligned with per-mode
 * {@code s0} and {@code lambda}, balanced) and law parameters ({@link org.deeplinear.theory.generators.LawRecipe}:
 * sigma in [1e-3, 1e3], s0 in [1e-12, 10 sigma], with the edges). Every case is built from a seed by a
 * {@link org.deeplinear.theory.generators.Recipe}, and a {@link org.deeplinear.theory.generators.Case} prints the
 * Java expression that rebuilds it, so a failing example is reproduced by pasting one line.
 *
 * <p>A user's property test (JUnit 5), in a dozen lines (it compiles and passes as written, in a project that
 * depends on dl-theory, JUnit 5 and QuickTheories, as {@code consumer/} does):
 * <pre>{@code
 * import static org.quicktheories.QuickTheory.qt;
 *
 * import org.deeplinear.theory.generators.Generators;
 * import org.deeplinear.theory.generators.StartRecipe;
 * import org.deeplinear.theory.generators.TargetRecipe;
 * import org.junit.jupiter.api.Test;
 *
 * class BalancedStartsTest {
 *     @Test
 *     void balancedStartsHaveNoImbalance() {
 *         StartRecipe starts = StartRecipe.balanced(TargetRecipe.gapped(4, 8, 3, 0.5, 4.0, 0.2), 2, 2, 6, 0.05, 0.5);
 *         qt().withFixedSeed(Generators.qtSeed()).withExamples(20)
 *                 .forAll(starts.cases())
 *                 .check(c -> c.value().model().imbalance().norm() < 1e-12);  // rounding: measured below 1.9e-16
 *     }
 * }
 * }</pre>
 * A failure prints, e.g.,
 * {@code Start(balanced(scale = 0.48), ...) <- StartRecipe.balanced(TargetRecipe.gapped(4, 8, 3, 0.5, 4.0, 0.2),
 * 2, 2, 6, 0.05, 0.5).build(Seed.of(-8211L))}.
 */
package org.deeplinear.theory.generators;
