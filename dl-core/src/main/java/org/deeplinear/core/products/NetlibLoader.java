package org.deeplinear.core.products;

import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads {@code dev.ludovic.netlib:blas} once and names what it found.
 *
 * <p>netlib's native path ({@code JNIBLAS}) unpacks a small JNI shim that {@code dlopen}s {@code libblas.so.3}
 * (or the library named by the system property {@code dev.ludovic.netlib.blas.nativeLib}, or the file given by
 * {@code dev.ludovic.netlib.blas.nativeLibPath}). On Debian that name is an alternatives link: installing
 * {@code libopenblas0-pthread} points it at OpenBLAS. Its pure-Java path is {@code VectorBLAS} when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}, else {@code Java11BLAS}.
 *
 * <p>netlib logs a warning for each implementation it cannot load; this class silences netlib's logger while it
 * loads (the library reports the outcome itself, once, in {@link ProductBackends}) and restores it afterwards.
 */
final class NetlibLoader {

    /**
     * The threshold (on {@code m k n}) below which both netlib backends compute products in Java (EJML's loop
     * orders). Measured with {@code GemmBenchmark} (BENCHMARKS.md): up to {@code 6 x 6 x 6} EJML is as fast or faster
     * (0.16 us against 0.22 us native and 0.24 us netlib-java at {@code n = 4}); from {@code 8 x 8 x 8} on, OpenBLAS
     * is faster, and netlib's Java BLAS from about {@code 12 x 12 x 12}.
     */
    static final long SMALL_FLOPS = 256;

    /**
     * The threshold (on {@code m n}) below which both netlib backends compute matrix-vector products in Java
     * ({@link RowMajorKernels}, four rows per pass). OpenBLAS runs a {@code dgemv} of 9,216 multiply-adds or more on
     * all its threads, and below this size waking them costs more than it saves: DOP853's stage combinations at
     * 32 x 32 (n = 2,048 entries, up to 9 rows per combination) ran a cold {@code dl simulate} 50% slower through
     * {@code dgemv} than in Java, while from 64 x 64 on (8,192 entries) {@code dgemv} is faster (19-21% at 64 and
     * 128, 10% at 256 x 256; BENCHMARKS.md 6.2).
     */
    static final long SMALL_GEMV = 1L << 15;

    /** netlib's logger, held so that the level set on it is not lost to garbage collection. */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");

    private static final NetlibLoader INSTANCE = new NetlibLoader();

    private final NetlibProducts nativeProducts;
    private final String nativeProblem;
    private final NetlibProducts javaProducts;

    private NetlibLoader() {
        Level previous = NETLIB_LOG.getLevel();
        NETLIB_LOG.setLevel(Level.OFF);
        NativeBLAS nativeBlas = null;
        String problem = null;
        JavaBLAS javaBlas;
        try {
            try {
                nativeBlas = NativeBLAS.getInstance();
            } catch (RuntimeException | LinkageError e) {
                problem = "no native BLAS could be loaded (" + e.getMessage()
                        + "); on Debian: apt-get install libopenblas0-pthread";
            }
            javaBlas = JavaBLAS.getInstance();
        } finally {
            NETLIB_LOG.setLevel(previous);
        }
        nativeProblem = problem;
        nativeProducts = nativeBlas == null ? null
                : new NetlibProducts(nativeBlas, "netlib-native(" + nativeLibraryKind() + ")", SMALL_FLOPS,
                        SMALL_GEMV);
        javaProducts = new NetlibProducts(javaBlas, "netlib-java(" + javaBlas.getClass().getSimpleName() + ")",
                SMALL_FLOPS, SMALL_GEMV);
    }

    static NetlibLoader get() {
        return INSTANCE;
    }

    /**
     * The native backend, if a native BLAS was loaded.
     *
     * @return the backend, or empty
     */
    Optional<NetlibProducts> nativeProducts() {
        return Optional.ofNullable(nativeProducts);
    }

    /**
     * Why there is no native backend.
     *
     * @return the reason, or {@code null} if there is one
     */
    String nativeProblem() {
        return nativeProblem;
    }

    /**
     * netlib's pure-Java backend (always available).
     *
     * @return the backend
     */
    NetlibProducts javaProducts() {
        return javaProducts;
    }

    /** The name of a native backend on the unoptimised reference BLAS (Debian's {@code libblas3}). */
    static final String REFERENCE_NAME = "netlib-native(reference)";

    /**
     * Which BLAS the JNI shim opened, from the shared objects mapped into this process (Linux); the mapped path is
     * the alternatives link's target, e.g. {@code .../openblas-pthread/libblas.so.3}.
     */
    private static String nativeLibraryKind() {
        try {
            return libraryKind(Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Names the BLAS among the lines of a {@code /proc/<pid>/maps} listing: {@code OpenBLAS}, {@code MKL},
     * {@code BLIS} or {@code ATLAS} if a mapped path names one, else {@code reference} for a {@code libblas.so*}
     * under a {@code blas/} directory (Debian's {@code libblas3}), else that file's name, else {@code unknown}.
     *
     * @param lines the listing's lines
     * @return the kind
     */
    static String libraryKind(List<String> lines) {
        String kind = null;
        for (String line : lines) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String path = line.substring(slash).trim().toLowerCase(Locale.ROOT);
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (path.contains("openblas")) {
                return "OpenBLAS";
            } else if (path.contains("mkl")) {
                return "MKL";
            } else if (path.contains("blis")) {
                return "BLIS";
            } else if (path.contains("atlas")) {
                return "ATLAS";
            } else if (file.startsWith("libblas.so") || file.startsWith("libcblas.so")) {
                kind = path.contains("/blas/") ? "reference" : file;
            }
        }
        return kind == null ? "unknown" : kind;
    }
}
