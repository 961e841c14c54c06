package org.deeplinear.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.AlignedCoordinates;
import org.deeplinear.core.target.Target;
import org.deeplinear.spectral.rank.RankSeries;
import org.deeplinear.spectral.timeline.ActivationTimeline;
import org.deeplinear.spectral.timeline.CrossingEvent;
import org.deeplinear.spectral.timeline.Plateau;
import org.deeplinear.spectral.timeline.Plateaus;
import org.ejml.data.DMatrixRMaj;

/**
 * Follows what the spectrum of a sequence of maps {@code A(t_0), A(t_1), ...} (m x n, the target's shape) does
 * over time, fed one sample at a time with {@link #add(double, Matrix)}:
 * <ul>
 *   <li>the aligned coordinates {@code s_i = u_i^T A v_i} and the coupling, by dl-core's
 *       {@link AlignedCoordinates} ({@link #alignedSeries()});</li>
 *   <li>the singular modes of {@code A(t)}, tracked across samples ({@link #trackedModes()}): each mode of the
 *       new sample is matched to the one it continues by the overlap of both singular vectors,
 *       {@code |u_prev^T u| * |v_prev^T v|} (greedy assignment on the overlap matrix, largest overlap first), and
 *       its sign is chosen so that {@code u_prev^T u + v_prev^T v >= 0} (for a value that is numerically 0, which
 *       ties u and v in neither sign, {@code u_prev^T u >= 0} and {@code v_prev^T v >= 0} separately; where u and
 *       v disagree, {@code |u_prev^T u + v_prev^T v| <= 1e-8 (|u_prev^T u| + |v_prev^T v|)}, as when the map's
 *       value for the mode changed sign between the samples with neither vector moving, {@code u_prev^T u >= 0}, on
 *       every solver; a value that changed sign while its vectors moved keeps the one that moved less). Singular
 *       values closer than {@link TrackerSettings#clusterTolerance()} {@code * sigma_max(A(t))} form a cluster
 *       whose subspace is tracked (the basis closest to the previous vectors, by orthogonal Procrustes) and
 *       reported as an {@link Ambiguity}; numerically zero values ({@code <= 8 max(m, n)} ulps of
 *       {@code sigma_max}) form clusters of their own, never joined with a non-zero value however close;</li>
 *   <li>the effective ranks ({@link #rankSeries()}), the loss {@code 1/2 ||A - A*||_F^2} ({@link #losses()}),
 *       and from them the activation timeline and the plateaus.</li>
 * </ul>
 *
 * <p><b>Cost per sample</b> ({@code p = min(m, n)}, {@code R = min(p, cosineModes)}): the compact SVD with
 * vectors, {@code O(m n p)} flops: LAPACK's divide-and-conquer {@code dgesdd} on the native LAPACK when dl-core
 * found a native BLAS ({@link org.deeplinear.core.products.ProductBackends#netlibNative()}) and netlib's LAPACK
 * binding loads, else EJML's Golub-Kahan bidiagonalisation and implicit QR, about 3x slower at n = 64..512 and
 * 7x at n = 1024 (BENCHMARKS.md 5.1); either one is set up once per tracker, buffers and workspace reused for
 * every sample. The system property {@code deeplinear.svd} forces one: {@code -Ddeeplinear.svd=ejml} or
 * {@code -Ddeeplinear.svd=lapack} (read when a tracker is constructed; {@code lapack} without a native LAPACK,
 * or another value, makes the constructor throw an {@link IllegalArgumentException}). Both give the same
 * results to rounding, where the map defines them. Within a cluster of close values at the first sample (a start
 * of equal modes, as an aligned start with equal s0), whose vectors the map does not define one by one, the tracker
 * takes the basis closest to the target's vectors (it took the solver's, and the identities continued from it were
 * the solver's: a review of 2026-12-08). On the long side of a map that is not square and of rank below
 * {@code min(m, n)}, the vectors of its numerically zero values are some of a null space larger than they, which the
 * solver chose at every sample (their cosines were noise, their overlaps flagged weak where the map had not moved):
 * the tracker continues instead the previous vectors (at the first sample, the target's) that lie most in that null
 * space, projected onto it and orthonormalised, {@code O(max(m, n) p^2)} flops more per sample. Then the overlaps
 * {@code 2 (m + n) p^2} flops; the aligned coordinates {@code 2 m n p + 2 m p^2} flops; the cosines
 * {@code 2 (m + n) p R} flops; the assignment {@code O(p^2)}, or {@code O(p^2 log p)} (and {@code O(p q)} doubles
 * of weights) at a sample where several modes compete for the same continuation. A cluster of s close values adds
 * {@code (m + n) s^2} flops and the SVD with vectors of an s x s matrix, on the same solver, {@code O(s^3)}; a
 * cluster of numerically zero values (a rank-deficient map, such as a network narrower than the target, has
 * {@code p - rank} of them) needs two, one per side: at
 * 128 x 128 of rank 8 (s = 120) a sample took about 16 ms on {@code dgesdd} against 7 ms at full rank
 * (2 cores, measured 2026-12-07; it was 27 ms when these ran on fresh EJML decompositions). Working memory is
 * {@code O(m n + (m + n) p + p^2)} doubles, allocated once (about 80 MB at 1024 x 1024, plus EJML's SVD
 * workspace; {@code dgesdd} adds an {@code m n} copy of the sample, which it overwrites, an {@code n p} buffer,
 * {@code 8 p} ints and the {@code O(p^2 + m + n)} doubles its {@code lwork = -1} query asks for), the cluster
 * SVD's solver and buffers when a cluster (or the null-space continuation's Gram matrix) first reaches a size (one
 * kept for each size met), and an
 * {@code m n} buffer for EJML at the first sample it must scale. The history keeps no matrix:
 * {@code 3p + 2pR + 3} doubles and {@code p} ints per sample, which with the ambiguity log's lists is all that a
 * sample allocates (failure messages are formed only on failure). Measured on 1024 x 1024 maps with EJML: about
 * 3.5 s of CPU per sample, nearly all of it the SVD (see {@code ModeTrackerBench} in the module's tests); on
 * OpenBLAS's {@code dgesdd} a whole sample takes about half the time of EJML's at 256 x 256 and 0.9 of it at
 * 64 x 64 ({@code TrackingBenchmark}, BENCHMARKS.md 5.2).
 *
 * <p>Bad input (a time not greater than the previous one or not finite, a map of another shape, a map whose
 * loss or SVD is not finite) is rejected with an {@link IllegalArgumentException} that names the sample by index
 * and time, and leaves the tracker unchanged.
 *
 * <p>Mutable and not thread-safe; the results it returns are immutable snapshots.
 *
 * <pre>{@code
 * ModeTracker tracker = new ModeTracker(target);
 * for (int j = 0; j < times.length; j++) {
 *     tracker.add(times[j], maps[j]);
 * }
 * TrackedModes modes = tracker.trackedModes();
 * ActivationTimeline timeline = tracker.activationTimeline(0.5);
 * }</pre>
 */
