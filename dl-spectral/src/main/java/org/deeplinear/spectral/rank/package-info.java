/**
 * Effective ranks of a matrix from its singular values ({@link org.deeplinear.spectral.rank.EffectiveRanks}:
 * numerical rank at a threshold, stable rank {@code ||A||_F^2 / ||A||_2^2}, entropy effective rank of Roy and
 * Vetterli 2007) and their time series over a sequence of maps ({@link org.deeplinear.spectral.rank.RankSeries}),
 * which show the rank of a learned map climbing step by step.
 *
 * <pre>{@code
 * double[] sigmas = {2, 1, 1};
 * int rank = EffectiveRanks.numericalRank(sigmas, 0.5);   // 3
 * double stable = EffectiveRanks.stableRank(sigmas);      // (4 + 1 + 1) / 4 = 1.5
 * double entropy = EffectiveRanks.entropyRank(sigmas);    // 2^1.5
 * RankSeries series = RankSeries.of(times, spectra, 0.01 * sigmaMaxOfTarget);
 * // of m x n maps, counting only values above each map's rounding too (as ModeTracker.rankSeries() and
 * // dl simulate --ranks do: toward a zero target the threshold is 0, and rounding is no rank)
 * RankSeries ranks = RankSeries.of(times, spectra, 0.01, sigmaMaxOfTarget, m, n);
 * }</pre>
 */
package org.deeplinear.spectral.rank;
