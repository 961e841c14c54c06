package org.deeplinear.examples.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.OrthonormalFrames;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;

/**
 * A problem and its initial state as the NumPy peer's {@code peer_gradient_flow.py --save-init DIR} writes them:
 * {@code A_star.csv} (m x n), {@code u.csv} (m x r) and {@code v.csv} (n x r) with orthonormal columns,
 * {@code W0.csv} (m x k) and {@code U0.csv} (k x n); {@link #read(Path)} reads them, {@link #write} writes them
 * ({@code dl simulate --save-init}).
 *
 * <p>The singular values are read off the files, {@code sigma_i = u_i^T A* v_i}, and {@code A*} must equal
 * {@code sum_i sigma_i u_i v_i^T} to {@value #RECONSTRUCTION_TOLERANCE} relative to its largest entry (the peer
 * writes 17 significant digits). A value {@code u_i^T A* v_i} within that tolerance of the largest entry is the
 * rounding of a zero singular value, and is read as 0; where it is above what rounding leaves of a zero
 * ({@code 4 eps sqrt(m n)} of that entry), {@link #notes()} says so (a peer's
 * nonzero sigma that small cannot be told from rounding: {@code --save-init} refuses to write one).
 * {@link #modeOrder()} maps the peer's mode order (the order of its {@code --sigmas}) to the target's, which sorts
 * singular values in decreasing order.
 *
 * @param target the target built from {@code sigma}, {@code u}, {@code v}
 * @param factors the initial factors {@code W0}, {@code U0} (layers {@code [U0, W0]})
 * @param sigmas the singular values in the peer's order
 * @param modeOrder {@code modeOrder[i]} is the index in {@code target.spectrum()} of the peer's mode {@code i}
 * @param notes what the reading did that a user should know, one line each: a nonzero {@code u_i^T A* v_i} read as 0
 */
