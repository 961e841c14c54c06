package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * {@link AlignedBasis#diagonal}: both of its loops (down the columns below {@link AlignedBasis#ROW_PASS_FROM}
 * pairs, one pass over the rows from there) give {@code u_i^T X e_i} as its definition's sum in row order, to the
 * bit, and within the dot product's rounding bound of the exact value.
 */
class AlignedBasisTest {

    private static final int ROWS = 24;

    @Test
    void bothLoopsSumEachModeInRowOrderWithinTheDotProductsBound() {
        // a 24 x 20 target has 20 pairs: counts on both sides of the switch, and every pair
        Target target = Target.random(ROWS, 20, new double[] {3.0, 2.0, 1.0}, Seed.of(211));
        int[] counts = {1, AlignedBasis.ROW_PASS_FROM - 1, AlignedBasis.ROW_PASS_FROM, 20};
        Random random = new Random(212);
        for (int count : counts) {
            AlignedBasis basis = new AlignedBasis(target, count);
            double[] left = basis.left();
            double[] x = new double[ROWS * count];
            for (int e = 0; e < x.length; e++) {
                x[e] = random.nextGaussian() * Math.scalb(1.0, random.nextInt(21) - 10);
            }
            double[] out = new double[count + 1];
            out[count] = 42.0;
            basis.diagonal(x, out);
            assertEquals(42.0, out[count], "entries past q are untouched (q = " + count + ")");
            for (int i = 0; i < count; i++) {
                double inOrder = 0;
                BigDecimal exact = BigDecimal.ZERO;
                double magnitude = 0;
                for (int r = 0; r < ROWS; r++) {
                    double u = left[r * count + i];
                    double v = x[r * count + i];
                    inOrder += u * v;
                    exact = exact.add(new BigDecimal(u).multiply(new BigDecimal(v)));
                    magnitude += Math.abs(u * v);
                }
                String what = "q = " + count + ", mode " + i;
                // the definition's sum, term by term in row order: the same operations, so the same bits
                assertEquals(Double.doubleToLongBits(inOrder), Double.doubleToLongBits(out[i]), what);
                // a recursive sum of ROWS products is within gamma_ROWS * sum |u_r x_r| of the exact value
                // (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., eq. 3.5), gamma_k = k u / (1 - k u)
                double unit = Math.ulp(1.0) / 2;
                double bound = ROWS * unit / (1 - ROWS * unit) * magnitude;
                double error = Math.abs(exact.subtract(new BigDecimal(out[i])).round(MathContext.DECIMAL64)
                        .doubleValue());
                assertTrue(error <= bound, what + ": error " + error + " above the bound " + bound);
            }
        }
    }

    @Test
    void aUnitEntryGivesOneEntryOfTheBasis() {
        // X = e_0 e_0^T: mode 0 is u_0[0] exactly, every other mode exactly 0 (a loop that mixes modes or rows fails)
        Target target = Target.random(ROWS, 20, new double[] {3.0, 2.0, 1.0}, Seed.of(213));
        for (int count : new int[] {AlignedBasis.ROW_PASS_FROM - 1, AlignedBasis.ROW_PASS_FROM}) {
            AlignedBasis basis = new AlignedBasis(target, count);
            double[] x = new double[ROWS * count];
            x[0] = 1.0;
            double[] out = new double[count];
            basis.diagonal(x, out);
            assertEquals(basis.left()[0], out[0], 0.0, "q = " + count);
            for (int i = 1; i < count; i++) {
                assertEquals(0.0, out[i], 0.0, "q = " + count + ", mode " + i);
            }
        }
    }
}
