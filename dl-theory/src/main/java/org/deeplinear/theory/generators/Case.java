package org.deeplinear.theory.generators;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Seed;

/**
 * A generated case with what it takes to rebuild it: the recipe, the seed and the value built from them.
 *
 * @param recipe the recipe
 * @param seed   the seed's value
 * @param value  {@code recipe.build(Seed.of(seed))}
 * @param <T>    the type of the value
 */
public record Case<T>(Recipe<T> recipe, long seed, T value) {

    /**
     * Validates the case.
     *
     * @param recipe the recipe
     * @param seed the seed's value
     * @param value {@code recipe.build(Seed.of(seed))}
     * @throws IllegalArgumentException if the recipe or value is null
     */
    public Case {
        Arguments.notNull("recipe", recipe);
        Arguments.notNull("value", value);
    }

    /**
     * Builds the case of a seed.
     *
     * @param recipe the recipe
     * @param seed   the seed's value
     * @param <T>    the type of the value
     * @return the case
     */
    public static <T> Case<T> of(Recipe<T> recipe, long seed) {
        Arguments.notNull("recipe", recipe);
        return new Case<>(recipe, seed, recipe.build(Seed.of(seed)));
    }

    /**
     * The value and the Java expression that rebuilds it.
     *
     * @return e.g. {@code "Target(8 x 8, ...) <- TargetRecipe.gapped(6, 12, 4, 0.1, 10.0, 0.5).build(Seed.of(42L))"}
     */
    @Override
    public String toString() {
        return value + " <- " + recipe + ".build(Seed.of(" + seed + "L))";
    }
}
