package org.deeplinear.core.init;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.OrthonormalFrames;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;

/**
 * The library's initialisations. Every random one takes an explicit {@link Seed}; each draws with
 * {@link java.util.Random} in a documented order, so that the same seed gives the same bits. The elementary
 * functions used besides {@code sqrt} (which IEEE 754 rounds exactly) are {@link StrictMath}'s, whose results the
 * Java specification fixes, so the bits are also the same on every machine.
 */
public final class Initializations {

    private Initializations() {
    }

    /**
     * Small Gaussian: every entry of every layer i.i.d. {@code N(0, eps^2)}, drawn layer by layer from the
     * output layer {@code W_N} down to {@code W_1}, each row-major.
     *
     * @param eps  the scale, finite and {@code > 0}
     * @param seed the seed
     * @return the initialisation
     * @throws IllegalArgumentException if {@code eps <= 0} or not finite, or the seed is null
     */
    public static Initialization smallGaussian(double eps, Seed seed) {
        Arguments.positive("eps", eps);
        Seed.required("seed", seed);
        return (widths, target) -> {
            checkFits(widths, target);
            Random random = seed.newRandom();
            Matrix[] layers = new Matrix[widths.depth()];
            for (int j = widths.depth(); j >= 1; j--) {
                double[] data = new double[widths.rowsOf(j) * widths.colsOf(j)];
                for (int i = 0; i < data.length; i++) {
                    double draw = random.nextGaussian();
                    data[i] = eps * draw;
                    if (Double.isInfinite(data[i])) {
                        // a draw of a few units times an eps near the largest double (review of 2026-12-06: it
                        // was refused as W_2[0][6] = -Infinity)
                        throw Arguments.fail("eps", eps, "a scale whose Gaussian draws stay finite (W_" + j
                                + " drew " + draw + " standard deviations)");
                    }
                }
                layers[j - 1] = Matrix.fromRowMajor("W_" + j, widths.rowsOf(j), widths.colsOf(j), data);
            }
            return FactorChain.ofLayers(List.of(layers));
        };
    }

    /**
     * Aligned and balanced, for any depth: mode {@code i} of the target starts at {@code s_i = s0[i]}, every
     * layer carrying {@code |s0_i|^{1/N}} along the target's singular directions, all other modes at 0. Hidden
     * unit {@code i} carries mode {@code i}. The sign of {@code s0_i} goes on the input factor for two layers (as
     * {@link #aligned(double[], double[])} with every {@code lambda_i = 0}) and on the output layer for depth
     * above 2.
     *
     * @param s0 the initial aligned modes, finite, one per mode to start; at most {@code min_j d_j} and at most
     *           {@code min(m, n)} of them
     * @return the initialisation
     * @throws IllegalArgumentException if an entry is not finite or the array is empty
     */
    public static Initialization aligned(double[] s0) {
        Arguments.allFinite("s0", s0);
        Arguments.check(s0.length >= 1, "s0.length", 0, "at least one mode");
        return aligned(s0, new double[s0.length]);
    }