public record InitDirectory(Target target, FactorChain factors, double[] sigmas, int[] modeOrder,
        List<String> notes) {

    /** Largest relative difference allowed between {@code A_star.csv} and {@code sum sigma_i u_i v_i^T}. */
    public static final double RECONSTRUCTION_TOLERANCE = 1e-12;

    /** The files read, in the order they are read. */
    public static final List<String> FILES = List.of("A_star.csv", "u.csv", "v.csv", "W0.csv", "U0.csv");

    /**
     * Copies the arrays so the record stays immutable.
     *
     * @param target the target
     * @param factors the initial factors
     * @param sigmas the singular values in the peer's order
     * @param modeOrder the peer's mode order in the target's spectrum
     * @param notes the reading's notes
     */
    public InitDirectory {
        Arguments.notNull("target", target);
        Arguments.notNull("factors", factors);
        sigmas = Arguments.notNull("sigmas", sigmas).clone();
        modeOrder = Arguments.notNull("modeOrder", modeOrder).clone();
        notes = List.copyOf(Arguments.notNull("notes", notes));
    }

    /**
     * The singular values in the peer's order.
     *
     * @return a copy
     */
    @Override
    public double[] sigmas() {
        return sigmas.clone();
    }

    /**
     * Where each of the peer's modes is in the target's spectrum.
     *
     * @return a copy: {@code modeOrder()[i]} is the spectrum index of the peer's mode {@code i}
     */
    @Override
    public int[] modeOrder() {
        return modeOrder.clone();
    }

    /**
     * The number of target modes {@code r}.
     *
     * @return {@code sigmas().length}
     */
    public int rank() {
        return sigmas.length;
    }

    /**
     * Writes a problem and its start in the peer's layout ({@link #FILES}, each as {@link Csv#writeMatrix}: one matrix
     * row per line, no header), which {@link #read(Path)} and {@code numpy.loadtxt(file, delimiter=",")} read back.
     * Column {@code i} of {@code u.csv} and {@code v.csv} is the spectrum's mode {@code modeOrder[i]}, so the order
     * in which a caller reports its modes (the user's {@code --sigmas}) is the order {@code read} gives back. The
     * singular vectors and factors read back are the same bits (numbers as {@link Double#toString(double)}); the
     * singular values are {@code u_i^T A* v_i} as {@code read} computes them, equal to rounding.
     *
     * @param dir the directory, created with its parents where missing; files of the same names are replaced (as
     *     the peer's {@code np.savetxt} replaces them)
     * @param target the target: {@code A_star.csv} is its matrix
     * @param factors the start, two layers {@code [U0, W0]} (input layer first, as {@link #factors()}) whose map has
     *     the target's shape
     * @param modeOrder the spectrum index of each mode written, in the order written ({@link #modeOrder()}'s
     *     meaning); every mode of the target with {@code sigma > 0} among them
     * @throws IllegalArgumentException if the factors are not two layers of the target's shape, {@code modeOrder}
     *     repeats a mode, is empty or leaves out one of {@code sigma > 0} (then {@code A*} would not be the sum over
     *     the modes written, which {@code read} refuses), or a {@code sigma > 0} written is at most
     *     {@code 2 x RECONSTRUCTION_TOLERANCE x max |A*_ij|}, which {@code read} would take for rounding and read
     *     as 0 (the factor 2 leaves room for the rounding of {@code u_i^T A* v_i} itself, measured at
     *     {@code 1.6e-13 x max |A*_ij|} on a 1500 x 1000 target); nothing is written then
     * @throws UncheckedIOException if the directory or a file cannot be written ("cannot write FILE: reason"); the
     *     files this call wrote are deleted, one it created and could not finish included (a file of the same name
     *     that it had replaced is lost)
     */
    public static void write(Path dir, Target target, FactorChain factors, int[] modeOrder) {
        Arguments.notNull("dir", dir);
        Arguments.notNull("target", target);
        Arguments.notNull("factors", factors);
        Arguments.notNull("modeOrder", modeOrder);
        Arguments.check(factors.depth() == 2, "factors.depth", factors.depth(),
                "2 (the peer's W0, U0 are two layers)");
        Matrix aStar = target.matrix();
        Matrix u0 = factors.layer(1);
        Matrix w0 = factors.layer(2);
        Arguments.check(w0.rows() == aStar.rows() && u0.cols() == aStar.cols(), "factors",
                w0.shape() + " times " + u0.shape(), "a map of the target's shape " + aStar.shape());
        // read's rule for a zero: |u_i^T A* v_i| <= RECONSTRUCTION_TOLERANCE x max |A*_ij|
        double floor = 2 * RECONSTRUCTION_TOLERANCE * Math.max(maxAbs(aStar), Double.MIN_NORMAL);
        Spectrum spectrum = target.spectrum();
        int r = modeOrder.length;
        Arguments.check(r >= 1, "modeOrder.length", r, "at least one mode");
        boolean[] written = new boolean[spectrum.size()];
        for (int i = 0; i < r; i++) {
            int mode = modeOrder[i];
            Arguments.check(mode >= 0 && mode < written.length && !written[mode], "modeOrder[" + i + "]", mode,
                    "a mode of the spectrum, 0.." + (written.length - 1) + ", not written before");
            written[mode] = true;
            double sigma = spectrum.sigma(mode);
            Arguments.check(sigma == 0 || sigma > floor, "sigma_" + (i + 1), sigma, "0 or above 2 x "
                    + RECONSTRUCTION_TOLERANCE + " x max |A*_ij| = " + floor + " (a smaller u_" + (i + 1)
                    + "^T A* v_" + (i + 1) + " is read back as rounding, 0)");
        }
        for (int mode = 0; mode < written.length; mode++) {
            Arguments.check(written[mode] || spectrum.sigma(mode) == 0, "modeOrder", "without mode " + mode,
                    "every mode with sigma > 0 (mode " + mode + " has sigma " + spectrum.sigma(mode) + ")");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + Csv.reason(e), e);
        }
        Map<String, Matrix> files = new LinkedHashMap<>();
        files.put("A_star.csv", aStar);
        files.put("u.csv", columns("u", spectrum.leftVectors(), modeOrder));
        files.put("v.csv", columns("v", spectrum.rightVectors(), modeOrder));
        files.put("W0.csv", w0);
        files.put("U0.csv", u0);
        List<Path> done = new ArrayList<>();
        try {
            for (Map.Entry<String, Matrix> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                // a file this call creates is its own, even if it fails part-way (a full disk); one it was to replace
                // is its own once written
                boolean created = !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
                if (created) {
                    done.add(path);
                }
                Csv.writeMatrix(path, file.getValue());
                if (!created) {
                    done.add(path);
                }
            }
        } catch (UncheckedIOException e) {
            // a start missing a file is not one: take back what this call wrote, a file it created and could not
            // finish included (review of 2026-12-07)
            for (Path path : done) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException | SecurityException notDeleted) {
                    e.addSuppressed(notDeleted);
                }
            }
            throw e;
        }
    }

    /** The columns {@code order[0], order[1], ...} of a basis, in that order. */
    private static Matrix columns(String name, Matrix basis, int[] order) {
        int d = basis.rows();
        double[] out = new double[d * order.length];
        for (int c = 0; c < order.length; c++) {
            for (int i = 0; i < d; i++) {
                out[i * order.length + c] = basis.get(i, order[c]);
            }
        }
        return Matrix.fromRowMajor(name, d, order.length, out);
    }

    /** The largest {@code |a_ij|}: the scale {@link #read(Path)} measures its tolerances against. */
    private static double maxAbs(Matrix a) {
        double scale = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                scale = Math.max(scale, Math.abs(a.get(i, j)));
            }
        }
        return scale;
    }

    /**
     * Reads a directory written by {@code --save-init}.
     *
     * @param dir the directory
     * @return the target and initial factors
     * @throws IllegalArgumentException if the directory or a file is missing or unreadable, a file is not a table
     *     of finite numbers, the shapes disagree, the columns of u or v are not orthonormal, or {@code A*} is not
     *     {@code sum sigma_i u_i v_i^T}
     */
    public static InitDirectory read(Path dir) {
        Arguments.notNull("dir", dir);
        Arguments.check(Files.isDirectory(dir), "--init-dir", dir, "a directory holding " + FILES);
        Matrix aStar = Csv.readMatrix(dir.resolve("A_star.csv"));
        int m = aStar.rows();
        int n = aStar.cols();
        Matrix u = Csv.readMatrix(dir.resolve("u.csv"));
        Arguments.check(u.rows() == m, dir.resolve("u.csv").toString(), u.shape(),
                m + " x r (as many rows as A_star.csv, " + aStar.shape() + ")");
        int r = u.cols();
        Matrix v = Csv.readMatrix(dir.resolve("v.csv"), n, r, "v (n x r, from A_star.csv and u.csv)");
        Matrix w0 = Csv.readMatrix(dir.resolve("W0.csv"));
        Arguments.check(w0.rows() == m, dir.resolve("W0.csv").toString(), w0.shape(), m + " x k (W0 is m x k)");
        int k = w0.cols();
        Matrix u0 = Csv.readMatrix(dir.resolve("U0.csv"), k, n, "U0 (k x n, from W0.csv and A_star.csv)");
        // u and v first, each by its file: the reconstruction below blamed A_star.csv for a column of u off by 1e-9
        // or a repeated one (review of 2026-12-07), and the target's own check never had its say
        OrthonormalFrames.requireOrthonormal(dir.resolve("u.csv").toString(), u, Target.ORTHONORMAL_TOLERANCE);
        OrthonormalFrames.requireOrthonormal(dir.resolve("v.csv").toString(), v, Target.ORTHONORMAL_TOLERANCE);

        double[] sigmas = new double[r];
        List<String> notes = new ArrayList<>();
        double scale = maxAbs(aStar);
        // what the files and the sums leave of a zero singular value: each entry within half an ulp of its value
        // (17 digits), sqrt(m n) of them weighted by unit vectors (Cauchy-Schwarz), as much again from the sums'
        // rounding, twice over; a value above it and within the tolerance is a sigma that cannot be told from 0
        double rounding = 4 * Math.ulp(1.0) * Math.sqrt((double) m * n) * scale;
        for (int c = 0; c < r; c++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                double row = 0;
                for (int j = 0; j < n; j++) {
                    row += aStar.get(i, j) * v.get(j, c);
                }
                s += u.get(i, c) * row;
            }
            // a zero singular value comes back as u^T A* v of the order of the rounding, of either sign (the peer
            // writes 17 digits): within the reconstruction tolerance it is 0 (-4e-17 was refused; review of
            // 2026-11-28)
            sigmas[c] = Math.abs(s) <= RECONSTRUCTION_TOLERANCE * scale ? 0.0 : s;
            if (sigmas[c] == 0 && Math.abs(s) > rounding) {
                // said, not silent: a peer's nonzero sigma of 1e-13 came back as 0 (review of 2026-12-08)
                notes.add("note: sigma_" + (c + 1) + " = u_" + (c + 1) + "^T A* v_" + (c + 1) + " = " + s
                        + " is read as 0: within " + RECONSTRUCTION_TOLERANCE + " of the largest entry of A*, " + scale
                        + ", it cannot be told from the rounding of a zero singular value");
            }
        }
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int c = 0; c < r; c++) {
                    sum += sigmas[c] * u.get(i, c) * v.get(j, c);
                }
                worst = Math.max(worst, Math.abs(sum - aStar.get(i, j)));
            }
        }
        Arguments.check(worst <= RECONSTRUCTION_TOLERANCE * Math.max(scale, Double.MIN_NORMAL),
                dir.resolve("A_star.csv").toString(), "max |A* - sum sigma_i u_i v_i^T| = " + worst,
                "A* = sum sigma_i u_i v_i^T with sigma_i = u_i^T A* v_i (to " + RECONSTRUCTION_TOLERANCE
                        + " relative)");
        for (int c = 0; c < r; c++) {
            Arguments.check(sigmas[c] >= 0, "sigma_" + (c + 1) + " = u_" + (c + 1) + "^T A* v_" + (c + 1), sigmas[c],
                    "a singular value >= 0");
        }
        Target target;
        try {
            target = Target.fromSpectrum(sigmas, u, v);
        } catch (IllegalArgumentException e) {
            // what is left to refuse here (u and v are checked above): sigmas out of order
            throw new IllegalArgumentException(dir.resolve("u.csv") + ", " + dir.resolve("v.csv") + ": "
                    + e.getMessage(), e);
        }
        FactorChain factors = FactorChain.ofLayers(List.of(u0, w0));
        return new InitDirectory(target, factors, sigmas, Target.spectrumPositions(sigmas), notes);
    }
}
