package org.deeplinear.theory.claims;

/**
 * Keeps the largest residual offered and its witness; a NaN residual is the worst of all (it is kept and
 * never replaced), so a claim never holds silently on NaN.
 */
final class Worst {

    private double residual = 0;
    private Witness witness;
    private boolean offered;

    Worst(Witness initial) {
        this.witness = initial;
    }

    void offer(double candidate, Witness where) {
        if (Double.isNaN(residual)) {
            return;
        }
        if (!offered || Double.isNaN(candidate) || candidate > residual) {
            residual = candidate;
            witness = where;
            offered = true;
        }
    }

    double residual() {
        return residual;
    }

    Witness witness() {
        return witness;
    }

    Verdict verdict(String claim, double tolerance, String note) {
        return Verdict.of(claim, residual, tolerance, witness, note);
    }
}