    /**
     * Aligned with per-mode imbalance, two layers: for each mode {@code i}, {@code W = sum_i w_i u_i e_i^T} and
     * {@code U = sum_i u'_i e_i v_i^T} with {@code w_i u'_i = s0_i} and {@code w_i^2 - u'_i^2 = lambda_i}, i.e.
     * {@code w_i^2 = (lambda_i + sqrt(lambda_i^2 + 4 s0_i^2)) / 2} ({@code w_i >= 0}, the sign of {@code s0_i} on
     * {@code u'_i}), computed without cancellation. For {@code s0_i = 0} and {@code lambda_i < 0} the mode is
     * carried by the input factor alone ({@code w_i = 0}, {@code u'_i = sqrt(-lambda_i)}). Depth above 2 needs
     * every {@code lambda_i = 0}.
     *
     * @param s0     the initial aligned modes, finite
     * @param lambda the per-mode imbalances {@code w^2 - u^2}, finite, as many as {@code s0}
     * @return the initialisation
     * @throws IllegalArgumentException if an entry is not finite or the lengths differ
     */
    public static Initialization aligned(double[] s0, double[] lambda) {
        double[] s = Arguments.allFinite("s0", s0).clone();
        double[] l = Arguments.allFinite("lambda", lambda).clone();
        Arguments.check(s.length >= 1, "s0.length", 0, "at least one mode");
        Arguments.check(l.length == s.length, "lambda.length", l.length, s.length + " (one per entry of s0)");
        return (widths, target) -> {
            checkFits(widths, target);
            int p = Math.min(widths.minWidth(), target.spectrum().size());
            Arguments.check(s.length <= p, "s0.length", s.length,
                    "at most min(smallest width, min(m, n)) = " + p + " modes");
            int depth = widths.depth();
            if (depth > 2) {
                for (int i = 0; i < l.length; i++) {
                    Arguments.check(l[i] == 0, "lambda[" + i + "]", l[i],
                            "0 for depth " + depth + " (per-mode imbalance is defined for two layers)");
                }
            }
            Spectrum spectrum = target.spectrum();
            double[][] layerValues = new double[depth][s.length]; // layerValues[j-1][i]: W_j's value on mode i
            for (int i = 0; i < s.length; i++) {
                if (depth == 2) {
                    double[] wu = twoLayerMode(s[i], l[i]);
                    double product = wu[0] * wu[1];
                    // within 2^-50 |s0| (about 4 ulps), or one unit of the subnormals for a subnormal s0, and not 0
                    double tolerance = Math.max(0x1p-50 * Math.abs(s[i]), Double.MIN_VALUE);
                    if (s[i] != 0 && (product == 0 || !(Math.abs(product - s[i]) <= tolerance))) {
                        // w u = s0 with w^2 - u^2 = lambda, but the smaller factor is below the normal doubles: it
                        // underflowed to 0 (s0 = 1e-300, lambda = -1e300: w = 1e-450), or to a subnormal that kept a
                        // few bits (s0 = 1e-300, lambda = -1e47: w = 4.9e-324, the mode 1.56e-300; review of dl-core,
                        // 2026-12-07); normal factors give w u within an ulp of s0 (rounding of a subnormal s0)
                        throw Arguments.fail("s0[" + i + "]", s[i], "a mode whose factors w u = s0, w^2 - u^2 = "
                                + "lambda[" + i + "] = " + l[i] + " are doubles that multiply back to s0 (the smaller,"
                                + " about |s0| / sqrt(|lambda|), is below the normal doubles: w u = " + product + ")");
                    }
                    layerValues[1][i] = wu[0];
                    layerValues[0][i] = wu[1];
                } else {
                    double magnitude = root(Math.abs(s[i]), depth);
                    for (int j = 0; j < depth; j++) {
                        layerValues[j][i] = magnitude;
                    }
                    layerValues[depth - 1][i] = Math.copySign(magnitude, s[i]);
                }
            }
            List<Matrix> layers = new ArrayList<>(depth);
            for (int j = 1; j <= depth; j++) {
                int rows = widths.rowsOf(j);
                int cols = widths.colsOf(j);
                double[] data = new double[rows * cols];
                for (int i = 0; i < s.length; i++) {
                    double value = layerValues[j - 1][i];
                    for (int r = 0; r < rows; r++) {
                        double left = j == depth ? spectrum.leftVectors().get(r, i) : (r == i ? 1.0 : 0.0);
                        if (left == 0) {
                            continue;
                        }
                        for (int c = 0; c < cols; c++) {
                            double right = j == 1 ? spectrum.rightVectors().get(c, i) : (c == i ? 1.0 : 0.0);
                            data[r * cols + c] += value * left * right;
                        }
                    }
                }
                layers.add(Matrix.fromRowMajor("W_" + j, rows, cols, data));
            }
            return FactorChain.ofLayers(layers);
        };
    }

