/**
 * What the spectrum of a learned map does over time. A {@link org.deeplinear.spectral.ModeTracker} is fed the
 * maps {@code A(t_j)} of any trajectory (it does not know where they come from) and measures, per sample, the
 * aligned coordinates {@code s_i = u_i^T A v_i} in the target's bases and their coupling (the share of {@code A} off
 * them, its part outside the target's bases included), the singular modes of {@code A} tracked across samples
 * (identities kept through crossings, signs kept continuous, close values reported as
 * {@link org.deeplinear.spectral.Ambiguity ambiguities} instead of guessed; a first sample's close values take the
 * basis closest to the target's, and the vectors a map leaves undefined, of its zero values on the long side of a
 * non-square map, are continued from the previous sample's), the cosines of each
 * tracked mode with the target's modes, the effective ranks and the loss. Its results are immutable snapshots:
 * {@link org.deeplinear.spectral.TrackedModes}, {@link org.deeplinear.spectral.AlignedSeries},
 * {@link org.deeplinear.spectral.rank.RankSeries}, {@link org.deeplinear.spectral.timeline.ActivationTimeline}
 * and {@link org.deeplinear.spectral.timeline.Plateau plateaus}.
 *
 * <pre>{@code
 * Target target = Target.random(32, 32, new double[] {4, 3, 2, 1}, Seed.of(7));
 * ModeTracker tracker = new ModeTracker(target, TrackerSettings.defaults().withRankTolerance(0.05));
 * for (int j = 0; j < times.length; j++) {
 *     tracker.add(times[j], maps[j]);            // any sequence of m x n maps with increasing times
 * }
 * double[] sigma0 = tracker.trackedModes().singularValues(0);
 * double[] cos00 = tracker.trackedModes().alignments(0, 0);   // tracked mode 0 (the first sample's largest)
 *                                                             // against target mode 0 over time
 * int[] order = tracker.activationTimeline(0.5).learningOrder();
 * }</pre>
 *
 * <p>The analyses of the sub-packages {@code rank} and {@code timeline} work on plain arrays too, so that series
 * recorded elsewhere (an integrator's observers) can be analysed without a tracker. Where only the spectrum is needed
 * (effective ranks), {@link org.deeplinear.spectral.SingularValues} gives a map's singular values without the vectors
 * a tracker computes to follow the modes, several times faster ({@code dl simulate --ranks} uses it).
 */
package org.deeplinear.spectral;
