/**
 * JMH benchmarks of the library's hot paths: products per backend, the right-hand side of gradient flow, a
 * gradient-descent step, the SVD of mode tracking, law evaluations. Not a library: nothing here is public API,
 * and nothing runs during {@code mvn verify}. BENCHMARKS.md gives the commands and the figures, e.g.
 *
 * <pre>{@code
 * mvn -q -pl dl-bench -am package -DskipTests
 * java -jar dl-bench/target/benchmarks.jar GemmBenchmark -p n=64,256 -f 1 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
package org.deeplinear.bench;