    /**
     * The n-th root of {@code x >= 0} to about an ulp, over the whole range of doubles: {@code pow(x, 1.0 / n)}
     * with its exponent {@code 1.0 / n} rounded is off by about {@code delta |ln x|} relative ({@code delta} the
     * rounding of {@code 1 / n}: 10 ulps for x = 1e-30, n = 3, 100 for x = 1e-300, and n times that in the product
     * of n layers). Here x is scaled by a power of two
     * {@code 2^(n j)} to within {@code 2^(n/2)} of 1 (exact), its root from {@code pow} is corrected by one Newton
     * step {@code r (1 + (y / r^n - 1) / n)} with {@code y / r^n} formed by n divisions (kept in the normal range),
     * and scaled back by {@code 2^j}.
     *
     * @param x the radicand, finite and {@code >= 0}
     * @param n the index, at least 1
     * @return {@code x^(1/n)}
     */
    static double root(double x, int n) {
        if (x == 0 || n == 1) {
            return x;
        }
        int exponent = x >= Double.MIN_NORMAL ? Math.getExponent(x) : Math.getExponent(x * 0x1p54) - 54;
        // y = x 2^(-n j) with its exponent within n/2 of 0 (exact); for n past the exponent range, j = 0 (a j of -1
        // took a subnormal x past the largest double at n = 2049..2147: NaN; review of 2026-12-06)
        int j = n > 1074 ? 0 : (int) Math.round((double) exponent / n);
        double y = Math.scalb(x, -n * j);
        double r = StrictMath.pow(y, 1.0 / n);
        int lift = y < 1 ? 64 : 0;          // the quotients stay normal, also for a subnormal y
        double q = Math.scalb(y, lift);
        for (int k = 0; k < n; k++) {
            q /= r;
        }
        q = Math.scalb(q, -lift);
        r += r * ((q - 1) / n);
        return Math.scalb(r, j);
    }

    /**
     * The factor pair {@code (w, u)} of one aligned mode with {@code w u = s0} and {@code w^2 - u^2 = lambda},
     * {@code w >= 0} and the sign of {@code s0} on {@code u}. Neither {@code s0^2} nor {@code lambda^2} is formed,
     * so the pair is accurate to a few ulps (relative to {@code w^2 + u^2 = sqrt(lambda^2 + 4 s0^2)}) over the
     * whole range of doubles, tiny and huge values included, and no difference of like quantities cancels.
     *
     * @param s0     the mode's value, finite
     * @param lambda the imbalance {@code w^2 - u^2}, finite
     * @return {@code {w, u}}
     */
    static double[] twoLayerMode(double s0, double lambda) {
        if (Math.abs(s0) > 0x1p1020 || Math.abs(lambda) > 0x1p1020) {
            // w^2 or u^2 may pass the largest double although w and u do not: the pair of (s0, lambda) / 4, doubled
            double[] quarter = twoLayerMode(0.25 * s0, 0.25 * lambda);
            return new double[] {2 * quarter[0], 2 * quarter[1]};
        }
        if (Math.abs(s0) < 0x1p-900 && Math.abs(lambda) < 0x1p-900 && (s0 != 0 || lambda != 0)) {
            // lambda / 2 may round or vanish (a subnormal lambda): the pair of (s0, lambda) 2^600, times 2^-300
            double[] lifted = twoLayerMode(0x1p600 * s0, 0x1p600 * lambda);
            return new double[] {0x1p-300 * lifted[0], 0x1p-300 * lifted[1]};
        }
        // half the root sqrt(lambda^2 + 4 s0^2): neither it nor 2 s0 is formed (w^2 = lambda / 2 + that,
        // u^2 = that - lambda / 2)
        double halfRoot = StrictMath.hypot(0.5 * lambda, s0);
        if (lambda >= 0) {
            double w = Math.sqrt(0.5 * lambda + halfRoot); // a sum of terms >= 0
            return new double[] {w, w == 0 ? Math.copySign(0.0, s0) : s0 / w};
        }
        double magnitude = Math.sqrt(halfRoot - 0.5 * lambda); // |u|, a sum of terms > 0
        double w = magnitude == 0 ? 0.0 : Math.abs(s0) / magnitude;
        return new double[] {w, Math.copySign(magnitude, s0)};
    }

