package org.deeplinear.core;

import java.util.List;

/**
 * The argument checks of the whole library, so that every bad input gets an {@link IllegalArgumentException}
 * whose message names the parameter, the value received and what was expected, in one format:
 * {@code "eps = -1.0: expected a finite value > 0"}.
 *
 * <p>An index or offset out of its range is the one exception: {@link #index} and {@link #offset} throw an
 * {@link IndexOutOfBoundsException}, as Java's collections and arrays do, naming the index or offset and its range.
 *
 * <p>Stateless; every method returns its (valid) argument so that checks can be written inline.
 */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Fails with the library's message format.
     *
     * @param name     the parameter's name
     * @param value    the value received (rendered with {@link String#valueOf(Object)})
     * @param expected what was expected, e.g. {@code "a finite value > 0"}
     * @return never returns normally; declared so that callers can write {@code throw Arguments.fail(...)}
     * @throws IllegalArgumentException always
     */
    public static IllegalArgumentException fail(String name, Object value, String expected) {
        throw new IllegalArgumentException(name + " = " + value + ": expected " + expected);
    }

    /**
     * Checks a condition on an argument.
     *
     * @param condition the condition that must hold
     * @param name      the parameter's name
     * @param value     the value received
     * @param expected  what was expected
     * @throws IllegalArgumentException if {@code condition} is false
     */
    public static void check(boolean condition, String name, Object value, String expected) {
        if (!condition) {
            fail(name, value, expected);
        }
    }

    /**
     * Checks a condition on a numeric argument, as {@link #check(boolean, String, Object, String)} but without
     * boxing the value unless the check fails, so that a check on a hot path allocates nothing.
     *
     * @param condition the condition that must hold
     * @param name      the parameter's name
     * @param value     the value received
     * @param expected  what was expected
     * @throws IllegalArgumentException if {@code condition} is false
     */
    public static void check(boolean condition, String name, double value, String expected) {
        if (!condition) {
            fail(name, value, expected);
        }
    }

    /**
     * Checks a condition on an integer argument (an {@code int} widens to this one, and is written as an integer),
     * boxing the value only if the check fails.
     *
     * @param condition the condition that must hold
     * @param name      the parameter's name
     * @param value     the value received
     * @param expected  what was expected
     * @throws IllegalArgumentException if {@code condition} is false
     */
    public static void check(boolean condition, String name, long value, String expected) {
        if (!condition) {
            fail(name, value, expected);
        }
    }

    /**
     * Checks that a value is finite.
     *
     * @param name  the parameter's name
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static double finite(String name, double value) {
        check(Double.isFinite(value), name, value, "a finite value");
        return value;
    }

    /**
     * Checks that a value is finite and strictly positive.
     *
     * @param name  the parameter's name
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is NaN, infinite or {@code <= 0}
     */
    public static double positive(String name, double value) {
        check(Double.isFinite(value) && value > 0, name, value, "a finite value > 0");
        return value;
    }

    /**
     * Checks that a value is finite and non-negative.
     *
     * @param name  the parameter's name
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is NaN, infinite or {@code < 0}
     */
    public static double nonNegative(String name, double value) {
        check(Double.isFinite(value) && value >= 0, name, value, "a finite value >= 0");
        return value;
    }

    /**
     * Checks that an integer is at least a minimum.
     *
     * @param name    the parameter's name
     * @param value   the value
     * @param minimum the smallest value allowed
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < minimum}
     */
    public static int atLeast(String name, int value, int minimum) {
        // the message only on failure: hot paths check their sizes at every call (review of 2026-12-08: the coupling
        // of every sample allocated its text)
        if (value < minimum) {
            throw fail(name, value, "an integer >= " + minimum);
        }
        return value;
    }

    /**
     * Checks that every entry of an array is finite.
     *
     * @param name   the parameter's name
     * @param values the values (not modified)
     * @return {@code values}
     * @throws IllegalArgumentException if {@code values} is null or an entry is NaN or infinite; the message names
     *                                  the entry's index
     */
    public static double[] allFinite(String name, double[] values) {
        notNull(name, values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                // the entry's name only on failure (it was built for every entry checked)
                throw fail(name + "[" + i + "]", values[i], "a finite value");
            }
        }
        return values;
    }

    /**
     * Checks that a reference is not null.
     *
     * @param name  the parameter's name
     * @param value the reference
     * @param <T>   its type
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is null
     */
    public static <T> T notNull(String name, T value) {
        check(value != null, name, null, "a non-null value");
        return value;
    }

    /**
     * Checks that an array of the caller's is there and holds at least {@code minimum} entries: a buffer a hot path
     * reads or fills. The message forms only on failure.
     *
     * @param name    the array's name, e.g. {@code "outside"}
     * @param values  the array
     * @param minimum the entries it must hold, {@code >= 0}
     * @return {@code values}
     * @throws IllegalArgumentException naming the array if it is null ({@code "outside = null: expected a non-null
     *                                  value"}) or shorter ({@code "outside.length = 3: expected at least 6"})
     */
    public static double[] entries(String name, double[] values, long minimum) {
        notNull(name, values);
        if (values.length < minimum) {
            throw fail(name + ".length", values.length, "at least " + minimum);
        }
        return values;
    }

    /**
     * Checks that {@code entries} entries fit into an array of {@code length} from {@code offset}: where an engine
     * writes a block into an array of its caller's. The message forms only on failure, so a check on a hot path
     * allocates nothing.
     *
     * @param array   the array's name, e.g. {@code "destination"}
     * @param length  the array's length
     * @param offset  where the block starts
     * @param entries the block's size, {@code >= 0}
     * @return {@code offset}
     * @throws IndexOutOfBoundsException naming the offset and its range ({@code "offset = 3: expected 0..2 (4 entries
     *                                   within destination.length = 6)"}) if the block does not fit
     */
    public static int offset(String array, int length, int offset, int entries) {
        int last = length - entries;
        if (offset < 0 || offset > last) {
            throw new IndexOutOfBoundsException("offset = " + offset + ": expected " + (last < 0
                    ? "an offset with " + entries + " entries from it within " + array + ".length = " + length
                    + " (none fits)"
                    : "0.." + last + " (" + entries + " entries within " + array + ".length = " + length + ")"));
        }
        return offset;
    }

    /**
     * Checks an index, as Java's collections check theirs: an index out of range is an
     * {@link IndexOutOfBoundsException} naming the index and the range, the project's one convention for indices
     * (a mode, a layer, a junction).
     *
     * @param name  the index's name, e.g. {@code "mode"}
     * @param index the index
     * @param first the first index of the range (0 for modes, 1 for layers)
     * @param last  the last index of the range; below {@code first} for an empty range
     * @return {@code index}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [first, last]}: {@code "mode = 5: expected
     *                                   0..4"}, or for an empty range {@code "mode = 0: expected none (the range is
     *                                   empty)"}
     */
    public static int index(String name, int index, int first, int last) {
        if (index < first || index > last) {
            throw new IndexOutOfBoundsException(name + " = " + index + ": expected "
                    + (last < first ? "none (the range is empty)" : first + ".." + last));
        }
        return index;
    }

    /**
     * Checks that a list and every element of it are not null, and copies it (the null check {@link List#copyOf}
     * makes throws a {@link NullPointerException} naming nothing).
     *
     * @param name   the parameter's name; an element is named {@code name[i]}
     * @param values the list (not modified)
     * @param <T>    the elements' type
     * @return an unmodifiable copy of {@code values}
     * @throws IllegalArgumentException if {@code values} or one of its elements is null; the message names the
     *                                  first null element by its index
     */
    public static <T> List<T> nonNullElements(String name, List<? extends T> values) {
        notNull(name, values);
        int i = 0;
        for (T value : values) {
            if (value == null) {
                // the element's name only on failure
                throw fail(name + "[" + i + "]", null, "a non-null element");
            }
            i++;
        }
        return List.copyOf(values);
    }
}