public final class ModeTracker {

    /** {@code |du + dv| <= SIGN_TIE (|du| + |dv|)}: u and v disagree on the sign; u decides (class Javadoc). */
    private static final double SIGN_TIE = 1e-8;

    private final Target target;
    private final TrackerSettings settings;
    private final int m;
    private final int n;
    private final int p;
    private final int cosineModes;
    private final ProductBackend products = ProductBackends.preferred();
    private final SingularValueSolver svd;
    private final double[] raw;
    private final double[] targetEntries;
    private final DMatrixRMaj input;
    // the aligned coordinates P = U*^T A V* of each sample, formed in these buffers as AlignedCoordinates.of forms
    // them (it copied A and the bases at every sample: 4.2 MB at n = 256)
    private final DMatrixRMaj targetU;
    private final DMatrixRMaj targetV;
    private final DMatrixRMaj mapTimesV;
    private final DMatrixRMaj projection;
    private final double[] outside;       // the part of A outside the target's bases, for the coupling
    private final DMatrixRMaj rawU;
    private final DMatrixRMaj rawV;
    private final DMatrixRMaj overlapU;
    private final DMatrixRMaj overlapV;
    private final DMatrixRMaj leadU;
    private final DMatrixRMaj leadV;
    private final DMatrixRMaj cosU;
    private final DMatrixRMaj cosV;
    private DMatrixRMaj trackedU;
    private DMatrixRMaj trackedV;
    private DMatrixRMaj nextU;
    private DMatrixRMaj nextV;
    // per-sample scratch, allocated once: the sort, the clusters (cluster c holds the positions clusterStart[c] ..
    // clusterStart[c + 1] - 1, and the identities members[clusterStart[c] ..] continued into it), the assignment
    private final int[] order;
    private final int[] mergeBuffer;
    private final int[] clusterStart;
    private final int[] clusterOfPosition;
    private final int[] members;
    private final int[] filled;
    private final int[] assignment;
    private final int[] demandScratch;
    private final double[] weightU;
    private final double[] weightV;
    private final boolean[] weak;
    // the long side's null vectors (a map that is not square): the overlaps of the raw vectors with the previous
    // ones, the previous vectors chosen (then their null-space parts), the non-zero values' vectors, their
    // overlaps with the chosen, the Gram matrix and its inverse square root, the new vectors, the choice
    private final DMatrixRMaj nullOverlap;
    private final double[] nullProjection;
    private final double[] nullRange;
    private final double[] nullCoefficients;
    private final double[] nullGram;
    private final double[] nullVectors;
    private final double[] nullWeight;
    private final int[] nullIndex;
    private final boolean[] nullChosen;
    private int clusterCount;
    // the cluster rotations: buffers reshaped to the cluster size s (reallocated only when s grows), and an SVD
    // solver for each size s x s met, kept (a sample with clusters of two sizes made one anew for each, twice a
    // sample: 58-102 KB per 48 x 48 sample; review of 2026-12-07)
    private final double[] qU;
    private final double[] qV;
    private final double[] clusterValues;
    private final DMatrixRMaj clusterB = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj clusterX = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj clusterY = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj rotationU = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj rotationV = new DMatrixRMaj(1, 1);
    private final SingularValueSolver[] clusterSvds;

    private final List<Double> times = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> couplings = new ArrayList<>();
    private final List<double[]> spectra = new ArrayList<>();
    private final List<double[]> trackedSigmas = new ArrayList<>();
    private final List<int[]> positions = new ArrayList<>();
    private final List<double[]> leftCosines = new ArrayList<>();
    private final List<double[]> rightCosines = new ArrayList<>();
    private final List<double[]> aligned = new ArrayList<>();
    private final AmbiguityLog ambiguities = new AmbiguityLog();

    /**
     * A tracker with the {@linkplain TrackerSettings#defaults() default settings}.
     *
     * @param target the target whose bases, spectrum and shape the samples are measured against
     * @throws IllegalArgumentException if the target is null, or the system property {@code deeplinear.svd} names
     *                                  an unknown or unavailable SVD solver
     */
    public ModeTracker(Target target) {
        this(target, TrackerSettings.defaults());
    }

    /**
     * A tracker.
     *
     * @param target   the target whose bases, spectrum and shape the samples are measured against
     * @param settings the tolerances
     * @throws IllegalArgumentException if an argument is null, or the system property {@code deeplinear.svd}
     *                                  names an unknown or unavailable SVD solver
     */
    public ModeTracker(Target target, TrackerSettings settings) {
        this(target, settings, null);
    }

