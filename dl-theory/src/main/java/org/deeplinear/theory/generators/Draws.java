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

    /** Uniform in [low, high]. */
    static double uniform(Random random, double low, double high) {
        return low == high ? low : low + random.nextDouble() * (high - low);
    }

    /** A double as a Java literal that reads back to the same bits. */
    static String literal(double x) {
        return Double.toString(x);
    }
}
