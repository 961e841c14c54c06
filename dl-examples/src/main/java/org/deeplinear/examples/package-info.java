/**
 * Example programs that use deeplinear's public API the way a user would; each runs in seconds and prints what
 * it shows. Run one from the shaded jar:
 *
 * <pre>{@code
 * java -cp dl-examples/target/dl.jar org.deeplinear.examples.LogisticLawExample
 * }</pre>
 *
 * {@link org.deeplinear.examples.LogisticLawExample} (aligned modes against the logistic law),
 * {@link org.deeplinear.examples.LowRankSelectionExample} (modes learned in order, the rank staircase),
 * {@link org.deeplinear.examples.OffTargetDecayExample} (algebraic against exponential decay),
 * {@link org.deeplinear.examples.RichVsLazyExample} (the imbalance decides the regime),
 * {@link org.deeplinear.examples.DescentVsFlowExample} (step size, 2-cycles, divergence),
 * {@link org.deeplinear.examples.NarrowHiddenLayerExample} (only the top-k modes survive),
 * {@link org.deeplinear.examples.ReportExample} (the verification report from code). The {@code dl} program is
 * in {@link org.deeplinear.examples.cli}.
 */
package org.deeplinear.examples;