    /**
     * A tracker on a chosen SVD solver (tests force each path with it).
     *
     * @param target   the target
     * @param settings the tolerances
     * @param solver one of {@link SingularValueSolver#NAMES}, or {@code null} for
     *               {@link SingularValueSolver#preferred(int, int)}
     */
    ModeTracker(Target target, TrackerSettings settings, String solver) {
        this.target = Arguments.notNull("target", target);
        this.settings = Arguments.notNull("settings", settings);
        this.m = target.rows();
        this.n = target.cols();
        this.p = Math.min(m, n);
        this.cosineModes = Math.min(p, settings.cosineModes());
        this.svd = solver == null ? SingularValueSolver.preferred(m, n) : SingularValueSolver.named(solver, m, n);
        this.raw = new double[p];
        this.targetEntries = new double[m * n];
        target.matrix().copyTo(targetEntries, 0);
        this.input = new DMatrixRMaj(m, n);
        this.rawU = new DMatrixRMaj(m, p);
        this.rawV = new DMatrixRMaj(n, p);
        this.overlapU = new DMatrixRMaj(p, p);
        this.overlapV = new DMatrixRMaj(p, p);
        this.leadU = leading(target.spectrum().leftVectors(), cosineModes);
        this.leadV = leading(target.spectrum().rightVectors(), cosineModes);
        this.cosU = new DMatrixRMaj(cosineModes, p);
        this.cosV = new DMatrixRMaj(cosineModes, p);
        this.trackedU = new DMatrixRMaj(m, p);
        this.trackedV = new DMatrixRMaj(n, p);
        this.nextU = new DMatrixRMaj(m, p);
        this.nextV = new DMatrixRMaj(n, p);
        int targetModes = target.spectrum().size();
        this.targetU = target.spectrum().leftVectors().toDMatrix();
        this.targetV = target.spectrum().rightVectors().toDMatrix();
        this.mapTimesV = new DMatrixRMaj(m, targetModes);
        this.projection = new DMatrixRMaj(targetModes, targetModes);
        this.outside = new double[AlignedCoordinates.outsideSize(m, n)];
        this.order = new int[p];
        this.mergeBuffer = new int[p];
        this.clusterStart = new int[p + 1];
        this.clusterOfPosition = new int[p];
        this.members = new int[p];
        this.filled = new int[p];
        this.assignment = new int[p];
        this.demandScratch = new int[p];
        this.weightU = new double[p];
        this.weightV = new double[p];
        this.weak = new boolean[p];
        int nullSide = m == n ? 0 : Math.max(m, n) * p;
        int nullSquare = m == n ? 0 : p * p;
        this.nullOverlap = new DMatrixRMaj(m == n ? 0 : p, m == n ? 0 : p);
        this.nullProjection = new double[nullSide];
        this.nullRange = new double[nullSide];
        this.nullCoefficients = new double[nullSquare];
        this.nullGram = new double[nullSquare];
        this.nullVectors = new double[nullSide];
        this.nullWeight = new double[p];
        this.nullIndex = new int[p];
        this.nullChosen = new boolean[p];
        this.qU = new double[p];
        this.qV = new double[p];
        this.clusterValues = new double[p];
        this.clusterSvds = new SingularValueSolver[p + 1];
    }

    private static DMatrixRMaj leading(Matrix basis, int columns) {
        DMatrixRMaj out = new DMatrixRMaj(basis.rows(), columns);
        for (int i = 0; i < basis.rows(); i++) {
            for (int c = 0; c < columns; c++) {
                out.unsafe_set(i, c, basis.get(i, c));
            }
        }
        return out;
    }

    /**
     * Adds the next sample: the map {@code A(t)} at time {@code t}.
     *
     * @param t the time, finite and greater than the previous sample's
     * @param a the map, of the target's shape (not modified)
     * @throws IllegalArgumentException if the time is not finite or not increasing, the map is null or of another
     *                                  shape, its loss overflows, or its SVD does not converge or is not finite;
     *                                  the message names the sample (index and time) and the tracker is unchanged
     */
    public void add(double t, Matrix a) {
        int j = times.size();
        if (!Double.isFinite(t)) {
            throw Arguments.fail("sample " + j + " (t)", t, "a finite time");
        }
        if (j > 0) {
            double last = times.get(j - 1);
            if (!(t > last)) {
                throw Arguments.fail("sample " + j + " (t)", t,
                        "a time > " + last + ", the time of sample " + (j - 1) + " (times strictly increasing)");
            }
        }
        if (a == null) {
            throw Arguments.fail(sample(j, t), null, "a non-null value");
        }
        if (!a.hasShape(m, n)) {
            throw Arguments.fail(sample(j, t), a.shape(),
                    m + " x " + n + ", the shape of the target and of every sample");
        }

        a.copyTo(input.data, 0);
        double sum = 0;
        for (int k = 0; k < targetEntries.length; k++) {
            double d = input.data[k] - targetEntries[k];
            sum += d * d;
        }
        double loss = 0.5 * sum;
        if (loss == Double.POSITIVE_INFINITY) {
            // the squares' sum overflowed; half of it may not (rare: a temporary for the scaled sum)
            double[] difference = new double[targetEntries.length];
            for (int k = 0; k < difference.length; k++) {
                difference[k] = input.data[k] - targetEntries[k];
            }
            loss = Matrix.scaledHalfSquaredNorm(difference, 0, difference.length);
        }
        if (!Double.isFinite(loss)) {
            throw Arguments.fail(sample(j, t), a, "a map whose loss 1/2 ||A - A*||_F^2 is finite");
        }
        // the aligned coordinates and the part of A outside the target's bases before the SVD, which may overwrite A
        products.gemm(false, false, 1.0, input, targetV, 0.0, mapTimesV);
        products.gemm(true, false, 1.0, targetU, mapTimesV, 0.0, projection);
        double coupling = AlignedCoordinates.coupling(products, m, n, input.data, targetU.data, targetV.data,
                mapTimesV.data, projection.data, outside);
        if (!svd.decompose(input, raw, rawU, rawV)) {
            throw Arguments.fail(sample(j, t), a, "a map whose SVD converges");
        }
        for (int k = 0; k < p; k++) {
            if (!Double.isFinite(raw[k])) {
                throw Arguments.fail(sample(j, t), a, "a map with finite singular values");
            }
        }
        descendingOrder();
        double[] sorted = new double[p];
        for (int k = 0; k < p; k++) {
            sorted[k] = Math.abs(raw[order[k]]);
        }
        clusters(sorted);
        if (!continueNullVectors(sorted, j == 0)) {
            throw Arguments.fail(sample(j, t), a, "a map whose SVD converges (null-space continuation)");
        }

        double[] sigma = new double[p];
        int[] position = new int[p];
        if (!(j == 0 ? start(sorted, sigma, position) : continueFrom(sorted, sigma, position))) {
            throw Arguments.fail(sample(j, t), a, "a map whose SVD converges (cluster rotation)");
        }
        products.gemm(true, false, 1.0, leadU, nextU, 0.0, cosU);
        products.gemm(true, false, 1.0, leadV, nextV, 0.0, cosV);
        double[] left = new double[p * cosineModes];
        double[] right = new double[p * cosineModes];
        for (int k = 0; k < p; k++) {
            for (int i = 0; i < cosineModes; i++) {
                // cosines of unit vectors: the rounded products can leave [-1, 1] by a few ulps
                left[k * cosineModes + i] = clampCosine(cosU.unsafe_get(i, k));
                right[k * cosineModes + i] = clampCosine(cosV.unsafe_get(i, k));
            }
        }
        int targetModes = projection.numRows;
        double[] alignedModes = new double[targetModes];
        for (int i = 0; i < targetModes; i++) {
            alignedModes[i] = projection.unsafe_get(i, i);
        }
        if (Double.isNaN(coupling)) {
            // an entry of P is not finite (the map's is: its loss is)
            throw Arguments.fail(sample(j, t), a, "a map whose aligned coordinates U*^T A V* are finite");
        }

        // commit: nothing above changed the tracker's state
        DMatrixRMaj swap = trackedU;
        trackedU = nextU;
        nextU = swap;
        swap = trackedV;
        trackedV = nextV;
        nextV = swap;
        times.add(t);
        losses.add(loss);
        couplings.add(coupling);
        aligned.add(alignedModes);
        spectra.add(sorted);
        trackedSigmas.add(sigma);
        positions.add(position);
        leftCosines.add(left);
        rightCosines.add(right);
        flagAmbiguities(j, t);
        ambiguities.endSample(j);
    }

