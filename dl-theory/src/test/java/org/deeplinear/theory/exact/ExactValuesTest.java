package org.deeplinear.theory.exact;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.FieldMatrix;
import org.junit.jupiter.api.Test;

/**
 * The API audit of 2026-12-07, the exact package: null arguments and null elements are refused by name (they were
 * NullPointerExceptions), products of matrices that do not conform are refused in the library's format (they were
 * Hipparchus's MathIllegalArgumentException), and the value records refuse components no check produces (a
 * negative degree gave a NaN bound, a negative point count a probability bound of 1e18, a counterexample of nulls
 * failed in toString, and a variable's entry count overflowed an int). Each case failed on the previous code.
 */
class ExactValuesTest {

    private static final Function<Point, FieldMatrix<BigFraction>> SIDE = p -> Rationals.zeros(1, 1);

    @Test
    void nullElementsAndArgumentsAreRefusedByName() {
        Variable x = Variable.scalar("x");
        assertRejected("variables[1]", null, () -> Identity.of("n", Arrays.asList(x, null), 1, SIDE, SIDE));
        FieldMatrix<BigFraction> m = Rationals.zeros(2, 2);
        assertRejected("factors[1]", null, () -> Rationals.product(Arrays.asList(m, null)));
        assertRejected("random", null, () -> SampleSet.standard().draw(null));
        // a point with variables gave this rejection; the empty point's Map.of() threw on the null key
        assertRejected("name", null, () -> Point.empty().get(null));
        assertRejected("name", null, () -> Point.empty().with("y", m).get(null));
    }

    @Test
    void aProductOfMatricesThatDoNotConformIsRefusedNamingTheFactor() {
        FieldMatrix<BigFraction> a = Rationals.zeros(2, 3);
        // was "inconsistent dimensions: 3 != 2" from Hipparchus, no IllegalArgumentException
        IllegalArgumentException e = assertRejected("factors[1]", "2 x 3", () -> Rationals.product(List.of(a, a)));
        assertTrue(e.getMessage().contains("3 rows (factors[0] has 3 columns)"), e.getMessage());
        FieldMatrix<BigFraction> b = Rationals.zeros(3, 4);
        assertRejected("factors[2]", "3 x 4", () -> Rationals.product(List.of(a, b, b)));
        assertEquals(2, Rationals.product(List.of(a, b)).getRowDimension());
        assertEquals(4, Rationals.product(List.of(a, b)).getColumnDimension());
    }

    /**
     * A side at a point of other shapes, or without a variable, is refused naming the variable (review of
     * 2026-12-07: the built-in end-to-end identity at a point with W and U swapped failed inside Hipparchus's product,
     * "inconsistent dimensions: 4 != 3").
     */
    @Test
    void aSideAtAPointOfOtherShapesIsRefusedNamingTheVariable() {
        Identity endToEnd = Identities.endToEnd(org.deeplinear.core.Shape.of(3, 2, 4));
        List<String> names = endToEnd.variables().stream().map(Variable::name).toList();
        Point swapped = Point.empty();
        for (Variable v : endToEnd.variables()) {
            swapped = swapped.with(v.name(), Rationals.zeros(v.cols(), v.rows()));
        }
        Variable first = endToEnd.variables().stream().filter(v -> v.rows() != v.cols()).findFirst().orElseThrow();
        Point wrong = swapped;
        assertRejected("point." + first.name(), first.cols() + " x " + first.rows(), () -> endToEnd.left(wrong));
        assertRejected("point." + first.name(), first.cols() + " x " + first.rows(), () -> endToEnd.right(wrong));
        assertRejected("point", () -> endToEnd.left(Point.empty()), names.get(0) + " missing");
        assertRejected("point", null, () -> endToEnd.left(null));
    }

    @Test
    void aVerdictRefusesCountsNoCheckProduces() {
        SampleSet set = SampleSet.standard();
        // degree -1: log10(-1) = NaN; 3 points of degree 2 from 2,000,001 values: (2/2000001)^3 = 1e-18
        assertRejected("degree", -1, () -> new IdentityVerdict("i", true, 3, -1, set, 1, Optional.empty()));
        // -3 points: (2/2000001)^-3 = 1e18, a "probability" above 1
        assertRejected("pointsChecked", -3, () -> new IdentityVerdict("i", true, -3, 2, set, 1, Optional.empty()));
        assertRejected("pointsChecked", 0, () -> new IdentityVerdict("i", true, 0, 2, set, 1, Optional.empty()));
        IdentityVerdict good = new IdentityVerdict("i", true, 3, 2, set, 1, Optional.empty());
        assertEquals(3 * (Math.log10(2) - Math.log10(2_000_001)), good.log10FalseAcceptanceBound(), 1e-12);
        // a counterexample at point 4 was found by the fifth point checked
        Counterexample at4 = new Counterexample(4, Point.empty(), 0, 0, BigFraction.ZERO, BigFraction.ONE);
        assertRejected("pointsChecked", 3, () -> new IdentityVerdict("i", false, 3, 2, set, 1, Optional.of(at4)));
        assertEquals(5, new IdentityVerdict("i", false, 5, 2, set, 1, Optional.of(at4)).pointsChecked());
    }

    @Test
    void aCounterexampleRefusesNullsAndEqualSides() {
        Point p = Point.empty();
        BigFraction zero = BigFraction.ZERO;
        BigFraction one = BigFraction.ONE;
        // its toString threw a NullPointerException
        assertRejected("point", null, () -> new Counterexample(0, null, 0, 0, zero, one));
        assertRejected("left", null, () -> new Counterexample(0, p, 0, 0, null, one));
        assertRejected("right", null, () -> new Counterexample(0, p, 0, 0, zero, null));
        assertRejected("pointIndex", -1, () -> new Counterexample(-1, p, 0, 0, zero, one));
        assertRejected("row", -1, () -> new Counterexample(0, p, -1, 0, zero, one));
        assertRejected("column", -1, () -> new Counterexample(0, p, 0, -1, zero, one));
        assertRejected("right", one, () -> new Counterexample(0, p, 0, 0, one, one));
        assertTrue(new Counterexample(0, p, 0, 0, zero, one).toString().startsWith("point 0, entry (0, 0)"));
    }

    @Test
    void aVariableWhoseEntriesPassAnArrayIsRefused() {
        // 100,000 x 100,000 = 1e10 entries: entryCount() overflowed to 1,410,065,408
        assertRejected("W.cols", 100_000, () -> Variable.matrix("W", 100_000, 100_000));
        assertEquals(2_000_000_000, Variable.matrix("W", 2, 1_000_000_000).entryCount());
    }
}
