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
        Arguments.allFinite("x", x);
        Arguments.notNull("y", y);
        Arguments.check(x.length == y.length, "y.length", y.length, x.length + " (as many as x)");
        int n = 0;
        double largestX = 0;
        double largestY = 0;
        for (int i = 0; i < y.length; i++) {
            Arguments.check(!Double.isInfinite(y[i]), "y[" + i + "]", y[i], "a finite value or NaN (a missing value)");
            if (!Double.isNaN(y[i])) {
                n++;
                largestX = Math.max(largestX, Math.abs(x[i]));
                largestY = Math.max(largestY, Math.abs(y[i]));
            }
        }
        Arguments.check(n >= 2, "points", n, "at least two points with a finite y");
        Arguments.check(largestX > 0, "x", "all equal", "at least two distinct abscissae");
        // u = x / 2^ex and v = y / 2^ey lie in (-2, 2): exact scalings (powers of two), undone at the end
        int ex = Math.getExponent(largestX);
        int ey = largestY > 0 ? Math.getExponent(largestY) : 0;
        double mu = 0;
        double mv = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                mu += Math.scalb(x[i], -ex);
                mv += Math.scalb(y[i], -ey);
            }
        }
        mu /= n;
        mv /= n;
        double suu = 0;
        double suv = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                double du = Math.scalb(x[i], -ex) - mu;
                suu += du * du;
                suv += du * (Math.scalb(y[i], -ey) - mv);
            }
        }
        Arguments.check(suu > 0, "x", "all equal", "at least two distinct abscissae");
        double b = suv / suu;
        double a = mv - b * mu;
        double sse = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                double r = Math.scalb(y[i], -ey) - a - b * Math.scalb(x[i], -ex);
                sse += r * r;
            }
        }
        double error = n > 2 ? Math.scalb(Math.sqrt(sse / (n - 2) / suu), ey - ex) : Double.NaN;
        return new LineFit(Math.scalb(b, ey - ex), Math.scalb(a, ey), error, n);
    }
}