    /** How a failure names the sample's map; formed only when one is thrown. */
    private static String sample(int j, double t) {
        return "sample " + j + " (t = " + t + "): map";
    }

    /**
     * Flags this sample's clusters of more than one mode (their identities, ascending) and its weak continuations;
     * the lists are formed only where there is something to flag.
     */
    private void flagAmbiguities(int j, double t) {
        for (int c = 0; c < clusterCount; c++) {
            int from = clusterStart[c];
            int to = clusterStart[c + 1];
            if (to - from > 1) {
                Integer[] ids = new Integer[to - from];
                for (int x = from; x < to; x++) {
                    ids[x - from] = members[x];
                }
                ambiguities.flag(j, t, Ambiguity.Reason.CLOSE_VALUES, List.of(ids));
            }
        }
        int weakCount = 0;
        for (int id = 0; id < p; id++) {
            weakCount += weak[id] ? 1 : 0;
        }
        if (weakCount > 0) {
            Integer[] ids = new Integer[weakCount];
            int k = 0;
            for (int id = 0; id < p; id++) {
                if (weak[id]) {
                    ids[k++] = id;
                }
            }
            ambiguities.flag(j, t, Ambiguity.Reason.WEAK_OVERLAP, List.of(ids));
        }
    }

    /**
     * The raw SVD columns in descending order of |singular value| (ties by column), into {@link #order}: a stable
     * bottom-up merge sort of the column indices, with {@link #mergeBuffer} as its scratch.
     */
    private void descendingOrder() {
        boolean sorted = true;
        for (int k = 0; k < p; k++) {
            order[k] = k;
            sorted &= k == 0 || Math.abs(raw[k - 1]) >= Math.abs(raw[k]);
        }
        if (sorted) { // dgesdd's order: already the sort's answer (equal values keep column order)
            return;
        }
        int[] from = order;
        int[] to = mergeBuffer;
        for (int width = 1; width < p; width *= 2) {
            for (int lo = 0; lo < p; lo += 2 * width) {
                int mid = Math.min(lo + width, p);
                int hi = Math.min(lo + 2 * width, p);
                int x = lo;
                int y = mid;
                for (int k = lo; k < hi; k++) {
                    // the left run's entry first unless the right one's value is strictly larger (stable: ties by
                    // column, as the columns start in ascending order)
                    if (x < mid && (y >= hi || Math.abs(raw[from[x]]) >= Math.abs(raw[from[y]]))) {
                        to[k] = from[x++];
                    } else {
                        to[k] = from[y++];
                    }
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        if (from != order) {
            System.arraycopy(from, 0, order, 0, p);
        }
    }

    /**
     * Runs of positions whose adjacent gaps are at most clusterTolerance * sigma_max, split where the values pass
     * from non-zero to {@linkplain #numericallyZero numerically zero}: a zero value pairs its u and v in no
     * particular way, so it never shares a cluster (one rotation for both sides) with a value whose vectors are a
     * pair. Cluster c holds the positions {@code clusterStart[c] .. clusterStart[c + 1] - 1}.
     */
    private void clusters(double[] sorted) {
        double gap = settings.clusterTolerance() * sorted[0];
        clusterCount = 0;
        clusterStart[0] = 0;
        for (int k = 1; k <= p; k++) {
            if (k == p || sorted[k - 1] - sorted[k] > gap
                    || numericallyZero(sorted[k], sorted[0]) != numericallyZero(sorted[k - 1], sorted[0])) {
                int c = clusterCount++;
                clusterStart[c + 1] = k;
                for (int pos = clusterStart[c]; pos < k; pos++) {
                    clusterOfPosition[pos] = c;
                }
            }
        }
    }

    /**
     * The first sample: identities are the positions; within a cluster of close values, whose vectors the map does
     * not define one by one, the basis of the cluster's subspace closest to the target's vectors of the modes that
     * weigh most in it (by orthogonal Procrustes, as later samples are continued; a review of 2026-12-08: the
     * solver's basis made the identities of an aligned start with equal modes the solver's, tracked mode 0 ending
     * on target mode 1 on LAPACK and 2 on EJML), identity {@code from + y} taking target mode {@code S[y]}'s
     * direction, {@code S} ascending; signs make the largest target cosine positive (for a numerically zero value,
     * whose u and v are no pair, each side's own). False if a cluster rotation's SVD did not converge.
     */
    private boolean start(double[] sorted, double[] sigma, int[] position) {
        // the target's vectors in place of the previous tracked ones: overlapU(i, column) = u*_i^T u_column
        products.gemm(true, false, 1.0, targetU, rawU, 0.0, overlapU);
        products.gemm(true, false, 1.0, targetV, rawV, 0.0, overlapV);
        for (int c = 0; c < clusterCount; c++) {
            int from = clusterStart[c];
            int to = clusterStart[c + 1];
            if (to - from == 1) {
                copyColumn(rawU, order[from], 1, nextU, from);
                copyColumn(rawV, order[from], 1, nextV, from);
                sigma[from] = sorted[from];
            } else {
                // the rotation of continueFrom's procrustes, toward the target's vectors of modes S = members[..]
                closestTargetModes(from, to);
                if (!rotate(sorted, from, to, false, sigma)) {
                    return false;
                }
            }
        }
        // the target cosines of the vectors now chosen, into the overlaps' buffers (the rotations are done with them)
        DMatrixRMaj cos = overlapU;
        DMatrixRMaj cosRight = overlapV;
        products.gemm(true, false, 1.0, targetU, nextU, 0.0, cos);
        products.gemm(true, false, 1.0, targetV, nextV, 0.0, cosRight);
        for (int k = 0; k < p; k++) {
            boolean zero = numericallyZero(sorted[k], sorted[0]);
            double sign = largestCosineSign(cos, nextU, k);
            // a (numerically) zero value pairs u and v in neither sign: v's own largest target cosine for it
            double signRight = zero ? largestCosineSign(cosRight, nextV, k) : sign;
            if (sign < 0) {
                copyColumn(nextU, k, -1, nextU, k);   // in place, entry by entry: a column times -1, exactly
            }
            if (signRight < 0) {
                copyColumn(nextV, k, -1, nextV, k);
            }
            position[k] = k;
            members[k] = k;
            weak[k] = false;
        }
        return true;
    }

    /**
     * The sign that makes column {@code k}'s largest target cosine ({@code cos}'s column k) positive; where the
     * vector is orthogonal to the target's basis, its largest entry's.
     */
    private static double largestCosineSign(DMatrixRMaj cos, DMatrixRMaj vectors, int k) {
        double best = 0;
        for (int i = 0; i < cos.numRows; i++) {
            double c = cos.unsafe_get(i, k);
            if (Math.abs(c) > Math.abs(best)) {
                best = c;
            }
        }
        if (best == 0) { // orthogonal to the target's basis: fall back on the vector's largest entry
            for (int i = 0; i < vectors.numRows; i++) {
                double c = vectors.unsafe_get(i, k);
                if (Math.abs(c) > Math.abs(best)) {
                    best = c;
                }
            }
        }
        return best < 0 ? -1 : 1;
    }

    /**
     * Into {@code members[from .. to - 1]}: the {@code to - from} target modes that weigh most in the cluster's
     * subspace, {@code sum_x (u*_i^T u_x)^2 + (v*_i^T v_x)^2} over its vectors (ties to the smaller index),
     * ascending; from the target overlaps {@link #start} puts in {@code overlapU} and {@code overlapV}, through the
     * null-space continuation's buffers (done with for the sample when {@code start} runs).
     */
    private void closestTargetModes(int from, int to) {
        Arrays.fill(nullWeight, 0.0);
        for (int i = 0; i < p; i++) {
            for (int x = from; x < to; x++) {
                double u = overlapU.unsafe_get(i, order[x]);
                double v = overlapV.unsafe_get(i, order[x]);
                nullWeight[i] += u * u + v * v;
            }
        }
        largestWeights(to - from, members, from);
    }

    /**
     * Into {@code out[at .. at + count - 1]}: the indices of the {@code count} largest of {@link #nullWeight}'s
     * {@code p} weights (ties to the smaller index), ascending; {@link #nullChosen} is its scratch. {@code O(count p)},
     * nothing allocated: the choice of {@link #closestTargetModes} and {@link #continueNullVectors}.
     */
    private void largestWeights(int count, int[] out, int at) {
        Arrays.fill(nullChosen, false);
        for (int y = 0; y < count; y++) {
            int best = -1;
            for (int k = 0; k < p; k++) {
                if (!nullChosen[k] && (best < 0 || nullWeight[k] > nullWeight[best])) {
                    best = k;
                }
            }
            nullChosen[best] = true;
        }
        int y = at;
        for (int k = 0; k < p; k++) {
            if (nullChosen[k]) {
                out[y++] = k;
            }
        }
    }

    /**
     * A later sample: assign identities to clusters by overlap, fix signs, rotate clusters by Procrustes; false if
     * a cluster rotation's SVD did not converge.
     */
    private boolean continueFrom(double[] sorted, double[] sigma, int[] position) {
        products.gemm(true, false, 1.0, trackedU, rawU, 0.0, overlapU);
        products.gemm(true, false, 1.0, trackedV, rawV, 0.0, overlapV);
        int q = clusterCount;
        int[] assigned = assign();

        Arrays.fill(filled, 0, q, 0);
        for (int id = 0; id < p; id++) { // ascending identities within each cluster
            int c = assigned[id];
            members[clusterStart[c] + filled[c]++] = id;
        }
        for (int c = 0; c < q; c++) {
            int from = clusterStart[c];
            int to = clusterStart[c + 1];
            if (to - from == 1) {
                int id = members[from];
                int column = order[from];
                double du = overlapU.unsafe_get(id, column);
                double dv = overlapV.unsafe_get(id, column);
                if (numericallyZero(sorted[from], sorted[0])) {
                    // a (numerically) zero value pairs u and v in neither sign: keep each continuous on its own
                    copyColumn(rawU, column, du < 0 ? -1 : 1, nextU, id);
                    copyColumn(rawV, column, dv < 0 ? -1 : 1, nextV, id);
                } else {
                    // the sign of du + dv keeps the vector that moved less continuous; where u and v disagree to
                    // rounding (the mode's value changed sign with neither moving: the pair is (u, -v) or (-u, v),
                    // du + dv is rounding noise and its sign the solver's), u is kept continuous
                    boolean disagree = Math.abs(du + dv) <= SIGN_TIE * (Math.abs(du) + Math.abs(dv));
                    double sign = (disagree ? du : du + dv) < 0 ? -1 : 1;
                    copyColumn(rawU, column, sign, nextU, id);
                    copyColumn(rawV, column, sign, nextV, id);
                }
                sigma[id] = sorted[from];
                position[id] = from;
            } else if (!procrustes(sorted, from, to, sigma, position)) {
                return false;
            }
            for (int x = from; x < to; x++) {
                weak[members[x]] = weight(members[x], from, to) < settings.overlapThreshold();
            }
        }
        return true;
    }

    /**
     * The overlap of tracked mode {@code id} with the cluster of positions {@code from .. to - 1}:
     * {@code ||P_U u_prev|| * ||P_V v_prev||}, i.e. {@code |u_prev^T u| * |v_prev^T v|} for a single mode.
     */
    private double weight(int id, int from, int to) {
        double su = 0;
        double sv = 0;
        for (int pos = from; pos < to; pos++) {
            double x = overlapU.unsafe_get(id, order[pos]);
            double y = overlapV.unsafe_get(id, order[pos]);
            su += x * x;
            sv += y * y;
        }
        return Math.sqrt(su * sv);
    }

    /**
     * Greedy assignment of identities to clusters (each cluster takes as many identities as it has positions),
     * largest overlap first, ties by identity then cluster. When every identity's best cluster is oversubscribed
     * by nobody, that is the greedy answer and costs {@code O(p^2)}, in this tracker's scratch arrays; otherwise
     * the lazy greedy below allocates its {@code p q} weights and queue.
     */
    private int[] assign() {
        int q = clusterCount;
        int[] best = assignment;
        int[] demand = demandScratch;
        double[] wu = weightU;
        double[] wv = weightV;
        Arrays.fill(demand, 0, q, 0);
        for (int id = 0; id < p; id++) {
            Arrays.fill(wu, 0, q, 0);
            Arrays.fill(wv, 0, q, 0);
            for (int pos = 0; pos < p; pos++) {
                double x = overlapU.unsafe_get(id, order[pos]);
                double y = overlapV.unsafe_get(id, order[pos]);
                wu[clusterOfPosition[pos]] += x * x;
                wv[clusterOfPosition[pos]] += y * y;
            }
            int argmax = 0;
            double largest = Math.sqrt(wu[0] * wv[0]);
            for (int c = 1; c < q; c++) {
                double w = Math.sqrt(wu[c] * wv[c]);
                if (w > largest) {
                    largest = w;
                    argmax = c;
                }
            }
            best[id] = argmax;
            demand[argmax]++;
        }
        boolean unique = true;
        for (int c = 0; c < q && unique; c++) {
            unique = demand[c] == clusterStart[c + 1] - clusterStart[c];
        }
        if (unique) {
            return best;
        }
        double[] weights = new double[p * q];
        for (int id = 0; id < p; id++) {
            for (int c = 0; c < q; c++) {
                weights[id * q + c] = weight(id, clusterStart[c], clusterStart[c + 1]);
            }
        }
        // the greedy over all pairs (id, c) by weight, descending, then pair index id * q + c, ascending, taking a
        // pair while its id is free and its cluster has room; done lazily: each free id offers its best pair among
        // the clusters with room, the best offer is taken or, its cluster full, replaced by the id's next one (a
        // full cluster stays full, so this takes the same pairs as sorting all p q of them, which cost 14-16 ms of
        // a 30 ms sample at n = 256)
        int[] assigned = best;
        Arrays.fill(assigned, -1);
        int[] capacity = demand;
        for (int c = 0; c < q; c++) {
            capacity[c] = clusterStart[c + 1] - clusterStart[c];
        }
        int[] offer = new int[p];
        PriorityQueue<Integer> offers = new PriorityQueue<>(Math.max(1, p), (x, y) -> {
            int c = Double.compare(weights[offer[y]], weights[offer[x]]);
            return c != 0 ? c : Integer.compare(offer[x], offer[y]);
        });
        for (int id = 0; id < p; id++) {
            offer[id] = bestOffer(weights, id, q, capacity);
            offers.add(id);
        }
        int done = 0;
        while (done < p && !offers.isEmpty()) {
            int id = offers.poll();
            int c = offer[id] % q;
            if (capacity[c] > 0) {
                assigned[id] = c;
                capacity[c]--;
                done++;
            } else {
                offer[id] = bestOffer(weights, id, q, capacity);
                if (offer[id] >= 0) {
                    offers.add(id);
                }
            }
        }
        return assigned;
    }

    /**
     * On the long side of a map that is not square, the vectors of its numerically zero values: the SVD returns
     * {@code z} of them, some of a null space of dimension {@code max(m, n) - r} larger than they (for rank r), the
     * solver's choice at every sample, so that their cosines were noise and their overlaps flagged weak where the
     * map had not moved (a review of 2026-12-08). They are replaced by the continuation of the previous tracked
     * vectors (at the first sample, the target's) that lie most in that null space: the {@code z} of largest
     * projection {@code W} onto it (ties to the smaller index), made orthonormal as {@code W (W^T W)^{-1/2}}, the
     * orthonormal set closest to them (skipped where {@code W^T W} is the identity to 1e-14, the usual case of a null
     * space that has not moved), and once more on the result where that is not (the Gram matrix squares the
     * conditioning). Where {@code W^T W} has an eigenvalue below 1e-6 (a part too small to carry a direction), the
     * solver's vectors stay. Products through the backend ({@code 2 d p^2 + 2 d z (r + z)} flops, and
     * {@code 2 d z^2} more a pass) and, where needed, the SVD of the {@code z x z} Gram matrix on the tracker's
     * solver; nothing allocated but that solver, once per size (the first version's column loops took 400 ms per
     * 512 x 256 sample of rank 4, a review found). False if that SVD did not converge.
     */
    private boolean continueNullVectors(double[] sorted, boolean first) {
        if (m == n) {
            return true;
        }
        int r = 0;
        while (r < p && !numericallyZero(sorted[r], sorted[0])) {
            r++;
        }
        int z = p - r;
        if (z == 0) {
            return true;
        }
        boolean left = m > n;
        DMatrixRMaj raws = left ? rawU : rawV;
        DMatrixRMaj previous = first ? (left ? targetU : targetV) : (left ? trackedU : trackedV);
        int d = raws.numRows;
        products.gemm(true, false, 1.0, raws, previous, 0.0, nullOverlap);
        // each previous vector's squared part in the null space: 1 less its squares along the non-zero values'
        for (int k = 0; k < p; k++) {
            double along = 0;
            for (int pos = 0; pos < r; pos++) {
                double x = nullOverlap.unsafe_get(order[pos], k);
                along += x * x;
            }
            nullWeight[k] = 1 - along;
        }
        // the z of largest part (ties to the smaller index), in ascending order
        largestWeights(z, nullIndex, 0);
        // W = T - R (R^T T): the chosen previous vectors T (d x z) less their parts along the non-zero values'
        // vectors R (d x r), whose overlaps with them are in nullOverlap
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < z; c++) {
                nullProjection[i * z + c] = previous.unsafe_get(i, nullIndex[c]);
            }
            for (int pos = 0; pos < r; pos++) {
                nullRange[i * r + pos] = raws.unsafe_get(i, order[pos]);
            }
        }
        if (r > 0) {
            for (int pos = 0; pos < r; pos++) {
                for (int c = 0; c < z; c++) {
                    nullCoefficients[pos * z + c] = nullOverlap.unsafe_get(order[pos], nullIndex[c]);
                }
            }
            products.gemm(false, false, d, z, r, -1.0, nullRange, 0, nullCoefficients, 0, 1.0, nullProjection, 0);
        }
        // the orthonormal set closest to W, W (W^T W)^{-1/2}, its columns in the same order; W itself where its Gram
        // matrix is the identity to rounding. The Gram matrix squares W's conditioning, so a second pass takes what
        // the first leaves (about 1e-10 from W^T W's eigenvalues near the 1e-6 cut, a review found) to rounding
        double[] vectors = nullProjection;
        for (int pass = 0; pass < 2; pass++) {
            products.gemm(true, false, z, z, d, 1.0, vectors, 0, vectors, 0, 0.0, nullGram, 0);
            double offIdentity = 0;
            for (int a = 0; a < z; a++) {
                for (int c = 0; c < z; c++) {
                    offIdentity = Math.max(offIdentity, Math.abs(nullGram[a * z + c] - (a == c ? 1 : 0)));
                }
            }
            if (offIdentity <= 1e-14) {
                break;
            }
            if (clusterSvds[z] == null) {
                clusterSvds[z] = SingularValueSolver.named(svd.name(), z, z);
            }
            clusterB.reshape(z, z);
            clusterX.reshape(z, z);
            clusterY.reshape(z, z);
            System.arraycopy(nullGram, 0, clusterB.data, 0, z * z);
            if (!clusterSvds[z].decompose(clusterB, clusterValues, clusterX, clusterY)) {
                return false;
            }
            for (int c = 0; c < z; c++) {
                if (!(clusterValues[c] >= 1e-6)) {
                    return true;   // a part too small to carry a direction: the solver's vectors stay
                }
            }
            // (W^T W)^{-1/2} = X S^{-1/2} Y^T (X = Y for the symmetric positive definite Gram matrix)
            for (int a = 0; a < z; a++) {
                for (int c = 0; c < z; c++) {
                    clusterX.unsafe_set(a, c, clusterX.unsafe_get(a, c) / Math.sqrt(clusterValues[c]));
                }
            }
            products.gemm(false, true, z, z, z, 1.0, clusterX.data, 0, clusterY.data, 0, 0.0, nullGram, 0);
            double[] into = vectors == nullProjection ? nullVectors : nullProjection;
            products.gemm(false, false, d, z, z, 1.0, vectors, 0, nullGram, 0, 0.0, into, 0);
            vectors = into;
        }
        for (int c = 0; c < z; c++) {
            int column = order[r + c];
            for (int i = 0; i < d; i++) {
                raws.unsafe_set(i, column, vectors[i * z + c]);
            }
        }
        return true;
    }

    /**
     * Whether a singular value is zero but for the SVD's rounding ({@code 8 max(m, n)} ulps of the largest): such a
     * value pairs its left and right vectors in no particular way. A small value above that (1e-7 of the largest,
     * say) is a singular value whose vectors are a pair, however close it is to others.
     */
    private boolean numericallyZero(double value, double largest) {
        return value <= 8.0 * Math.max(m, n) * Math.ulp(largest);
    }

    /**
     * The pair index {@code id * q + c} of identity {@code id}'s best pair among the clusters with room: the largest
     * weight, then the smallest {@code c}; -1 if no cluster has room.
     */
    private static int bestOffer(double[] weights, int id, int q, int[] capacity) {
        int best = -1;
        for (int c = 0; c < q; c++) {
            if (capacity[c] > 0 && (best < 0 || weights[id * q + c] > weights[best])) {
                best = id * q + c;
            }
        }
        return best;
    }

    /**
     * Continues the identities {@code members[from .. to - 1]} into the cluster of close values at positions
     * {@code from .. to - 1}: the basis {@code (U_C Q, V_C Q)} of the cluster's subspace closest to the previous
     * tracked vectors, {@code Q = polar(U_C^T U_prev + V_C^T V_prev)}; each identity's value is its Rayleigh
     * quotient {@code sum_x Q_xy^2 sigma_x}. A cluster of (numerically) zero values pairs its left and right
     * vectors in no particular way, so each side gets its own rotation, {@code polar(U_C^T U_prev)} and
     * {@code polar(V_C^T V_prev)}, as a single zero value keeps each sign on its own. False if an SVD did not
     * converge.
     */
    private boolean procrustes(double[] sorted, int from, int to, double[] sigma, int[] position) {
        if (!rotate(sorted, from, to, true, sigma)) {
            return false;
        }
        for (int c = 0; c < to - from; c++) {
            position[members[from + c]] = from + c;
        }
        return true;
    }

    /**
     * The rotation of {@link #procrustes}: column {@code c} of {@code (U_C Q, V_C Q)}, {@code Q} the polar factor
     * toward the vectors of {@code members[from + c]} whose overlaps are in {@code overlapU} and {@code overlapV},
     * goes to column {@code members[from + c]} of the next vectors ({@code intoMembers}: a later sample's
     * identities) or {@code from + c} (the first sample's positions), with its Rayleigh quotient in {@code sigma}.
     */
    private boolean rotate(double[] sorted, int from, int to, boolean intoMembers, double[] sigma) {
        int s = to - from;
        boolean zero = numericallyZero(sorted[from], sorted[0]);
        if (!rotation(from, to, true, !zero, rotationU)) {
            return false;
        }
        DMatrixRMaj sideV = rotationU;
        if (zero) {
            if (!rotation(from, to, false, true, rotationV)) {
                return false;
            }
            sideV = rotationV;
        }
        for (int c = 0; c < s; c++) {
            int column = intoMembers ? members[from + c] : from + c;
            double value = 0;
            for (int r = 0; r < s; r++) {
                qU[r] = rotationU.unsafe_get(r, c);
                qV[r] = sideV.unsafe_get(r, c);
                value += qU[r] * qU[r] * sorted[from + r];
            }
            combineColumns(rawU, from, to, qU, nextU, column);
            combineColumns(rawV, from, to, qV, nextV, column);
            sigma[column] = value;
        }
        return true;
    }

    /**
     * {@code polar(B) = X Y^T} for {@code B = X S Y^T}, {@code B_xy} the overlap of the cluster's vector {@code x}
     * with identity {@code members[from + y]}'s previous one, over the left vectors, the right ones, or both
     * summed, into {@code q} (reshaped to s x s). The SVD is the tracker's own solver (LAPACK's {@code dgesdd} where
     * in use), one kept for each cluster size met, with its buffers; false if it did not converge.
     */
    private boolean rotation(int from, int to, boolean left, boolean right, DMatrixRMaj q) {
        int s = to - from;
        if (clusterSvds[s] == null) {
            clusterSvds[s] = SingularValueSolver.named(svd.name(), s, s);
        }
        SingularValueSolver clusterSvd = clusterSvds[s];
        clusterB.reshape(s, s);
        clusterX.reshape(s, s);
        clusterY.reshape(s, s);
        q.reshape(s, s);
        for (int x = 0; x < s; x++) {
            int column = order[from + x];
            for (int y = 0; y < s; y++) {
                int id = members[from + y];
                clusterB.unsafe_set(x, y, (left ? overlapU.unsafe_get(id, column) : 0)
                        + (right ? overlapV.unsafe_get(id, column) : 0));
            }
        }
        if (!clusterSvd.decompose(clusterB, clusterValues, clusterX, clusterY)) {
            return false;
        }
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                double sum = 0;
                for (int k = 0; k < s; k++) {
                    sum += clusterX.unsafe_get(r, k) * clusterY.unsafe_get(c, k);
                }
                q.unsafe_set(r, c, sum);
            }
        }
        return true;
    }

    private static void copyColumn(DMatrixRMaj from, int column, double sign, DMatrixRMaj to, int target) {
        for (int i = 0; i < from.numRows; i++) {
            to.unsafe_set(i, target, sign * from.unsafe_get(i, column));
        }
    }

    /** Column {@code target} of {@code to} = {@code sum_x q[x]} times raw column {@code order[from + x]}. */
    private void combineColumns(DMatrixRMaj raws, int from, int to, double[] q, DMatrixRMaj out, int target) {
        for (int i = 0; i < raws.numRows; i++) {
            double sum = 0;
            for (int x = 0; x < to - from; x++) {
                sum += q[x] * raws.unsafe_get(i, order[from + x]);
            }
            out.unsafe_set(i, target, sum);
        }
    }

    /**
     * The target the samples are measured against.
     *
     * @return the target
     */
    public Target target() {
        return target;
    }

    /**
     * The tolerances in use.
     *
     * @return the settings
     */
    public TrackerSettings settings() {
        return settings;
    }

    /**
     * How many samples were added.
     *
     * @return the count
     */
    public int samples() {
        return times.size();
    }

    /**
     * The sample times.
     *
     * @return a new array
     */
    public double[] times() {
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The singular values of the map at one sample, largest first: what {@link #rankSeries()} counts, for a caller
     * that wants one sample's without the whole history's.
     *
     * @param sample the sample's index, in {@code [0, samples())}
     * @return a new array of {@code min(m, n)} values
     * @throws IndexOutOfBoundsException if the index is outside that range
     */
    public double[] singularValues(int sample) {
        Arguments.index("sample", sample, 0, spectra.size() - 1);
        return spectra.get(sample).clone();
    }

    /**
     * The whitened loss {@code 1/2 ||A(t_j) - A*||_F^2} at each sample.
     *
     * @return a new array
     */
    public double[] losses() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The tracked singular modes so far.
     *
     * @return an immutable snapshot
     * @throws IllegalStateException if no sample was added
     */
    public TrackedModes trackedModes() {
        requireSamples();
        return new TrackedModes(times(), p, cosineModes, trackedSigmas, positions, leftCosines, rightCosines,
                ambiguities.snapshot());
    }

    /**
     * The aligned coordinates and coupling so far.
     *
     * @return an immutable snapshot
     * @throws IllegalStateException if no sample was added
     */
    public AlignedSeries alignedSeries() {
        requireSamples();
        return new AlignedSeries(times(), aligned, couplings.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The effective ranks so far; the numerical rank counts singular values above
     * {@link TrackerSettings#rankTolerance()} {@code * sigma_max(A*)}, the exact product, and above the map's
     * rounding, {@code max(m, n) eps sigma_max(A)} ({@link RankSeries#of(double[], double[][], double, double, int,
     * int)}, as {@code dl simulate --ranks} counts; the second decides only toward a zero target or on a diverged
     * map, where it counted the solver's rounding: a review of 2026-12-08). Where the product passes the largest
     * double (a tolerance above 1 with a huge target), no value is above it, the numerical rank is 0, as for any
     * tolerance above 1, and {@link RankSeries#threshold()} is infinite.
     *
     * @return an immutable snapshot
     * @throws IllegalStateException if no sample was added
     */
    public RankSeries rankSeries() {
        requireSamples();
        return RankSeries.of(times(), spectra.toArray(new double[0][]), settings.rankTolerance(),
                target.spectrum().sigmaMax(), m, n);
    }

    /**
     * The activation timeline of the aligned coordinates so far, every time interpolated between samples.
     *
     * @param fraction the activation fraction f, in (0, 1]
     * @return the timeline
     * @throws IllegalStateException    if no sample was added
     * @throws IllegalArgumentException if f is out of range
     */
    public ActivationTimeline activationTimeline(double fraction) {
        return activationTimeline(fraction, List.of());
    }

    /**
     * The activation timeline of the aligned coordinates so far, with crossings recorded as events.
     *
     * @param fraction the activation fraction f, in (0, 1]
     * @param recorded crossings of {@code f * sigma_i} located by the caller, at most one per mode
     * @return the timeline
     * @throws IllegalStateException    if no sample was added
     * @throws IllegalArgumentException as
     *                                  {@link ActivationTimeline#detect(double[], double[][], double[], double, List)}
     */
    public ActivationTimeline activationTimeline(double fraction, List<CrossingEvent> recorded) {
        return ActivationTimeline.detect(times(), alignedSeries().allModes(), target.spectrum().singularValues(),
                fraction, recorded);
    }

    /**
     * The plateaus of the loss so far, each beside the target's best rank-r residual.
     *
     * @param band        the relative band, {@code >= 0}
     * @param minDuration the shortest plateau, {@code > 0}
     * @return the plateaus, in time order
     * @throws IllegalStateException    if no sample was added
     * @throws IllegalArgumentException if the band or the duration is out of range (as {@link Plateaus})
     */
    public List<Plateau> plateaus(double band, double minDuration) {
        requireSamples();
        return Plateaus.detect(times(), losses(), target.spectrum(), band, minDuration);
    }

    /**
     * The left singular vector of a tracked mode at the latest sample, with its tracked sign.
     *
     * @param mode the tracked mode, 0-based
     * @return a new array of m entries
     * @throws IllegalStateException    if no sample was added
     * @throws IndexOutOfBoundsException if the mode is out of range
     */
    public double[] leftVector(int mode) {
        return column(trackedU, mode);
    }

    /**
     * The right singular vector of a tracked mode at the latest sample, with its tracked sign.
     *
     * @param mode the tracked mode, 0-based
     * @return a new array of n entries
     * @throws IllegalStateException    if no sample was added
     * @throws IndexOutOfBoundsException if the mode is out of range
     */
    public double[] rightVector(int mode) {
        return column(trackedV, mode);
    }

    private double[] column(DMatrixRMaj vectors, int mode) {
        requireSamples();
        Arguments.index("mode", mode, 0, p - 1);
        double[] out = new double[vectors.numRows];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectors.unsafe_get(i, mode);
        }
        return out;
    }

    private void requireSamples() {
        if (times.isEmpty()) {
            throw new IllegalStateException("no sample added yet: call add(t, map) first");
        }
    }

    /** A computed cosine of two unit vectors clamped to [-1, 1], where the exact value lies. */
    private static double clampCosine(double c) {
        return Math.max(-1.0, Math.min(1.0, c));
    }
}
