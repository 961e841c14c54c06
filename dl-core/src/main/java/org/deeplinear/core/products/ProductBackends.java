package org.deeplinear.core.products;

/**
 * Where the library gets its {@link ProductBackend}.
 *
 * <p>{@link #preferred()} is the backend every engine uses unless told otherwise. Today it is {@link #ejml()};
 * the system property {@value #PROPERTY} (value {@code ejml}) forces a named backend.
 */
public final class ProductBackends {

    /** The system property that forces a backend by name. */
    public static final String PROPERTY = "deeplinear.products";

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
     * The backend to use: the one named by the system property {@value #PROPERTY} if set, else the best
     * available.
     *
     * @return the preferred backend
     * @throws IllegalArgumentException if the property names an unknown backend
     */
    public static ProductBackend preferred() {
        String forced = System.getProperty(PROPERTY);
        if (forced == null || forced.isBlank()) {
            return ejml();
        }
        return named(forced.trim());
    }

    /**
     * The backend of the given name.
     *
     * @param name a backend name, {@code "ejml"}
     * @return the backend
     * @throws IllegalArgumentException if no backend has that name
     */
    public static ProductBackend named(String name) {
        if ("ejml".equals(name)) {
            return ejml();
        }
        throw new IllegalArgumentException(PROPERTY + " = " + name + ": expected one of [ejml]");
    }
}
