/**
 * The map a network learns: the {@link org.deeplinear.core.target.Target} {@code A*} (m x n), its
 * {@link org.deeplinear.core.target.Spectrum} {@code A* = sum_i sigma_i u_i v_i^T} (computed once, sorted
 * descending), and the {@link org.deeplinear.core.target.AlignedCoordinates} of any map in the target's singular
 * bases, {@code P = U*^T A V*}, whose diagonal holds the aligned modes {@code s_i}.
 *
 * <pre>{@code
 * Target target = Target.random(32, 32, new double[] {4, 3, 2, 1}, Seed.of(7));
 * double sigma1 = target.spectrum().sigma(0);                         // 4.0
 * AlignedCoordinates p = AlignedCoordinates.of(target, someMap);
 * double s1 = p.mode(0), coupling = p.coupling();
 * }</pre>
 */
package org.deeplinear.core.target;
