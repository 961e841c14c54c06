package org.deeplinear.theory.exact;

import org.deeplinear.core.Arguments;
import org.hipparchus.fraction.BigFraction;

/**
 * Where an identity failed: the point (its index among the drawn points and its exact values), the first entry
 * at which the two sides differ, and both exact values there. A counterexample is a proof that the identity is
 * false; it does not depend on any probability.
 *
 * @param pointIndex which drawn point, 0-based
 * @param point      the point's exact values, not null
 * @param row        the entry's row, 0-based
 * @param column     the entry's column, 0-based
 * @param left       the left side's entry, not null
 * @param right      the right side's entry, not null, different from {@code left}
 */
public record Counterexample(int pointIndex, Point point, int row, int column, BigFraction left,
                             BigFraction right) {

    /**
     * Validates the counterexample (audit of 2026-12-07: one of nulls was accepted, and its toString threw).
     *
     * @param pointIndex which drawn point, {@code >= 0}
     * @param point      the point, not null
     * @param row        the entry's row, {@code >= 0}
     * @param column     the entry's column, {@code >= 0}
     * @param left       the left side's entry, not null
     * @param right      the right side's entry, not null and different from {@code left}
     * @throws IllegalArgumentException naming the first component out of its range
     */
    public Counterexample {
        Arguments.atLeast("pointIndex", pointIndex, 0);
        Arguments.notNull("point", point);
        Arguments.atLeast("row", row, 0);
        Arguments.atLeast("column", column, 0);
        Arguments.notNull("left", left);
        Arguments.notNull("right", right);
        Arguments.check(left.compareTo(right) != 0, "right", right, "a value different from left = " + left
                + " (the sides differ at a counterexample)");
    }

    @Override
    public String toString() {
        return "point " + pointIndex + ", entry (" + row + ", " + column + "): left = " + left + " (~"
                + left.doubleValue() + "), right = " + right + " (~" + right.doubleValue() + ") at " + point;
    }
}
