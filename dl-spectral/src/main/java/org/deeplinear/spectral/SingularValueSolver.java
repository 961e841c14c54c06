package org.deeplinear.spectral;

import java.util.List;
import org.deeplinear.core.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * The compact SVD {@code A = U diag(s) V^T} of one m x n sample, into buffers the caller allocates once: the seam
 * between {@link ModeTracker} and the library that decomposes (EJML, or native LAPACK {@code dgesdd}).
 * Implementations keep their own workspace, sized for one shape at construction, and are not thread-safe.
 */
interface SingularValueSolver {

    /** The system property that forces a solver: one of {@link #NAMES}. */
    String PROPERTY = "deeplinear.svd";

    /** The names {@link #named(String, int, int)} accepts. */
    List<String> NAMES = List.of("ejml", "lapack");

    /**
     * Decomposes {@code a}.
     *
     * @param a      the m x n sample, row-major (not modified)
     * @param values receives the {@code p = min(m, n)} singular values, in any order
     * @param u      receives the left singular vectors, m x p, column k belonging to {@code values[k]}
     * @param v      receives the right singular vectors, n x p, column k belonging to {@code values[k]}
     * @return false if the decomposition did not converge (the outputs are then unspecified)
     */
    boolean decompose(DMatrixRMaj a, double[] values, DMatrixRMaj u, DMatrixRMaj v);

    /**
     * The singular values alone, without the vectors: several times faster than {@link #decompose} (LAPACK's
     * {@code dgesdd} with {@code jobz = N}: 34 ms against 120 ms at 512 x 512, NumPy's same call on this kind of
     * machine).
     *
     * @param a      the m x n sample, row-major (not modified)
     * @param values receives the {@code p = min(m, n)} singular values, in any order
     * @return false if the decomposition did not converge (the values are then unspecified)
     */
    boolean values(DMatrixRMaj a, double[] values);

    /**
     * The solver's name, one of {@link #NAMES}.
     *
     * @return the name
     */
    String name();

    /**
     * The solver for m x n samples named by the system property {@value #PROPERTY}, or, when it is not set,
     * LAPACK's if a native LAPACK is available, else EJML's.
     *
     * @param m rows
     * @param n columns
     * @return the solver
     * @throws IllegalArgumentException if the property names an unknown solver, or LAPACK when it is unavailable
     */
    static SingularValueSolver preferred(int m, int n) {
        String forced = System.getProperty(PROPERTY);
        if (forced == null || forced.isBlank()) {
            return LapackSingularValues.available() ? new LapackSingularValues(m, n) : new EjmlSingularValues(m, n);
        }
        return named(forced.trim(), m, n);
    }

    /**
     * The solver of the given name for m x n samples.
     *
     * @param name one of {@link #NAMES}
     * @param m    rows
     * @param n    columns
     * @return the solver
     * @throws IllegalArgumentException if the name is unknown, or names LAPACK when it is unavailable
     */
    static SingularValueSolver named(String name, int m, int n) {
        if ("ejml".equals(name)) {
            return new EjmlSingularValues(m, n);
        }
        if ("lapack".equals(name)) {
            if (!LapackSingularValues.available()) {
                throw Arguments.fail(PROPERTY, name, "an available solver, but " + LapackSingularValues.problem());
            }
            return new LapackSingularValues(m, n);
        }
        throw Arguments.fail(PROPERTY, name, "one of " + NAMES);
    }
}
