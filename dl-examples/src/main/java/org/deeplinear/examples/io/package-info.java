/**
 * Reading and writing the files of the {@code dl} program: matrices as CSV (as the NumPy peer's
 * {@code --save-init} writes them) and a problem's start as a directory of them ({@code InitDirectory}, read by
 * {@code --init-dir}, written by {@code --save-init}), tables as CSV with a header, and one-line JSON objects with
 * round-trip doubles.
 *
 * <pre>{@code
 * Matrix a = Csv.readMatrix(Path.of("init/A_star.csv"));
 * System.out.println(Json.object().put("sigma", 2.0).put("t_half", (Double) null).toJson());
 * }</pre>
 */
package org.deeplinear.examples.io;
