/**
 * When modes are learned, on plain arrays of samples: the {@link org.deeplinear.spectral.timeline.ActivationTimeline}
 * (the first time each aligned coordinate {@code s_i} reaches {@code f * sigma_i}, recorded or interpolated with
 * an error bound, the learning order and the gaps) and the {@link org.deeplinear.spectral.timeline.Plateaus
 * plateaus} of the loss, each set beside the best rank-r residual {@code 1/2 sum_{i >= r} sigma_i^2}.
 * {@link org.deeplinear.spectral.timeline.SampleChecks} validates the arrays.
 *
 * <pre>{@code
 * ActivationTimeline timeline = ActivationTimeline.detect(times, modes, target.spectrum().singularValues(), 0.5);
 * int[] order = timeline.learningOrder();                 // e.g. {0, 1, 2}: descending sigma
 * double t0 = timeline.activation(0).orElseThrow().time();
 * List<Plateau> plateaus = Plateaus.detect(times, loss, target.spectrum(), 0.02, 0.5);
 * }</pre>
 */
package org.deeplinear.spectral.timeline;
