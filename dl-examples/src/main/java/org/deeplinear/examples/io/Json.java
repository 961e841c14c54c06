package org.deeplinear.examples.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.deeplinear.core.Arguments;

/**
 * A small JSON writer for the {@code dl} program's one-object outputs: no parsing, no reflection, no dependency.
 *
 * <p>Numbers: a finite {@code double} is written with {@link Double#toString(double)}, which round-trips (reading
 * the text back gives the same bits) and is valid JSON ({@code 1.0E-3} is a JSON number); {@code NaN} and the
 * infinities are written as {@code null}, never as bare tokens. {@code int} and {@code long} are written as
 * integers. A Java {@code null} is written as {@code null} (a value that does not exist, such as a half-time that
 * was never reached). Keys keep the order in which they were put.
 *
 * <pre>{@code
 * String line = Json.object().put("t", new double[] {0.5, 1.0}).put("t_half", (Double) null).toJson();
 * // {"t": [0.5, 1.0], "t_half": null}
 * }</pre>
 */
public final class Json {

    private final Map<String, Object> members = new LinkedHashMap<>();

    private Json() {
    }

    /**
     * Starts an empty object.
     *
     * @return a new, empty, mutable JSON object
     */
    public static Json object() {
        return new Json();
    }

    /**
     * Adds (or replaces) a member.
     *
     * @param key the member name, not null
     * @param value null, a {@link Boolean}, a {@code Double}, {@code Float}, {@code Long}, {@code Integer},
     *     {@code Short} or {@code Byte}, a {@link CharSequence}, a {@code double[]},
     *     {@code int[]} or {@code long[]}, a {@link List} or {@link Map} of such values, or a nested {@link Json}
     * @return this object, for chaining
     * @throws IllegalArgumentException if the value is of another type
     */
    public Json put(String key, Object value) {
        Arguments.notNull("key", key);
        checkWritable(key, value);
        members.put(key, value);
        return this;
    }

    /**
     * Writes this object on one line.
     *
     * @return the JSON text, without a trailing newline
     */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        write(out, this);
        return out.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /**
     * Formats one number as the writer does: {@link Double#toString(double)} when finite, {@code null} otherwise.
     *
     * @param value any double
     * @return its JSON text
     */
    public static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    /**
     * Boxes a value that may be absent: {@code NaN} becomes {@code null} (JSON {@code null}).
     *
     * @param value a value, or {@code NaN} for "none"
     * @return the boxed value, or null for {@code NaN}
     */
    public static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /**
     * Boxes each entry with {@link #orNull(double)}.
     *
     * @param values values, {@code NaN} for "none"
     * @return a list of the same length with {@code null} in place of each {@code NaN}
     */
    public static List<Double> orNulls(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(orNull(v));
        }
        return out;
    }

    private static void checkWritable(String key, Object value) {
        // the numbers written without loss: the primitive wrappers (a BigDecimal went through longValue(): 1.5 was
        // written 1; review of 2026-12-07)
        boolean number = value instanceof Double || value instanceof Float || value instanceof Long
                || value instanceof Integer || value instanceof Short || value instanceof Byte;
        if (value == null || value instanceof Boolean || number || value instanceof CharSequence
                || value instanceof double[] || value instanceof int[] || value instanceof long[]
                || value instanceof Json) {
            return;
        }
        if (value instanceof List<?>) {
            for (Object item : (List<?>) value) {
                checkWritable(key, item);
            }
            return;
        }
        if (value instanceof Map<?, ?>) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                Arguments.check(e.getKey() instanceof String, key + ".key", e.getKey(), "a String key");
                checkWritable(key, e.getValue());
            }
            return;
        }
        throw Arguments.fail(key, value.getClass().getName(),
                "null, Boolean, Double, Float, Long, Integer, Short, Byte, String, double[], int[], long[], List,"
                        + " Map or Json");
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(number(((Number) value).doubleValue()));
        } else if (value instanceof Number) {
            out.append(((Number) value).longValue());
        } else if (value instanceof CharSequence) {
            string(out, value.toString());
        } else if (value instanceof double[]) {
            double[] a = (double[]) value;
            array(out, a.length, i -> number(a[i]));
        } else if (value instanceof int[]) {
            int[] a = (int[]) value;
            array(out, a.length, i -> Integer.toString(a[i]));
        } else if (value instanceof long[]) {
            long[] a = (long[]) value;
            array(out, a.length, i -> Long.toString(a[i]));
        } else if (value instanceof List<?>) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                out.append(first ? "" : ", ");
                write(out, item);
                first = false;
            }
            out.append(']');
        } else if (value instanceof Json) {
            writeMembers(out, ((Json) value).members);
        } else {
            writeMembers(out, (Map<?, ?>) value);
        }
    }

    private static void array(StringBuilder out, int length, IntFunction<String> item) {
        out.append('[');
        for (int i = 0; i < length; i++) {
            out.append(i == 0 ? "" : ", ").append(item.apply(i));
        }
        out.append(']');
    }

    private static void writeMembers(StringBuilder out, Map<?, ?> members) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : members.entrySet()) {
            out.append(first ? "" : ", ");
            string(out, (String) e.getKey());
            out.append(": ");
            write(out, e.getValue());
            first = false;
        }
        out.append('}');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
