package org.deeplinear.theory.exact;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;

/**
 * A matrix-valued variable of a polynomial identity: a name and a shape. Scalars are 1 x 1 variables. An
 * {@link ExactCheck} draws every entry of every variable independently from its {@link SampleSet}.
 *
 * @param name the name, non-empty, unique within an identity (e.g. {@code "W"}, {@code "A*"}, {@code "eta"})
 * @param rows rows, at least 1
 * @param cols columns, at least 1, with {@code rows * cols} at most {@link Matrix#MAX_ENTRIES}
 */
public record Variable(String name, int rows, int cols) {

    /**
     * Validates the variable.
     *
     * @param name the name, non-empty, unique within an identity (e.g. {@code "W"}, {@code "A*"}, {@code "eta"})
     * @param rows rows, at least 1
     * @param cols columns, at least 1
     * @throws IllegalArgumentException if the name is null or empty, a dimension below 1, or the entries more than
     *                                  one array holds ({@link Matrix#MAX_ENTRIES}; named {@code name.cols})
     */
    public Variable {
        Arguments.check(name != null && !name.isEmpty(), "name", name, "a non-empty name");
        Arguments.atLeast(name + ".rows", rows, 1);
        Arguments.atLeast(name + ".cols", cols, 1);
        // (audit of 2026-12-07: 100,000 x 100,000 was accepted, and entryCount() overflowed to 1,410,065,408)
        Matrix.checkEntries(name + ".cols", rows, cols);
    }

    /**
     * A matrix variable.
     *
     * @param name the name
     * @param rows rows
     * @param cols columns
     * @return the variable
     */
    public static Variable matrix(String name, int rows, int cols) {
        return new Variable(name, rows, cols);
    }

    /**
     * A scalar (1 x 1) variable.
     *
     * @param name the name
     * @return the variable
     */
    public static Variable scalar(String name) {
        return new Variable(name, 1, 1);
    }

    /**
     * The number of scalar unknowns, {@code rows * cols}.
     *
     * @return the entry count
     */
    public int entryCount() {
        return rows * cols;
    }
}
