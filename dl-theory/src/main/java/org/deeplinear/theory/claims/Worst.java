package org.deeplinear.theory.claims;

/**
 * Keeps the largest residual offered and its witness; a NaN residual is the worst of all (it is kept and
 * never replaced), so a claim never holds silently on NaN. A claim with nothing to compare does not hold
 * vacuously: {@link #verdict} then fails with an {@link IllegalArgumentException} that says what was missing.
 */
final class Worst {

    private double residual = 0;
    private Witness witness;
    private boolean offered;

    private final String needs;

    /**
     * A tracker.
     *
     * @param needs what the subject must offer for the claim to be checked, for the error message
     */
    Worst(String needs) {
        this.needs = needs;
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
        if (!offered) {
            throw new IllegalArgumentException("subject of \"" + claim + "\" = nothing to compare: expected "
                    + needs);
        }
        return Verdict.of(claim, residual, tolerance, witness, note);
    }
}
