package org.deeplinear.ode.observe;

import java.util.Arrays;
import org.deeplinear.core.Arguments;

/**
 * What one observer recorded: a table with one row per sample and {@link #width()} columns. Immutable.
 */
public final class Series {

    private final String name;
    private final int width;
    private final int size;
    private final double[] data; // row-major, size x width

    private Series(String name, int width, int size, double[] data) {
        this.name = name;
        this.width = width;
        this.size = size;
        this.data = data;
    }

    /**
     * A series from its rows.
     *
     * @param name     the observer's name
     * @param width    values per sample, at least 1
     * @param size     number of samples, at least 0
     * @param rowMajor at least {@code size * width} values, row-major (the first {@code size * width} are copied)
     * @return the series
     * @throws IllegalArgumentException if an argument is null, negative or too short
     */
    public static Series of(String name, int width, int size, double[] rowMajor) {
        Arguments.notNull("name", name);
        Arguments.atLeast("width", width, 1);
        Arguments.atLeast("size", size, 0);
        Arguments.notNull("rowMajor", rowMajor);
        long entries = (long) size * width;
        Arguments.check(entries <= Integer.MAX_VALUE, "size * width", entries, "at most " + Integer.MAX_VALUE
                + " entries (one array)");
        Arguments.check(rowMajor.length >= entries, "rowMajor.length", rowMajor.length,
                "at least size * width = " + entries);
        return new Series(name, width, size, Arrays.copyOf(rowMajor, (int) entries));
    }

    /**
     * The observer's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Values per sample.
     *
     * @return the width
     */
    public int width() {
        return width;
    }

    /**
     * Number of samples.
     *
     * @return the number of rows
     */
    public int size() {
        return size;
    }

    /**
     * One value.
     *
     * @param sample the sample, 0-based
     * @param column the column, 0-based
     * @return the value recorded
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double get(int sample, int column) {
        if (sample < 0 || sample >= size || column < 0 || column >= width) {
            throw new IndexOutOfBoundsException("(" + sample + ", " + column + ") outside " + size + " x " + width);
        }
        return data[sample * width + column];
    }

    /**
     * One column over all samples (for a scalar observer, the whole series).
     *
     * @param column the column, 0-based
     * @return a new array of {@link #size()} values
     */
    public double[] column(int column) {
        if (column < 0 || column >= width) {
            throw new IndexOutOfBoundsException("column " + column + " outside 0.." + (width - 1));
        }
        double[] out = new double[size];
        for (int s = 0; s < size; s++) {
            out[s] = data[s * width + column];
        }
        return out;
    }

    /**
     * One sample's values.
     *
     * @param sample the sample, 0-based
     * @return a new array of {@link #width()} values
     */
    public double[] row(int sample) {
        if (sample < 0 || sample >= size) {
            throw new IndexOutOfBoundsException("sample " + sample + " outside 0.." + (size - 1));
        }
        return Arrays.copyOfRange(data, sample * width, (sample + 1) * width);
    }

    @Override
    public String toString() {
        return "Series(" + name + ", " + size + " x " + width + ")";
    }
}
