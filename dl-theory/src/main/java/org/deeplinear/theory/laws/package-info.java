/**
 * The laws of single aligned modes as values: closed forms you can evaluate, invert and differentiate, and the
 * discrete maps that gradient descent induces on a mode.
 *
 * <p>A {@link org.deeplinear.theory.laws.ModeLaw} gives the value {@code s(t)} of one singular mode of a linear
 * network trained by gradient flow from {@code s0}, the time to reach a value (empty where the law never gets
 * there), the rate {@code ds/dt}, the half-time and the inflection. The laws are those of THEORY.md:
 * <ul>
 *   <li>{@link org.deeplinear.theory.laws.LogisticLaw}: balanced, depth 2, {@code ds/dt = 2|s|(sigma - s)};</li>
 *   <li>{@link org.deeplinear.theory.laws.OffTargetDecayLaw}: {@code sigma = 0}, any depth, algebraic decay;</li>
 *   <li>{@link org.deeplinear.theory.laws.LambdaBalancedLaw}: conserved imbalance {@code w^2 - u^2 = lambda},
 *       with the rich/lazy threshold {@code |lambda| < sigma/sqrt 2};</li>
 *   <li>{@link org.deeplinear.theory.laws.DepthBalancedLaw}: balanced depth {@code N},
 *       {@code ds/dt = N s^{2-2/N}(sigma - s)}, closed for {@code N = 2, 3, 4} and by quadrature beyond.</li>
 * </ul>
 * {@link org.deeplinear.theory.laws.GradientDescentMap} has the two maps of one descent step,
 * {@link org.deeplinear.theory.laws.WeightGradientMap} and {@link org.deeplinear.theory.laws.EulerGradientMap}:
 * orbits that stop (and say so) when they diverge, the stability of the fixed point, the 2-cycle, the divergence
 * threshold and the length of the plateau in steps.
 *
 * <p>Units: time in the flow's units ({@code t = eta * step}), values in the units of {@code sigma}. Every type is an
 * immutable, validated value: bad parameters get an {@link java.lang.IllegalArgumentException} that names them.
 * The evaluations avoid overflow and cancellation (see each class for its accuracy statement): they are within
 * {@code 1e-12} relative of 40-digit references wherever the problem is well conditioned.
 *
 * <pre>{@code
 * ModeLaw law = new LogisticLaw(2.0, 1e-6);          // sigma = 2, s0 = 1e-6
 * double tHalf = law.halfTime().orElseThrow();       // ln(sigma/s0 - 1) / (2 sigma)
 * double s = law.value(10.0);                        // ~ 2.0 (saturated)
 * double rate = law.rate(1.0);                       // 2 s (sigma - s) = 2.0
 * boolean rich = new LambdaBalancedLaw(2.0, 0.5, 1e-6).isRich();   // |lambda| < sigma / sqrt 2
 * GradientDescentMap.Orbit orbit = new WeightGradientMap(2.5, 1.0, 1e-3).iterate(500);   // eta sigma > 2
 * if (orbit.diverged()) {
 *     System.out.println("diverged at step " + orbit.divergedAtStep().getAsInt());   // 13 (run 2026-12-08)
 * }
 * }</pre>
 */
package org.deeplinear.theory.laws;
