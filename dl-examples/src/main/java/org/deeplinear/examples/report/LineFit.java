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
     * Fits a line through the points whose {@code y} is finite (NaN marks a missing value).
     *
     * @param x abscissae
     * @param y ordinates, as many as {@code x}; NaN entries are skipped
     * @return the fit
     * @throws IllegalArgumentException if fewer than two points remain or all their x are equal
     */
    public static LineFit of(double[] x, double[] y) {
        Arguments.notNull("x", x);
        Arguments.notNull("y", y);
        Arguments.check(x.length == y.length, "y.length", y.length, x.length + " (as many as x)");
        int n = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                n++;
                mx += x[i];
                my += y[i];
            }
        }
        Arguments.check(n >= 2, "points", n, "at least two points with a finite y");
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                sxx += (x[i] - mx) * (x[i] - mx);
                sxy += (x[i] - mx) * (y[i] - my);
            }
        }
        Arguments.check(sxx > 0, "x", "all equal", "at least two distinct abscissae");
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double sse = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                double r = y[i] - intercept - slope * x[i];
                sse += r * r;
            }
        }
        double error = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : Double.NaN;
        return new LineFit(slope, intercept, error, n);
    }
}
