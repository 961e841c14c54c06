package org.deeplinear.core.products;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplinear.core.Arguments;

/**
 * Where the library gets its {@link ProductBackend}.
 *
 * <p>Three backends, best first (figures in BENCHMARKS.md):
 * <ol>
 * <li>{@code netlib-native(...)}: the system's native BLAS (OpenBLAS on Debian after
 * {@code apt-get install libopenblas0-pthread}) through {@code dev.ludovic.netlib:blas}'s JNI binding; the name
 * says which library was opened, e.g. {@code netlib-native(OpenBLAS)}. Not chosen automatically when the native
 * library is the unoptimised reference BLAS.</li>
 * <li>{@code netlib-java(...)}: netlib's pure-Java BLAS, always available: {@code VectorBLAS} when the JVM runs
 * with {@code --add-modules jdk.incubator.vector} (about 4x EJML's speed at {@code n = 256}), else
 * {@code Java11BLAS} (about 2x). Unlike the other two, it allocates blocking buffers inside {@code dgemm} for
 * products from about {@code 128^3} multiply-adds on (0.26 MB per call at {@code n = 128}); force {@code ejml}
 * where allocation matters more than speed.</li>
 * <li>{@code ejml}: EJML's own row-major products on matrices and the same loops on flat arrays
 * ({@link ProductBackend#gemm(boolean, boolean, int, int, int, double, double[], int, double[], int, double,
 * double[], int)}), pure Java, always available.</li>
 * </ol>
 * Both netlib backends compute products of fewer than 256 multiply-adds ({@code m k n}, e.g. {@code 6 x 6 x 6})
 * in Java, which is faster there because a BLAS call's fixed cost dominates.
 *
 * <p>{@link #preferred()} is the backend every engine uses unless told otherwise: the one named by the system
 * property {@value #PROPERTY} if set (and not blank), else the best available. {@link #named(String)} forces one
 * from code. The backend that {@link #preferred()} hands out is logged once (logger
 * {@code org.deeplinear.core.products}, level INFO) with the reason for the choice.
 *
 * <pre>{@code
 * ProductBackend best = ProductBackends.preferred();        // e.g. netlib-native(OpenBLAS)
 * ProductBackend ejml = ProductBackends.named("ejml");      // force EJML
 * // or, for a whole program: java -Ddeeplinear.products=netlib-java ...
 * }</pre>
 */
public final class ProductBackends {

    /** The system property that forces a backend by name (one of {@link #NAMES}, or a backend's full name). */
    public static final String PROPERTY = "deeplinear.products";

    /** The short names {@link #named(String)} accepts, best first. */
    public static final List<String> NAMES = List.of("netlib-native", "netlib-java", "ejml");

    private static final System.Logger LOG = System.getLogger("org.deeplinear.core.products");

    private static final AtomicReference<String> LOGGED = new AtomicReference<>();

    private ProductBackends() {
    }

    /**
     * EJML's pure-Java products.
     *
     * @return the EJML backend
     */
    public static ProductBackend ejml() {
        return EjmlProducts.INSTANCE;
    }

    /**
     * netlib's pure-Java BLAS: {@code VectorBLAS} if the JVM runs with {@code --add-modules jdk.incubator.vector},
     * else {@code Java11BLAS}. Always available.
     *
     * @return the backend, named {@code netlib-java(<implementation>)}
     */
    public static ProductBackend netlibJava() {
        return NetlibLoader.get().javaProducts();
    }

    /**
     * The system's native BLAS through JNI, if one could be loaded.
     *
     * @return the backend, named {@code netlib-native(<library>)}, or empty (see {@link #nativeProblem()})
     */
    public static Optional<ProductBackend> netlibNative() {
        return NetlibLoader.get().nativeProducts().map(p -> p);
    }

    /**
     * Why {@link #netlibNative()} is empty.
     *
     * @return the reason and how to fix it, or empty if the native backend is available
     */
    public static Optional<String> nativeProblem() {
        return Optional.ofNullable(NetlibLoader.get().nativeProblem());
    }

    /**
     * The backends available on this machine, best first (the order of the class comment; a native reference BLAS
     * comes last).
     *
     * @return an immutable list, never empty
     */
    public static List<ProductBackend> available() {
        NetlibLoader loader = NetlibLoader.get();
        return ranked(loader.nativeProducts().orElse(null), loader.javaProducts());
    }

    /**
     * The order of {@link #available()}: the native backend first unless it runs the reference BLAS, then
     * netlib's Java BLAS, then EJML, then a reference native backend.
     *
     * @param nat  the native backend, or {@code null} if none was loaded
     * @param java netlib's pure-Java backend
     * @return the backends, best first
     */
    static List<ProductBackend> ranked(NetlibProducts nat, NetlibProducts java) {
        boolean reference = nat != null && NetlibLoader.REFERENCE_NAME.equals(nat.name());
        List<ProductBackend> list = new ArrayList<>(3);
        if (nat != null && !reference) {
            list.add(nat);
        }
        list.add(java);
        list.add(ejml());
        if (reference) {
            list.add(nat);
        }
        return List.copyOf(list);
    }

    /**
     * The backend to use: the one named by the system property {@value #PROPERTY} if set and not blank (a blank
     * value, as {@code -Ddeeplinear.products=$EMPTY} gives, counts as unset; spaces around a name are ignored), else
     * the first of {@link #available()}. Logs the choice the first time it is made (and again only if it changes).
     *
     * @return the preferred backend
     * @throws IllegalArgumentException if the property names an unknown or unavailable backend
     */
    public static ProductBackend preferred() {
        String forced = System.getProperty(PROPERTY);
        ProductBackend chosen;
        String why;
        if (forced == null || forced.isBlank()) {
            chosen = available().get(0);
            why = nativeProblem().map(p -> "best available; " + p).orElse("best available");
        } else {
            chosen = named(forced.trim());
            why = "forced by -D" + PROPERTY + "=" + forced.trim();
        }
        String name = chosen.name();
        if (!name.equals(LOGGED.getAndSet(name))) {
            LOG.log(System.Logger.Level.INFO, "deeplinear products backend: {0} ({1})", name, why);
        }
        return chosen;
    }

    /**
     * The backend of the given name: a short name of {@link #NAMES} or a backend's full {@link ProductBackend#name()}
     * (such as {@code netlib-native(OpenBLAS)}).
     *
     * @param name a backend name
     * @return the backend
     * @throws IllegalArgumentException if no backend has that name, or the native one is asked for and cannot be
     *                                  loaded (the message says why)
     */
    public static ProductBackend named(String name) {
        Arguments.notNull("name", name);   // only code passes null: the property is read as a string
        if (name.equals("ejml")) {
            return ejml();
        }
        if (name.equals("netlib-java") || name.equals(netlibJava().name())) {
            return netlibJava();
        }
        if (name.equals("netlib-native") || name.startsWith("netlib-native(")) {
            Optional<ProductBackend> nat = netlibNative();
            if (nat.isPresent() && (name.equals("netlib-native") || name.equals(nat.get().name()))) {
                return nat.get();
            }
            throw Arguments.fail(PROPERTY, name, "an available backend, but "
                    + nativeProblem().orElse("the native BLAS loaded is " + nat.map(ProductBackend::name).orElse("")));
        }
        throw Arguments.fail(PROPERTY, name, "one of " + NAMES);
    }
}
