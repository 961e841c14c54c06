package org.deeplinear.theory.generators;

import java.util.Random;

/** The random draws shared by the recipes. */
final class Draws {

    private Draws() {
    }

    /** Uniform integer in [low, high]. */
    static int integer(Random random, int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    /** Log-uniform in [low, high], {@code 0 < low <= high}. */
    static double logUniform(Random random, double low, double high) {
        if (low == high) {
            return low;
        }
        double x = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        return Math.min(high, Math.max(low, x));
    }

    /**
     * Uniform in [low, high], for any finite {@code low <= high}: where {@code high - low} passes the largest double
     * (the audit of 2026-12-07: [-MAX, MAX] drew infinities and NaN), the draw is made on the halved range and
     * doubled, both exact at that scale. Elsewhere {@code low + u (high - low)}, the same bits as before.
     */
    static double uniform(Random random, double low, double high) {
        if (low == high) {
            return low;
        }
        double u = random.nextDouble();
        double width = high - low;
        double x = Double.isFinite(width) ? low + u * width : 2 * (0.5 * low + u * (0.5 * high - 0.5 * low));
        return Math.min(high, Math.max(low, x));
    }

    /** A double as a Java literal that reads back to the same bits. */
    static String literal(double x) {
        return Double.toString(x);
    }
}
