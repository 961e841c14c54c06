/**
 * Reading and writing the files of the {@code dl} program: matrices as CSV (as the NumPy peer's
 * {@code --save-init} writes them), tables as CSV with a header, and one-line JSON objects with round-trip doubles.
 *
 * <pre>{@code
 * Matrix a = Csv.readMatrix(Path.of("init/A_star.csv"));
 * System.out.println(Json.object().put("sigma", 2.0).put("t_half", (Double) null).toJson());
 * }</pre>
 */
package org.deeplinear.examples.io;