    /**
     * Balanced but not aligned, any depth: {@code W_j = R_j S R_{j-1}^T} with random orthonormal frames
     * {@code R_j} ({@code d_j x r}, {@code r = min_j d_j}) drawn from {@code R_0} up to {@code R_N}, and one
     * diagonal {@code S} with entries {@code scale * (0.5 + x)}, {@code x} uniform in [0, 1) drawn after the frames.
     * Then {@code W_{j+1}^T W_{j+1} = R_j S^2 R_j^T = W_j W_j^T} at every junction, to rounding.
     *
     * @param scale the size of the layers' singular values, finite and {@code > 0}
     * @param seed  the seed
     * @return the initialisation
     * @throws IllegalArgumentException if {@code scale <= 0} or not finite, or the seed is null
     */
    public static Initialization balanced(double scale, Seed seed) {
        Arguments.positive("scale", scale);
        Seed.required("seed", seed);
        return (widths, target) -> {
            checkFits(widths, target);
            Random random = seed.newRandom();
            int r = widths.minWidth();
            Matrix[] frames = new Matrix[widths.depth() + 1];
            for (int j = 0; j <= widths.depth(); j++) {
                frames[j] = OrthonormalFrames.random(widths.width(j), r, random);
            }
            double[] values = new double[r];
            for (int i = 0; i < r; i++) {
                values[i] = finiteValue(scale, 0.5 + random.nextDouble());
            }
            List<Matrix> layers = new ArrayList<>();
            for (int j = 1; j <= widths.depth(); j++) {
                layers.add(framed(frames[j], values, frames[j - 1], "W_" + j));
            }
            return FactorChain.ofLayers(layers);
        };
    }

