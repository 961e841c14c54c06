package org.deeplinear.theory.exact;

import org.hipparchus.fraction.BigFraction;

/**
 * Where an identity failed: the point (its index among the drawn points and its exact values), the first entry
 * at which the two sides differ, and both exact values there. A counterexample is a proof that the identity is
 * false; it does not depend on any probability.
 *
 * @param pointIndex which drawn point, 0-based
 * @param point      the point's exact values
 * @param row        the entry's row, 0-based
 * @param column     the entry's column, 0-based
 * @param left       the left side's entry
 * @param right      the right side's entry, different from {@code left}
 */
public record Counterexample(int pointIndex, Point point, int row, int column, BigFraction left,
                             BigFraction right) {

    @Override
    public String toString() {
        return "point " + pointIndex + ", entry (" + row + ", " + column + "): left = " + left + " (~"
                + left.doubleValue() + "), right = " + right + " (~" + right.doubleValue() + ") at " + point;
    }
}
