/**
 * The verification report of {@code dl report}: every claim of dl-theory run on documented cases, the verdicts in
 * {@code report.md}, and PNG plots (XChart) each with the CSV behind it.
 *
 * <pre>{@code
 * Plot.titled("Off-target decay", "t", "s(t)").line("simulated", t, s).dashed("s0/(1 + 2 s0 t)", t, law)
 *         .write(Path.of("outputs"), "decay");
 * }</pre>
 */
package org.deeplinear.examples.report;
