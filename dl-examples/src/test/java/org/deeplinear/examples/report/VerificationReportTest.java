package org.deeplinear.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.deeplinear.theory.claims.Verdict;
import org.deeplinear.theory.claims.Witness;
import org.deeplinear.theory.laws.EulerGradientMap;
import org.deeplinear.theory.laws.WeightGradientMap;
import org.junit.jupiter.api.Test;

class VerificationReportTest {

    /**
     * The step found is the one where the simulated values leave the orbit most (review of the refutation tests,
     * 2026-12-07: the test compared the map's own orbit with itself at whatever step was returned, 0 at every one).
     * On the orbit itself every difference is 0 (the same computation) and the first step is reported; with step j
     * moved by 2e-9 and another step by -1e-9, every other difference still 0, step j is reported, for steps inside
     * the orbit and for its last.
     */
    @Test
    void mapCheckFindsTheStepWhereTheValuesLeaveTheOrbit() {
        WeightGradientMap map = new WeightGradientMap(0.5, 1, 0.01);
        double[] orbit = map.iterate(30).values();
        assertEquals(0, VerificationReport.worstMapStep(orbit, map));
        for (int j : new int[] {7, 23, 30}) {
            double[] simulated = orbit.clone();
            simulated[j] += 2e-9;
            simulated[(j + 11) % simulated.length] -= 1e-9;
            assertEquals(j, VerificationReport.worstMapStep(simulated, map), "step " + j + " moved");
        }
    }

    @Test
    void mapCheckRefutesTheEulerMapAsAModelOfWeightDescent() {
        // THEORY.md: the Euler map s' = s + 2 eta s (sigma - s) agrees with weight-level descent s' = s (1 + eta
        // (sigma - s))^2 only to O(eta^2): their difference per step is eta^2 s (sigma - s)^2. Reference: both orbits
        // (eta = 0.5, sigma = 1, s0 = 0.01) iterated in 50-digit decimals, and the step where they are farthest apart
        WeightGradientMap weight = new WeightGradientMap(0.5, 1, 0.01);
        double[] simulated = weight.iterate(30).values();
        EulerGradientMap euler = new EulerGradientMap(0.5, 1, 0.01);
        int k = VerificationReport.worstMapStep(simulated, euler);
        double deviation = Math.abs(simulated[k] - euler.iterate(30).value(k));
        MathContext digits = new MathContext(50);
        BigDecimal eta = new BigDecimal("0.5");
        BigDecimal w = new BigDecimal("0.01");
        BigDecimal e = w;
        BigDecimal farthest = BigDecimal.ZERO;
        int step = 0;
        for (int j = 1; j <= 30; j++) {
            BigDecimal factor = BigDecimal.ONE.add(eta.multiply(BigDecimal.ONE.subtract(w)), digits);
            w = w.multiply(factor.multiply(factor, digits), digits);
            e = e.add(new BigDecimal(2).multiply(eta).multiply(e).multiply(BigDecimal.ONE.subtract(e), digits), digits);
            BigDecimal gap = w.subtract(e, digits).abs();
            if (gap.compareTo(farthest) > 0) {
                farthest = gap;
                step = j;
            }
        }
        assertEquals(step, k);
        assertEquals(farthest.doubleValue(), deviation, 1e-12 * farthest.doubleValue(), "deviation at step " + k);
        assertTrue(deviation > 1e-3, "deviation " + deviation + " at step " + k);
    }

    @Test
    void divergedMapIsTheWorstStep() {
        // eta sigma = 4 > 2: the weight map escapes (THEORY.md), so its orbit ends before the simulated values
        double[] simulated = new double[20];
        java.util.Arrays.fill(simulated, 0.5);
        int k = VerificationReport.worstMapStep(simulated, new WeightGradientMap(4, 1, 0.5));
        assertTrue(k > 0 && k >= new WeightGradientMap(4, 1, 0.5).iterate(19).length(), "k = " + k);
    }

    @Test
    void theWorstOfSeveralRunsIsTheLargestViolatedResidual() {
        // (review) "|| v.violated()" let any later violated verdict replace the kept one, even a smaller residual
        Verdict held = verdict(1e-9);
        Verdict violatedLarge = verdict(0.5);
        Verdict violatedSmall = verdict(0.01);
        assertSame(violatedLarge, worstOf(held, violatedLarge, violatedSmall));
        assertSame(violatedLarge, worstOf(violatedSmall, violatedLarge, held));
        // a violated verdict beats one that holds, whatever their residuals (a NaN residual never holds)
        Verdict nan = verdict(Double.NaN);
        assertSame(nan, worstOf(violatedLarge, nan, violatedSmall));
        assertSame(violatedSmall, worstOf(held, violatedSmall, verdict(1e-10)));
        // between verdicts that hold, the larger residual
        assertSame(held, worstOf(verdict(1e-12), held, verdict(1e-10)));
    }

    /** The rerun line's directory is one shell word that is not read as a flag. */
    @Test
    void aDirectoryIsOneShellWord() {
        assertEquals("/tmp/out-1", VerificationReport.shellWord("/tmp/out-1"));
        assertEquals("'my report'", VerificationReport.shellWord("my report"));
        assertEquals("'it'\\''s'", VerificationReport.shellWord("it's"));
        assertEquals("./-x", VerificationReport.shellWord("-x"));
    }

    /** A verdict of tolerance 1e-8 with the given residual. */
    private static Verdict verdict(double residual) {
        return Verdict.of("claim", residual, 1e-8, Witness.of(residual, 0, "test"), "");
    }

    private static Verdict worstOf(Verdict... verdicts) {
        Verdict worst = null;
        for (Verdict v : verdicts) {
            worst = VerificationReport.worse(worst, v);
        }
        return worst;
    }
}
