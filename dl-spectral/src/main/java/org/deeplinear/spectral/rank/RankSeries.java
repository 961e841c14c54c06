package org.deeplinear.spectral.rank;

import org.deeplinear.core.Arguments;
import org.deeplinear.spectral.timeline.SampleChecks;

/**
 * The {@link EffectiveRanks effective ranks} of a sequence of maps {@code A(t_j)} as time series: the numerical
 * rank at a fixed absolute threshold (typically a tolerance times {@code sigma_max(A*)}), the stable rank and the
 * entropy effective rank. Immutable; accessors return copies.
 */
public final class RankSeries {

    private final double threshold;
    private final double[] times;
    private final int[] numerical;
    private final double[] stable;
    private final double[] entropy;

    private RankSeries(double threshold, double[] times, int[] numerical, double[] stable, double[] entropy) {
        this.threshold = threshold;
        this.times = times;
        this.numerical = numerical;
        this.stable = stable;
        this.entropy = entropy;
    }

    /**
     * The ranks of a sequence of spectra.
     *
     * @param times          the sample times, finite and strictly increasing (not modified)
     * @param singularValues {@code singularValues[j]}: the singular values of {@code A(t_j)}, finite and
     *                       {@code >= 0}, in any order (not modified)
     * @param threshold      the absolute threshold of the numerical rank, finite and {@code >= 0}
     * @return the series
     * @throws IllegalArgumentException if an argument is null, the times are not strictly increasing, there is not
     *                                  one spectrum per time, or a spectrum is null or a singular value is negative
     *                                  or not finite (the message names it, {@code singularValues[j][i]}, and the
     *                                  sample's time)
     */
    public static RankSeries of(double[] times, double[][] singularValues, double threshold) {
        Arguments.nonNegative("threshold", threshold);
        return of(times, singularValues, threshold, 1.0);
    }

    /**
     * The ranks of a sequence of spectra, the numerical rank at a relative threshold {@code tolerance * scale}
     * (a tolerance times {@code sigma_max(A*)}), compared exactly ({@link EffectiveRanks#numericalRank(double[],
     * double, double)}): where the product passes the largest double no value exceeds it, the numerical rank is 0
     * and {@link #threshold()} is infinite.
     *
     * @param times          the sample times, finite and strictly increasing (not modified)
     * @param singularValues {@code singularValues[j]}: the singular values of {@code A(t_j)}, finite and
     *                       {@code >= 0}, in any order (not modified)
     * @param tolerance      the relative tolerance, finite and {@code >= 0}
     * @param scale          what it is relative to, finite and {@code >= 0}
     * @return the series
     * @throws IllegalArgumentException if an argument is null, the times are not strictly increasing, there is not
     *                                  one spectrum per time, the tolerance or the scale is negative or not finite,
     *                                  or a spectrum is null or a singular value is negative or not finite (the
     *                                  message names it, {@code singularValues[j][i]}, and the sample's time)
     */
    public static RankSeries of(double[] times, double[][] singularValues, double tolerance, double scale) {
        return build(times, singularValues, tolerance, scale, 0, 0);
    }

    /**
     * The ranks of a sequence of {@code rows x cols} maps' spectra, the numerical rank counting the values above a
     * relative threshold and above each map's rounding, as {@link EffectiveRanks#numericalRank(double[], double,
     * double, int, int)} (what {@code ModeTracker.rankSeries()} and {@code dl simulate --ranks} count): the two
     * differ only where the threshold is below the rounding, toward a zero target or on a diverged map.
     *
     * @param times          the sample times, finite and strictly increasing (not modified)
     * @param singularValues {@code singularValues[j]}: the singular values of {@code A(t_j)}, finite and
     *                       {@code >= 0}, in any order (not modified)
     * @param tolerance      the relative tolerance, finite and {@code >= 0}
     * @param scale          what it is relative to, finite and {@code >= 0}
     * @param rows           the maps' rows, at least 1
     * @param cols           the maps' columns, at least 1
     * @return the series
     * @throws IllegalArgumentException as {@link #of(double[], double[][], double, double)}, or if a size is below 1
     */
    public static RankSeries of(double[] times, double[][] singularValues, double tolerance, double scale, int rows,
            int cols) {
        Arguments.atLeast("rows", rows, 1);
        Arguments.atLeast("cols", cols, 1);
        return build(times, singularValues, tolerance, scale, rows, cols);
    }

    /** The series, counting only values above the maps' rounding too unless {@code rows} is 0. */
    private static RankSeries build(double[] times, double[][] singularValues, double tolerance, double scale,
            int rows, int cols) {
        SampleChecks.requireIncreasing("times", times);
        Arguments.notNull("singularValues", singularValues);
        Arguments.check(singularValues.length == times.length, "singularValues.length", singularValues.length,
                times.length + " spectra, one per sample time");
        Arguments.nonNegative("tolerance", tolerance);
        Arguments.nonNegative("scale", scale);
        int count = times.length;
        int[] numerical = new int[count];
        double[] stable = new double[count];
        double[] entropy = new double[count];
        for (int j = 0; j < count; j++) {
            double[] sigmas = singularValues[j];
            if (sigmas == null) {
                throw Arguments.fail("singularValues[" + j + "]", null, "a non-null value");
            }
            int i = EffectiveRanks.firstInvalid(sigmas);
            if (i >= 0) {
                throw Arguments.fail("singularValues[" + j + "][" + i + "]", sigmas[i] + " (sample " + j + ", t = "
                        + times[j] + ")", EffectiveRanks.EXPECTED);
            }
            // checked once above (the three ranks' own checks would run over the spectrum three more times)
            numerical[j] = rows == 0 ? EffectiveRanks.numericalRankOfChecked(sigmas, tolerance, scale)
                    : EffectiveRanks.numericalRankOfChecked(sigmas, tolerance, scale, rows, cols);
            stable[j] = EffectiveRanks.stableRankOfChecked(sigmas);
            entropy[j] = EffectiveRanks.entropyRankOfChecked(sigmas);
        }
        return new RankSeries(tolerance * scale, times.clone(), numerical, stable, entropy);
    }

    /**
     * The absolute threshold of the numerical rank (for a relative one, {@code tolerance * scale} rounded; the
     * comparison itself is exact).
     *
     * @return the threshold; infinite where {@code tolerance * scale} passes the largest double
     */
    public double threshold() {
        return threshold;
    }

    /**
     * The number of samples.
     *
     * @return at least 1
     */
    public int samples() {
        return times.length;
    }

    /**
     * The sample times.
     *
     * @return a copy
     */
    public double[] times() {
        return times.clone();
    }

    /**
     * The numerical rank at each sample: how many singular values exceed the exact {@code tolerance * scale}
     * (for {@link #of(double[], double[][], double)}, the threshold itself). Not always how many exceed
     * {@link #threshold()}, its rounding: a value equal to a product rounded up counts
     * ({@code of({0}, {{0.30000000000000004}}, 0.1, 3)} has rank 1 and threshold 0.30000000000000004).
     *
     * @return a copy
     */
    public int[] numerical() {
        return numerical.clone();
    }

    /**
     * The stable rank at each sample, {@code ||A||_F^2 / ||A||_2^2} (0 where {@code A = 0}).
     *
     * @return a copy
     */
    public double[] stable() {
        return stable.clone();
    }

    /**
     * The entropy effective rank at each sample (0 where {@code A = 0}).
     *
     * @return a copy
     */
    public double[] entropy() {
        return entropy.clone();
    }
}
