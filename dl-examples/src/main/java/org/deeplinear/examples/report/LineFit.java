package org.deeplinear.examples.report;

import org.deeplinear.core.Arguments;

/**
 * An ordinary least-squares line {@code y = intercept + slope x}, with the standard error of the slope.
 *
 * @param slope the fitted slope
 * @param intercept the fitted intercept
 * @param slopeError the standard error of the slope ({@code NaN} with two points)
 * @param points how many points were fitted
 */
public record LineFit(double slope, double intercept, double slopeError, int points) {

    /**
     * Fits a line through the points whose {@code y} is not NaN (NaN marks a missing value). The fit is computed on
     * the values scaled by powers of two (exactly) to at most 2 in magnitude and centred on their means, so that
     * neither their sums nor their sums of squares overflow or underflow: the slope, intercept and error are finite
     * wherever they are representable as doubles.
     *
     * @param x abscissae, all finite
     * @param y ordinates, as many as {@code x}, each finite or NaN; NaN entries are skipped
     * @return the fit
     * @throws IllegalArgumentException if an argument is null, the lengths differ, an {@code x} is not finite, a
     *                                  {@code y} is infinite (each named with its index and value), fewer than two
     *                                  points remain or all their x are equal
     */
    public static LineFit of(double[] x, double[] y) {
        return fit(x, y, null);
    }

    /**
     * Fits lines of one slope and one intercept per group ({@code y = intercept_g + slope x}, least squares: each
     * group's values centred on its own means), through the points whose {@code y} is not NaN: a slope measured
     * within groups whose offsets differ, as the sweep's draws do (THEORY.md: the offset depends on the draw, test
     * the slope). The standard error counts one intercept per group among the parameters ({@code n - G - 1} degrees
     * of freedom for {@code G} groups): the draws' offsets are not noise (a single line through all of them counted
     * them as such, 60 to 80 times the error, and its slope took up the offsets of the draws a missing run made
     * unequal; review of 2026-12-08). {@link #intercept()} is the mean intercept, {@code mean(y) - slope mean(x)}.
     * Scaled and centred as {@link #of}.
     *
     * @param x      abscissae, all finite
     * @param y      ordinates, as many as {@code x}, each finite or NaN; NaN entries are skipped
     * @param groups each point's group, as many as {@code x}, each {@code >= 0} (any ids)
     * @return the fit; its error is NaN with no more points than groups plus one
     * @throws IllegalArgumentException as {@link #of}, with all x equal within every group, or a group negative
     */
    public static LineFit withGroupIntercepts(double[] x, double[] y, int[] groups) {
        Arguments.notNull("y", y);
        Arguments.notNull("groups", groups);
        Arguments.check(groups.length == y.length, "groups.length", groups.length, y.length + " (as many as y)");
        for (int i = 0; i < groups.length; i++) {
            Arguments.check(groups[i] >= 0, "groups[" + i + "]", groups[i], "a group >= 0");
        }
        // numbered 0, 1, ... in the order of their ids, so that the sums take one slot per group, whatever the ids
        // (the draws of the runs that finished; an id beyond the points sized an array by it: review of 2026-12-08)
        int[] ids = java.util.Arrays.stream(groups).distinct().sorted().toArray();
        int[] dense = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            dense[i] = java.util.Arrays.binarySearch(ids, groups[i]);
        }
        return fit(x, y, dense);
    }

    /** The fit of {@link #of} ({@code groups} null: one group) or {@link #withGroupIntercepts}. */
    private static LineFit fit(double[] x, double[] y, int[] groups) {
        Arguments.allFinite("x", x);
        Arguments.notNull("y", y);
        Arguments.check(x.length == y.length, "y.length", y.length, x.length + " (as many as x)");
        int n = 0;
        int groupCount = 1;
        double largestX = 0;
        double largestY = 0;
        for (int i = 0; i < y.length; i++) {
            Arguments.check(!Double.isInfinite(y[i]), "y[" + i + "]", y[i], "a finite value or NaN (a missing value)");
            if (!Double.isNaN(y[i])) {
                n++;
                largestX = Math.max(largestX, Math.abs(x[i]));
                largestY = Math.max(largestY, Math.abs(y[i]));
                if (groups != null) {
                    groupCount = Math.max(groupCount, groups[i] + 1);
                }
            }
        }
        Arguments.check(n >= 2, "points", n, "at least two points with a finite y");
        // u = x / 2^ex and v = y / 2^ey lie in (-2, 2): exact scalings (powers of two), undone at the end
        int ex = Math.getExponent(largestX);
        int ey = largestY > 0 ? Math.getExponent(largestY) : 0;
        double[] mu = new double[groupCount];
        double[] mv = new double[groupCount];
        int[] count = new int[groupCount];
        double allU = 0;
        double allV = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                int g = groups == null ? 0 : groups[i];
                mu[g] += Math.scalb(x[i], -ex);
                mv[g] += Math.scalb(y[i], -ey);
                count[g]++;
            }
        }
        int used = 0;
        for (int g = 0; g < groupCount; g++) {
            if (count[g] > 0) {
                allU += mu[g];
                allV += mv[g];
                mu[g] /= count[g];
                mv[g] /= count[g];
                used++;
            }
        }
        double suu = 0;
        double suv = 0;
        // distinct abscissae decided on the values themselves: three equal x of 0.1 left a spread of rounding about
        // their mean, and a slope 0 of error 5.9e16 (review of 2026-12-08)
        double[] first = new double[groupCount];
        java.util.Arrays.fill(first, Double.NaN);
        boolean distinct = false;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                int g = groups == null ? 0 : groups[i];
                double du = Math.scalb(x[i], -ex) - mu[g];
                suu += du * du;
                suv += du * (Math.scalb(y[i], -ey) - mv[g]);
                if (Double.isNaN(first[g])) {
                    first[g] = x[i];
                } else {
                    distinct |= x[i] != first[g];
                }
            }
        }
        Arguments.check(distinct && suu > 0, "x", "all equal" + (groups == null ? "" : " within every group"),
                "at least two distinct abscissae" + (groups == null ? "" : " in a group"));
        double b = suv / suu;
        double sse = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                int g = groups == null ? 0 : groups[i];
                double r = Math.scalb(y[i], -ey) - mv[g] - b * (Math.scalb(x[i], -ex) - mu[g]);
                sse += r * r;
            }
        }
        double a = allV / n - b * (allU / n);
        int freedom = n - used - 1;
        double error = freedom > 0 ? Math.scalb(Math.sqrt(sse / freedom / suu), ey - ex) : Double.NaN;
        return new LineFit(Math.scalb(b, ey - ex), Math.scalb(a, ey), error, n);
    }
}
