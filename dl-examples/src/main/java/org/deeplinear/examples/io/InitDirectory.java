package org.deeplinear.examples.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.OrthonormalFrames;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;

/**
 * A problem and its initial state as the NumPy peer's {@code peer_gradient_flow.py --save-init DIR} writes them:
 * {@code A_star.csv} (m x n), {@code u.csv} (m x r) and {@code v.csv} (n x r) with orthonormal columns,
 * {@code W0.csv} (m x k) and {@code U0.csv} (k x n).
 *
 * <p>The singular values are read off the files, {@code sigma_i = u_i^T A* v_i}, and {@code A*} must equal
 * {@code sum_i sigma_i u_i v_i^T} to {@value #RECONSTRUCTION_TOLERANCE} relative to its largest entry (the peer
 * writes 17 significant digits). {@link #modeOrder()} maps the peer's mode order (the order of its
 * {@code --sigmas}) to the target's, which sorts singular values in decreasing order.
 *
 * @param target the target built from {@code sigma}, {@code u}, {@code v}
 * @param factors the initial factors {@code W0}, {@code U0} (layers {@code [U0, W0]})
 * @param sigmas the singular values in the peer's order
 * @param modeOrder {@code modeOrder[i]} is the index in {@code target.spectrum()} of the peer's mode {@code i}
 */
public record InitDirectory(Target target, FactorChain factors, double[] sigmas, int[] modeOrder) {

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
     */
    public InitDirectory {
        Arguments.notNull("target", target);
        Arguments.notNull("factors", factors);
        sigmas = Arguments.notNull("sigmas", sigmas).clone();
        modeOrder = Arguments.notNull("modeOrder", modeOrder).clone();
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
        double scale = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(aStar.get(i, j)));
            }
        }
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
        return new InitDirectory(target, factors, sigmas, Target.spectrumPositions(sigmas));
    }
}
