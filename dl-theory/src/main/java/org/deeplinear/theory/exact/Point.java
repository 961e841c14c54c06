package org.deeplinear.theory.exact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplinear.core.Arguments;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.FieldMatrix;

/**
 * An assignment of exact values to named variables: a point at which the two sides of an {@link Identity} are
 * evaluated, or a direction along which {@link ExactDerivative} differentiates. Immutable: values are copied in
 * and copied out.
 */
public final class Point {

    private final Map<String, FieldMatrix<BigFraction>> values;

    private Point(Map<String, FieldMatrix<BigFraction>> values) {
        this.values = values;
    }

    /**
     * A point from its values.
     *
     * @param values the value of each variable by name (not modified; copied)
     * @return the point
     * @throws IllegalArgumentException if the map or a value is null
     */
    public static Point of(Map<String, FieldMatrix<BigFraction>> values) {
        Arguments.notNull("values", values);
        Map<String, FieldMatrix<BigFraction>> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(Arguments.notNull("name", name),
                Arguments.notNull(name, value).copy()));
        return new Point(Collections.unmodifiableMap(copy));
    }

    /**
     * The empty point, to be extended with {@link #with}.
     *
     * @return a point with no variables
     */
    public static Point empty() {
        return new Point(Map.of());
    }

    /**
     * This point with one more (or one replaced) variable.
     *
     * @param name  the variable's name
     * @param value its value (copied)
     * @return a new point
     */
    public Point with(String name, FieldMatrix<BigFraction> value) {
        Map<String, FieldMatrix<BigFraction>> copy = new LinkedHashMap<>(values);
        copy.put(Arguments.notNull("name", name), Arguments.notNull(name, value).copy());
        return new Point(Collections.unmodifiableMap(copy));
    }

    /**
     * The value of a variable.
     *
     * @param name the variable's name
     * @return a copy of its value
     * @throws IllegalArgumentException if the name is null or the point has no such variable
     */
    public FieldMatrix<BigFraction> get(String name) {
        // (audit of 2026-12-07: the empty point's Map.of() threw a NullPointerException on a null name)
        Arguments.notNull("name", name);
        FieldMatrix<BigFraction> value = values.get(name);
        Arguments.check(value != null, "name", name, "one of the point's variables " + values.keySet());
        return value.copy();
    }

    /**
     * Checks that the point gives every variable a value of its shape (a side of an identity at a point of other
     * shapes failed inside Hipparchus's products, "inconsistent dimensions: 4 != 3", naming no variable; review of
     * 2026-12-07).
     *
     * @param variables the identity's variables
     * @throws IllegalArgumentException naming the first variable the point lacks or gives another shape
     */
    void requireShapes(List<Variable> variables) {
        for (Variable v : variables) {
            FieldMatrix<BigFraction> value = values.get(v.name());
            Arguments.check(value != null, "point", values.keySet(), "a value for every variable of the identity ("
                    + v.name() + " missing)");
            if (value.getRowDimension() != v.rows() || value.getColumnDimension() != v.cols()) {
                throw Arguments.fail("point." + v.name(), value.getRowDimension() + " x " + value.getColumnDimension(),
                        v.rows() + " x " + v.cols() + " (the variable's shape)");
            }
        }
    }

    /**
     * The value of a scalar (1 x 1) variable.
     *
     * @param name the variable's name
     * @return its value
     * @throws IllegalArgumentException if there is no such variable or it is not 1 x 1
     */
    public BigFraction scalar(String name) {
        return Rationals.value(name, get(name));
    }

    /**
     * The names of the variables, in insertion order.
     *
     * @return the unmodifiable set of names
     */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * The point {@code this + t * direction}: every variable of {@code direction} is moved by {@code t} times its
     * value; the others are unchanged.
     *
     * @param t         the step, exact
     * @param direction the direction, whose variables are a subset of this point's, with the same shapes
     * @return a new point
     * @throws IllegalArgumentException if the direction names a variable this point lacks or shapes differ
     */
    public Point plus(BigFraction t, Point direction) {
        Arguments.notNull("t", t);
        Arguments.notNull("direction", direction);
        Map<String, FieldMatrix<BigFraction>> moved = new LinkedHashMap<>(values);
        direction.values.forEach((name, v) -> {
            FieldMatrix<BigFraction> x = values.get(name);
            Arguments.check(x != null, "direction." + name, "a variable", "one of the point's variables "
                    + values.keySet());
            Arguments.check(x.getRowDimension() == v.getRowDimension()
                            && x.getColumnDimension() == v.getColumnDimension(), "direction." + name,
                    v.getRowDimension() + " x " + v.getColumnDimension(),
                    "the variable's shape " + x.getRowDimension() + " x " + x.getColumnDimension());
            moved.put(name, x.add(v.scalarMultiply(t)));
        });
        return new Point(Collections.unmodifiableMap(moved));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point && values.equals(((Point) o).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /**
     * Every variable with its exact entries, row by row: enough to rebuild the point by hand.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Point{");
        String separator = "";
        for (Map.Entry<String, FieldMatrix<BigFraction>> e : values.entrySet()) {
            text.append(separator).append(e.getKey()).append(" = [");
            FieldMatrix<BigFraction> m = e.getValue();
            for (int i = 0; i < m.getRowDimension(); i++) {
                text.append(i == 0 ? "[" : "; [");
                for (int j = 0; j < m.getColumnDimension(); j++) {
                    text.append(j == 0 ? "" : ", ").append(m.getEntry(i, j));
                }
                text.append(']');
            }
            text.append(']');
            separator = ", ";
        }
        return text.append('}').toString();
    }
}