    /**
     * lambda-balanced, two layers: {@code W^T W - U U^T = lambda I_k}. With a random k x k orthogonal {@code R},
     * {@code W = Q diag(w) R^T} and {@code U = R diag(u) V^T} with random orthonormal {@code Q}
     * (m x min(m, k)) and {@code V} (n x min(n, k)), where {@code w_i^2 - u_i^2 = lambda} and the smaller of each
     * pair is {@code scale * (0.5 + x)}, {@code x} uniform in [0, 1) (or 0 for the {@code k - min(m, k)} or
     * {@code k - min(n, k)} directions that the narrower factor has no room for).
     * Possible only if {@code m >= k} when {@code lambda > 0} ({@code W^T W} must have full rank k) and
     * {@code n >= k} when {@code lambda < 0}; {@code lambda = 0} is {@link #balanced}.
     * Draw order: {@code R}, {@code Q}, {@code V}, then the k values.
     *
     * @param lambda the imbalance, finite
     * @param scale  the size of the smaller factor's singular values, finite and {@code > 0}
     * @param seed   the seed
     * @return the initialisation
     * @throws IllegalArgumentException if a parameter is invalid; {@link Initialization#create} throws it if the
     *                                  widths cannot carry {@code lambda I} or, for {@code lambda != 0}, are not
     *                                  two layers ({@code lambda = 0} is {@link #balanced}, for any depth)
     */
    public static Initialization lambdaBalanced(double lambda, double scale, Seed seed) {
        Arguments.finite("lambda", lambda);
        Arguments.positive("scale", scale);
        Seed.required("seed", seed);
        if (lambda == 0) {
            return balanced(scale, seed);
        }
        return (widths, target) -> {
            checkFits(widths, target);
            Arguments.check(widths.depth() == 2, "depth", widths.depth(), "2 (lambda-balanced is defined for W U)");
            int m = widths.outputDimension();
            int k = widths.width(1);
            int n = widths.inputDimension();
            if (lambda > 0) {
                Arguments.check(m >= k, "widths", widths, "m >= k for lambda = " + lambda
                        + " > 0: W^T W = U U^T + lambda I must have full rank k, so W (m x k) needs m >= k");
            } else {
                Arguments.check(n >= k, "widths", widths, "n >= k for lambda = " + lambda
                        + " < 0: U U^T = W^T W - lambda I must have full rank k, so U (k x n) needs n >= k");
            }
            Random random = seed.newRandom();
            Matrix r = OrthonormalFrames.random(k, k, random);
            int wRank = Math.min(m, k);
            int uRank = Math.min(n, k);
            Matrix q = OrthonormalFrames.random(m, wRank, random);
            Matrix v = OrthonormalFrames.random(n, uRank, random);
            double[] w = new double[k];
            double[] u = new double[k];
            for (int i = 0; i < k; i++) {
                double factor = 0.5 + random.nextDouble();
                double small = finiteValue(scale, factor);
                if (lambda > 0) {
                    u[i] = i < uRank ? small : 0.0;
                    w[i] = StrictMath.hypot(u[i], Math.sqrt(lambda)); // sqrt(u^2 + lambda), no overflow in u^2
                } else {
                    w[i] = i < wRank ? small : 0.0;
                    u[i] = StrictMath.hypot(w[i], Math.sqrt(-lambda));
                }
                if (Double.isInfinite(w[i]) || Double.isInfinite(u[i])) {
                    throw Arguments.fail("scale", scale, "a scale whose singular values and sqrt(value^2 + |lambda|)"
                            + " stay finite (lambda = " + lambda + ")");
                }
            }
            Matrix outputLayer = framed(q, Arrays.copyOf(w, wRank), firstColumns(r, wRank), "W");
            Matrix inputLayer = framed(firstColumns(r, uRank), Arrays.copyOf(u, uRank), v, "U");
            return FactorChain.ofLayers(List.of(inputLayer, outputLayer));
        };
    }

    /**
     * A singular value {@code scale * factor} of the balanced initialisations, refused by {@code scale} where it
     * overflows (review of 2026-12-07: {@code balanced(1.5e308, seed)} was refused as {@code W_1[0][0] = Infinity},
     * which names a layer, not the parameter; {@link #smallGaussian} names its {@code eps} likewise).
     */
    private static double finiteValue(double scale, double factor) {
        double value = scale * factor;
        if (Double.isInfinite(value)) {
            throw Arguments.fail("scale", scale, "a scale whose singular values scale (0.5 + x), x uniform in [0, 1),"
                    + " stay finite (drew 0.5 + x = " + factor + ")");
        }
        return value;
    }

    /** {@code left diag(values) right^T}. */
    private static Matrix framed(Matrix left, double[] values, Matrix right, String name) {
        int rows = left.rows();
        int cols = right.rows();
        double[] data = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            for (int a = 0; a < rows; a++) {
                double la = values[i] * left.get(a, i);
                for (int b = 0; b < cols; b++) {
                    data[a * cols + b] += la * right.get(b, i);
                }
            }
        }
        return Matrix.fromRowMajor(name, rows, cols, data);
    }

    private static Matrix firstColumns(Matrix m, int count) {
        double[] data = new double[m.rows() * count];
        for (int a = 0; a < m.rows(); a++) {
            for (int c = 0; c < count; c++) {
                data[a * count + c] = m.get(a, c);
            }
        }
        return Matrix.fromRowMajor("frame", m.rows(), count, data);
    }

    private static void checkFits(Widths widths, Target target) {
        Arguments.notNull("widths", widths);
        Arguments.notNull("target", target);
        Arguments.check(widths.outputDimension() == target.rows() && widths.inputDimension() == target.cols(),
                "widths", widths, "output x input dimensions equal to the target's " + target.matrix().shape());
    }
}
