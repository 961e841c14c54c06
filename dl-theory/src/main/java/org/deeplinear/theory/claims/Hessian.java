package org.deeplinear.theory.claims;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Widths;
import org.deeplinear.core.model.GradientEngine;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackends;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Hessian of the loss in the flat parameters of a model (layers {@code W_1..W_N}, each row-major, the layout
 * of {@link GradientEngine}), assembled column by column from Hessian-vector products of the model's own
 * gradient, and its largest eigenvalue (the sharpness) by EJML's symmetric eigen-decomposition.
 *
 * <p>Along a line {@code x + t e_p} the gradient is a polynomial of degree {@code 2N - 1} in {@code t}, so the
 * central difference stencil with {@code N} points on each side, {@code (1/h) sum_j c_j (g(x + j h e_p) -
 * g(x - j h e_p))}, {@code c_j = (-1)^{j+1} (N!)^2 / (j (N-j)! (N+j)!)}, is exact for it: there is no truncation
 * error, only the rounding of the gradients, bounded (to first order) by
 * {@link #roundingBound()} {@code = 2 eps sum_j |c_j| max |g| / h} per entry, with {@code eps = 2^-52} times a
 * factor for the gradient's own rounding (reported with the Hessian). The step is
 * {@code h = 2^-4 max(||x||_max, sigma_max^(1/N))}, the scale of the parameters, or of a balanced minimum's factors
 * where they are smaller (1 where both are 0): the gradients' rounding is then of the order of the Hessian's entries
 * times {@code eps}, at every scale of the model.
 *
 * <p>Cost: {@code 2N P} gradient evaluations for {@code P} parameters, plus an {@code O(P^3)} eigen-decomposition;
 * meant for small models (P up to a few thousand).
 */
public final class Hessian {

    /**
     * The most parameters {@link #of} takes, 46,340: the Hessian's {@code P x P} entries are one array, at most
     * {@link Matrix#MAX_ENTRIES} of them. (Memory runs out well before: the matrix is held twice while it is made,
     * {@code 16 P^2} bytes, 2 GB at 11,600 parameters.)
     */
    public static final int MAX_PARAMETERS = (int) Math.sqrt(Matrix.MAX_ENTRIES);

    private final Matrix matrix;
    private final double roundingBound;

    private Hessian(Matrix matrix, double roundingBound) {
        this.matrix = matrix;
        this.roundingBound = roundingBound;
    }

    /**
     * The Hessian of a model's loss.
     *
     * @param model the model, of at most {@link #MAX_PARAMETERS} parameters
     * @return the Hessian, symmetrised {@code (H + H^T)/2}
     * @throws IllegalArgumentException if the model is null or has more than {@link #MAX_PARAMETERS} parameters
     *                                  (named {@code model.parameterCount}, before anything is allocated)
     */
    public static Hessian of(Model model) {
        Arguments.notNull("model", model);
        Widths widths = model.factors().widths();
        // (audit of 2026-12-07: p * p overflowed an int: 46,341 parameters gave NegativeArraySizeException, 65,536
        // an array of 0 entries written out of bounds)
        int parameters = widths.parameterCount();
        Arguments.check(parameters <= MAX_PARAMETERS, "model.parameterCount", parameters, "at most "
                + MAX_PARAMETERS + " parameters (the Hessian's P x P entries are one array of at most "
                + Matrix.MAX_ENTRIES + ")");
        int depth = widths.depth();
        GradientEngine engine = new GradientEngine(widths, model.target(), ProductBackends.preferred());
        double[] x = model.factors().toState();
        int p = x.length;
        // the step on the parameters' own scale: max(||x||_max, sigma_max^(1/N)), the size of a balanced minimum's
        // factors where x is smaller (numerics audit of 2026-12-07: with max(1, ||x||_max) a model of scale 1e-15
        // differenced its gradients 1/16 apart, where their rounding is 1e-18 against a sharpness of 1e-30)
        double scale = Math.pow(model.target().spectrum().sigmaMax(), 1.0 / depth);
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        double h = (scale > 0 && Double.isFinite(scale) ? scale : 1) / 16;
        double[] c = new double[depth + 1];
        double sumC = 0;
        for (int j = 1; j <= depth; j++) {
            c[j] = (j % 2 == 1 ? 1 : -1) * Math.exp(2 * logFactorial(depth) - Math.log(j) - logFactorial(depth - j)
                    - logFactorial(depth + j));
            sumC += Math.abs(c[j]);
        }
        double[] plus = new double[p];
        double[] minus = new double[p];
        double[] point = x.clone();
        double[] h2 = new double[p * p];
        double maxGradient = 0;
        for (int col = 0; col < p; col++) {
            for (int j = 1; j <= depth; j++) {
                point[col] = x[col] + j * h;
                engine.evaluate(point, plus);
                point[col] = x[col] - j * h;
                engine.evaluate(point, minus);
                point[col] = x[col];
                for (int row = 0; row < p; row++) {
                    // evaluate writes -gradient: (g+ - g-) = -(plus - minus)
                    h2[row * p + col] += c[j] * (minus[row] - plus[row]) / h;
                    maxGradient = Math.max(maxGradient, Math.max(Math.abs(plus[row]), Math.abs(minus[row])));
                }
            }
        }
        for (int r = 0; r < p; r++) {
            for (int s = r + 1; s < p; s++) {
                double mean = 0.5 * (h2[r * p + s] + h2[s * p + r]);
                h2[r * p + s] = mean;
                h2[s * p + r] = mean;
            }
        }
        // each gradient entry carries a relative rounding of about (terms in its sums) ulps
        double terms = 4.0 * depth * widths.parameterCount();
        double bound = 2 * terms * Math.ulp(1.0) * sumC * maxGradient / h;
        return new Hessian(Matrix.fromRowMajor("H", p, p, h2), bound);
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }

    /**
     * The Hessian matrix.
     *
     * @return the symmetric P x P matrix
     */
    public Matrix matrix() {
        return matrix;
    }

    /**
     * A first-order bound on the rounding error of each entry (the stencil itself is exact).
     *
     * @return the bound, in the Hessian's units
     */
    public double roundingBound() {
        return roundingBound;
    }

    /**
     * The eigenvalues, ascending, by EJML's symmetric eigen-decomposition.
     *
     * @return the P eigenvalues
     * @throws IllegalArgumentException if the decomposition does not converge
     */
    public double[] eigenvalues() {
        DMatrixRMaj a = matrix.toDMatrix();
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        Arguments.check(eig.decompose(a), "hessian", this, "a matrix whose symmetric eigen-decomposition converges");
        double[] values = new double[a.numRows];
        for (int i = 0; i < values.length; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(values);
        return values;
    }

    /**
     * The sharpness, the largest eigenvalue.
     *
     * @return {@code lambda_max(H)}
     */
    public double largestEigenvalue() {
        double[] values = eigenvalues();
        return values[values.length - 1];
    }

    @Override
    public String toString() {
        return "Hessian(" + matrix.shape() + ", rounding <= " + roundingBound + ")";
    }
}
