package org.deeplinear.ode;

/**
 * Reference formulas of THEORY.md ("Aligned single modes"), written out for the tests in the forms given there
 * (rearranged only so that nothing overflows).
 */
final class ClosedForms {

    private ClosedForms() {
    }

    /**
     * Balanced logistic law, Saxe et al. 2014 Eq. 12: {@code s(t) = sigma e^{2 sigma t} / (e^{2 sigma t} - 1 +
     * sigma/s0)}, divided through by {@code e^{2 sigma t}}.
     */
    static double logistic(double sigma, double s0, double t) {
        return sigma / (1 + (sigma / s0 - 1) * Math.exp(-2 * sigma * t));
    }

    /** Inverse of the logistic law: {@code t = ln[s (sigma - s0) / (s0 (sigma - s))] / (2 sigma)}. */
    static double logisticTime(double sigma, double s0, double s) {
        return Math.log(s * (sigma - s0) / (s0 * (sigma - s))) / (2 * sigma);
    }

    /** Half-time of the logistic law, {@code ln(sigma/s0 - 1) / (2 sigma)}. */
    static double halfTime(double sigma, double s0) {
        return Math.log(sigma / s0 - 1) / (2 * sigma);
    }

    /**
     * lambda-balanced law, explicit form of THEORY.md: {@code K = sqrt(4 sigma^2 + lambda^2)},
     * {@code z+- = (2 sigma +- K)/|lambda|}, {@code z0 = 2 s0/|lambda| + sqrt(1 + 4 s0^2/lambda^2)},
     * {@code C = (z0 - z+)/(z0 - z-)}, {@code z(t) = (z+ - C z- e^{-K t}) / (1 - C e^{-K t})},
     * {@code s(t) = (|lambda|/4)(z - 1/z)}.
     */
    static double lambdaBalanced(double sigma, double lambda, double s0, double t) {
        double l = Math.abs(lambda);
        double k = Math.sqrt(4 * sigma * sigma + lambda * lambda);
        double zPlus = (2 * sigma + k) / l;
        double zMinus = (2 * sigma - k) / l;
        double z0 = 2 * s0 / l + Math.sqrt(1 + 4 * s0 * s0 / (lambda * lambda));
        double c = (z0 - zPlus) / (z0 - zMinus);
        double e = c * Math.exp(-k * t);
        double z = (zPlus - zMinus * e) / (1 - e);
        return l / 4 * (z - 1 / z);
    }
}
