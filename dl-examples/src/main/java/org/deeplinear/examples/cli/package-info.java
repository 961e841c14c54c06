/**
 * The {@code dl} command-line program: {@code simulate}, {@code law}, {@code report} and {@code sweep}, built on
 * picocli. {@link org.deeplinear.examples.cli.Dl#execute} runs it in process with given output streams:
 *
 * <pre>{@code
 * StringWriter out = new StringWriter();
 * int code = Dl.execute(new PrintWriter(out), new PrintWriter(System.err),
 *         "law", "--law", "balanced", "--sigma", "2", "--s0", "1e-3", "--t", "0,1,2");
 * // out holds one JSON object; code is 0
 * }</pre>
 *
 * Bad input exits with code 2 and one line on standard error; a violated claim or a failed run with code 1.
 */
package org.deeplinear.examples.cli;
