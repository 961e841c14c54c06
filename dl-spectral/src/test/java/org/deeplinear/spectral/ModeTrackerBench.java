package org.deeplinear.spectral;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;

/**
 * Times {@link ModeTracker#add(double, Matrix)} on d x d maps (default 1024), wall-clock and CPU time of the
 * calling thread (products on a native backend's own threads are not in the latter), and reports the heap in
 * use: not a unit test (no assertions on time), a measurement to rerun. The maps are
 * {@code A_j = (j + 1)/samples A* + E}
 * with a fixed Gaussian {@code E} of scale 1e-3, on a random target with 16 singular values 16, 15, ..., 1.
 *
 * <pre>
 * mvn -q -B -o -pl dl-spectral test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp dl-spectral/target/test-classes:dl-spectral/target/classes:$(cat /tmp/cp.txt) \
 *     org.deeplinear.spectral.ModeTrackerBench 1024 4
 * </pre>
 */
public final class ModeTrackerBench {

    private ModeTrackerBench() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the dimension d (default 1024) and the number of samples (default 4)
     */
    public static void main(String[] args) {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        double[] sigmas = new double[16];
        for (int i = 0; i < sigmas.length; i++) {
            sigmas[i] = 16 - i;
        }
        long start = System.nanoTime();
        Target target = Target.random(d, d, sigmas, Seed.of(1));
        System.out.printf("target %d x %d built in %.2f s%n", d, d, (System.nanoTime() - start) * 1e-9);
        Random random = Seed.of(2).newRandom();
        double[] noise = new double[d * d];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = 1e-3 * random.nextGaussian();
        }
        double[] star = new double[d * d];
        target.matrix().copyTo(star, 0);
        ModeTracker tracker = new ModeTracker(target);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int j = 0; j < samples; j++) {
            double scale = (j + 1.0) / samples;
            double[] a = new double[d * d];
            for (int k = 0; k < a.length; k++) {
                a[k] = scale * star[k] + noise[k];
            }
            Matrix map = Matrix.fromRowMajor("A", d, d, a);
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            tracker.add(j, map);
            System.out.printf("sample %d: add %.2f s wall, %.2f s cpu (this thread)%n", j,
                    (System.nanoTime() - t0) * 1e-9, (cpu.getCurrentThreadCpuTime() - c0) * 1e-9);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap in use after GC: %d MB (max %d MB); ambiguities: %d; ranks: %s%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20,
                tracker.trackedModes().ambiguities().size(),
                java.util.Arrays.toString(tracker.rankSeries().numerical()));
    }
}
