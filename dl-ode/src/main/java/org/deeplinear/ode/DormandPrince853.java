package org.deeplinear.ode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplinear.core.products.ProductBackend;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.EquationsMapper;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.StepsizeHelper;
import org.hipparchus.ode.sampling.AbstractODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.util.FastMath;

/**
 * Dormand and Prince's explicit Runge-Kutta method of order 8 with error estimators of orders 5 and 3 and a
 * dense output of order 7 (DOP853; Hairer, Norsett and Wanner, <i>Solving Ordinary Differential Equations I</i>,
 * 2nd ed., section II.10), written for this package's flows: the same method, tableau, error norm and step
 * control as Hipparchus's {@code DormandPrince853Integrator}, evaluated the way the flows need it, but for one rule
 * of Hairer's {@code dop853.f} (and SciPy's): the step after one that was rejected and retried does not grow.
 *
 * <ul>
 *   <li><b>Twelve evaluations per accepted step, eleven per rejected one.</b> The first stage is the derivative
 *       at the end of the previous step (first same as last); the derivative at the new end point is evaluated
 *       only once a step is accepted (the error estimators give it weight 0). Hipparchus makes fifteen
 *       evaluations on every attempt (all sixteen stages but the first, the three of the dense output
 *       included).</li>
 *   <li><b>Dense output on demand.</b> The three extra stages and the last four of the degree-7 polynomial's
 *       seven vectors are computed the first time a step is asked for a state strictly inside it (a sample time,
 *       an event check), once per step, in buffers made at the first such request (the extra stages reuse
 *       those of stages 1 to 3, which the dense output does not read; the first three vectors come from the
 *       step's ends); the ends of a step are returned as they are. The derivative of an interpolated state is
 *       the polynomial's, formed from the step's mean slope {@code sum_j b_j k_j} rather than from
 *       {@code (y1 - y0) / h}, which loses the digits {@code y0} and {@code y1} share (all of them on a step of a
 *       few ulps). Interpolated states are remembered for the step (up to eight within 64 MiB, and always at
 *       least one, however large the state), so that several event detectors checking the same time share one
 *       interpolation; an interpolated state forms its derivative only when asked (event functions and samplers
 *       read values only).</li>
 *   <li><b>Stages as matrix products, in place.</b> The right-hand side writes each stage's derivative straight into
 *       its row. Where a four-row combination runs on BLAS (the flow's product backend says so: {@code
 *       ProductBackend.gemvInJava}; from 64 x 64 on the netlib backends), the rows are those of one array and each
 *       combination {@code y0 + h sum_j a_sj k_j} is one matrix-vector product ({@code dgemv}, on all of OpenBLAS's
 *       threads) over consecutive rows (two for stages 2 to 4, 14 and 15), the error estimators and the dense
 *       output's four vectors one matrix product each, as SciPy's DOP853 forms its stages; a combination reads a row
 *       of weight 0 (at most two in a row) only where it holds a stage of the same attempt, never a stale row that an
 *       overflow may have left non-finite. Below that size each row is an array of its own and the combinations are
 *       Java loops over the nonzero terms, four per pass, a block of 128 entries at a time: Java 17's compiler
 *       vectorises loops over arrays of their own but not over rows of one array at offsets it cannot align (the
 *       one-array layout ran a warm 32 x 32 flow 20-30% slower). Nothing is allocated per stage; per step, only the
 *       small objects Hipparchus's event and step-handler machinery receives (the end state, the interpolator, and
 *       each interpolated state). These states are {@link HandedOverState}s: they keep the arrays they are built on,
 *       which this package reads without the copies Hipparchus's states make when built and on every read, and the
 *       integrator reuses those arrays: an interpolated state's once its step is accepted (the state a stop ends the
 *       run on excepted), a step end's two steps later (it is still the next step's start). A state read after that
 *       throws an {@link IllegalStateException}; a state a run ends on stays readable, also through later runs. The
 *       loops in Java (the combinations of the second layout, the error norm, the interpolation) run a block of 128
 *       entries per call of a method of their own: such a method is compiled within a run's first steps, where one
 *       loop over the whole state, run once per step, waited interpreted for its on-stack replacement (some thirty
 *       steps at 32 x 32).</li>
 *   <li><b>An overflowing trial step is a rejected step.</b> A step too long for the flow can overflow in a stage
 *       (the right-hand side meets a non-finite state) or in its error estimate; that rejects it with the shortest
 *       reduction (a fifth), as a too-large error does, and the run goes on. When the next reduction would pass
 *       below four ulps of {@code t}, which the clock cannot resolve (or below the smallest step allowed, if
 *       longer), a step of that floor's length is tried; if that one is rejected too, the run ends: with the
 *       overflow that caused it (a divergence, for the runner) where the state's norm grows at that step's start
 *       ({@code <y_0, k_0> > 0}, or unknown), or else with Hipparchus's minimal-step error (where the norm
 *       shrinks, the overflow is the explicit method's instability on a step that cannot be shortened, not the
 *       flow's divergence: a decay far past its scale under an absolute tolerance far above it). The package's
 *       Dormand-Prince 5(4) rejects overflowing steps through its error estimate, but ends on the overflow at the
 *       step where a fifth passes below four ulps, without these two refinements; Gragg-Bulirsch-Stoer and the
 *       fixed-step methods end the run at the first non-finite stage.</li>
 * </ul>
 *
 * <p>Events and step handlers are Hipparchus's own ({@link #acceptStep}); the evaluations are counted, and held to
 * their budget, by the equation ({@link FlowEquation#limitEvaluations}), as for every method of the package, so
 * Hipparchus's {@code getEvaluations} counts only the derivatives it computes itself. The interpolators this
 * integrator hands to step handlers read its buffers: they are valid during the step handler's call only, and say so
 * with an {@link IllegalStateException} if used later; so are interpolated states, and step ends through the next step
 * (the handlers of this package read what they need during the call and keep only the last state reached, for a
 * failure's report: a step's end, or the state of an event that reset the state, which is not reused). Hipparchus's
 * {@code StepNormalizer}, which keeps an interpolated state from one step to the next, is therefore not supported.
 * Coefficients: SciPy's {@code dop853_coefficients.py}, from Hairer's {@code dop853.f}. Not thread-safe; one run at a
 * time.
 */
final class DormandPrince853 extends AdaptiveStepsizeIntegrator {

    /** The method's name, as Hipparchus names the same method. */
    static final String NAME = "Dormand-Prince 8 (5, 3)";

    private static final int ORDER = 8;
    private static final int STAGES = 12;
    private static final int END = 12;          // index of the derivative at the end point
    private static final int BLOCK = 128;       // entries per block of a loop over the state (see errorBlock)
    private static final int MEMORY = 8;        // interpolated states remembered per step, at most
    private static final long MEMORY_BYTES = 64L << 20;  // and at most this much of them
    private static final int ENDS = 3;          // step ends whose arrays are in use: a step's start and end, a spare
    private static final double SAFETY = 0.9;
    private static final double MIN_REDUCTION = 0.2;
    private static final double MAX_GROWTH = 10.0;
    private static final double EXPONENT = -1.0 / ORDER;

    /** Nodes c_s of the sixteen stages (twelve of the step, the end point, three of the dense output). */
    private static final double[] C = {
        0.0, 0.526001519587677318785587544488e-01, 0.789002279381515978178381316732e-01,
        0.118350341907227396726757197510, 0.281649658092772603273242802490, 0.333333333333333333333333333333, 0.25,
        0.307692307692307692307692307692, 0.651282051282051282051282051282, 0.6, 0.857142857142857142857142857142,
        1.0, 1.0, 0.1, 0.2, 0.777777777777777777777777777778
    };

    /** Coupling coefficients a_sj, j < s: row 12 is the weights b_j of the eighth-order solution. */
    private static final double[][] A = {
        {},
        {
            5.26001519587677318785587544488e-2
        },
        {
            1.97250569845378994544595329183e-2, 5.91751709536136983633785987549e-2
        },
        {
            2.95875854768068491816892993775e-2, 0.0, 8.87627564304205475450678981324e-2
        },
        {
            2.41365134159266685502369798665e-1, 0.0, -8.84549479328286085344864962717e-1,
            9.24834003261792003115737966543e-1
        },
        {
            3.7037037037037037037037037037e-2, 0.0, 0.0, 1.70828608729473871279604482173e-1,
            1.25467687566822425016691814123e-1
        },
        {
            3.7109375e-2, 0.0, 0.0, 1.70252211019544039314978060272e-1, 6.02165389804559606850219397283e-2,
            -1.7578125e-2
        },
        {
            3.70920001185047927108779319836e-2, 0.0, 0.0, 1.70383925712239993810214054705e-1,
            1.07262030446373284651809199168e-1, -1.53194377486244017527936158236e-2,
            8.27378916381402288758473766002e-3
        },
        {
            6.24110958716075717114429577812e-1, 0.0, 0.0, -3.36089262944694129406857109825,
            -8.68219346841726006818189891453e-1, 2.75920996994467083049415600797e1,
            2.01540675504778934086186788979e1, -4.34898841810699588477366255144e1
        },
        {
            4.77662536438264365890433908527e-1, 0.0, 0.0, -2.48811461997166764192642586468,
            -5.90290826836842996371446475743e-1, 2.12300514481811942347288949897e1,
            1.52792336328824235832596922938e1, -3.32882109689848629194453265587e1,
            -2.03312017085086261358222928593e-2
        },
        {
            -9.3714243008598732571704021658e-1, 0.0, 0.0, 5.18637242884406370830023853209,
            1.09143734899672957818500254654, -8.14978701074692612513997267357, -1.85200656599969598641566180701e1,
            2.27394870993505042818970056734e1, 2.49360555267965238987089396762, -3.0467644718982195003823669022
        },
        {
            2.27331014751653820792359768449, 0.0, 0.0, -1.05344954667372501984066689879e1,
            -2.00087205822486249909675718444, -1.79589318631187989172765950534e1, 2.79488845294199600508499808837e1,
            -2.85899827713502369474065508674, -8.87285693353062954433549289258, 1.23605671757943030647266201528e1,
            6.43392746015763530355970484046e-1
        },
        {
            5.42937341165687622380535766363e-2, 0.0, 0.0, 0.0, 0.0, 4.45031289275240888144113950566,
            1.89151789931450038304281599044, -5.8012039600105847814672114227, 3.1116436695781989440891606237e-1,
            -1.52160949662516078556178806805e-1, 2.01365400804030348374776537501e-1,
            4.47106157277725905176885569043e-2
        },
        {
            5.61675022830479523392909219681e-2, 0.0, 0.0, 0.0, 0.0, 0.0, 2.53500210216624811088794765333e-1,
            -2.46239037470802489917441475441e-1, -1.24191423263816360469010140626e-1,
            1.5329179827876569731206322685e-1, 8.20105229563468988491666602057e-3,
            7.56789766054569976138603589584e-3, -8.298e-3
        },
        {
            3.18346481635021405060768473261e-2, 0.0, 0.0, 0.0, 0.0, 2.83009096723667755288322961402e-2,
            5.35419883074385676223797384372e-2, -5.49237485713909884646569340306e-2, 0.0, 0.0,
            -1.08347328697249322858509316994e-4, 3.82571090835658412954920192323e-4,
            -3.40465008687404560802977114492e-4, 1.41312443674632500278074618366e-1
        },
        {
            -4.28896301583791923408573538692e-1, 0.0, 0.0, 0.0, 0.0, -4.69762141536116384314449447206,
            7.68342119606259904184240953878, 4.06898981839711007970213554331, 3.56727187455281109270669543021e-1,
            0.0, 0.0, 0.0, -1.39902416515901462129418009734e-3, 2.9475147891527723389556272149,
            -9.15095847217987001081870187138
        }
    };

    /** Weights of the fifth-order error estimate (stage 12, the end point, has weight 0). */
    private static final double[] E5 = {
        0.1312004499419488073250102996e-1, 0.0, 0.0, 0.0, 0.0, -0.1225156446376204440720569753e+1,
        -0.4957589496572501915214079952, 0.1664377182454986536961530415e+1, -0.3503288487499736816886487290,
        0.3341791187130174790297318841, 0.8192320648511571246570742613e-1, -0.2235530786388629525884427845e-1
    };

    /** b_j minus the third-order weights bhh_j: the third-order error estimate. */
    private static final double[] BHH = {
        0.244094488188976377952755905512, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.733846688281611857341361741547, 0.0,
        0.0, 0.220588235294117647058823529412e-1
    };

    /** Dense-output coefficients of the polynomial's last four vectors, over all sixteen stages. */
    private static final double[][] D = {
        {
            -0.84289382761090128651353491142e+1, 0.0, 0.0, 0.0, 0.0, 0.56671495351937776962531783590,
            -0.30689499459498916912797304727e+1, 0.23846676565120698287728149680e+1,
            0.21170345824450282767155149946e+1, -0.87139158377797299206789907490, 0.22404374302607882758541771650e+1,
            0.63157877876946881815570249290, -0.88990336451333310820698117400e-1, 0.18148505520854727256656404962e+2,
            -0.91946323924783554000451984436e+1, -0.44360363875948939664310572000e+1
        },
        {
            0.10427508642579134603413151009e+2, 0.0, 0.0, 0.0, 0.0, 0.24228349177525818288430175319e+3,
            0.16520045171727028198505394887e+3, -0.37454675472269020279518312152e+3,
            -0.22113666853125306036270938578e+2, 0.77334326684722638389603898808e+1,
            -0.30674084731089398182061213626e+2, -0.93321305264302278729567221706e+1,
            0.15697238121770843886131091075e+2, -0.31139403219565177677282850411e+2,
            -0.93529243588444783865713862664e+1, 0.35816841486394083752465898540e+2
        },
        {
            0.19985053242002433820987653617e+2, 0.0, 0.0, 0.0, 0.0, -0.38703730874935176555105901742e+3,
            -0.18917813819516756882830838328e+3, 0.52780815920542364900561016686e+3,
            -0.11573902539959630126141871134e+2, 0.68812326946963000169666922661e+1,
            -0.10006050966910838403183860980e+1, 0.77771377980534432092869265740,
            -0.27782057523535084065932004339e+1, -0.60196695231264120758267380846e+2,
            0.84320405506677161018159903784e+2, 0.11992291136182789328035130030e+2
        },
        {
            -0.25693933462703749003312586129e+2, 0.0, 0.0, 0.0, 0.0, -0.15418974869023643374053993627e+3,
            -0.23152937917604549567536039109e+3, 0.35763911791061412378285349910e+3,
            0.93405324183624310003907691704e+2, -0.37458323136451633156875139351e+2,
            0.10409964950896230045147246184e+3, 0.29840293426660503123344363579e+2,
            -0.43533456590011143754432175058e+2, 0.96324553959188282948394950600e+2,
            -0.39177261675615439165231486172e+2, -0.14972683625798562581422125276e+3
        }
    };

    /** Weights of the third-order error estimate, b_j - bhh_j; stage 12 has weight 0. */
    private static final double[] E3 = new double[STAGES];

    /**
     * The row that holds stage {@code s}'s derivative: stages 1..4 first, then the step's first stage
     * and stages 5..12 (the end point) in order, so that every combination the method forms reads its stages from one
     * block of consecutive rows (two for stages 2..4, whose terms are the first stage and one or two of stages 1..3,
     * and for the dense output's stages 14 and 15). The dense output's stages 13..15 go where stages 1..3 were, which
     * neither they nor the dense output read (their columns of {@link #A} and {@link #D} are zero), so the step's rows
     * serve its dense output too.
     */
    private static final int[] ROW = {4, 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 0, 1, 2};

    /** Rows of stage derivatives. */
    private static final int ROWS = END + 1;

    /** The most rows a combination reads with weight 0 (rows of stages already computed) to save a pass. */
    private static final int MOST_SKIPPED = 2;

    /** The stage combinations {@code sum_j a_sj k_j} of stages 1..15 (index s; 12 is the weights b_j). */
    private static final Combination[] STAGES_OF = new Combination[A.length];

    /** The error estimators' weights over rows 4..11 (stage 0 and stages 5..11), row-major 2 x 8: E5, then E3. */
    private static final double[] ERROR_WEIGHTS = new double[2 * 8];
    private static final int ERROR_FIRST_ROW = ROW[0];

    /** The dense output's weights over all rows, row-major 4 x {@link #ROWS} (F_3..F_6). */
    private static final double[] DENSE_WEIGHTS = new double[4 * ROWS];

    /** The same weights as combinations, for the layout of one array per row: E5, E3, then F_3..F_6. */
    private static final Combination ERROR5 = Combination.of(E5, END);
    private static final Combination ERROR3;
    private static final Combination[] DENSE_OF = new Combination[D.length];

    static {
        for (int j = 0; j < STAGES; j++) {
            E3[j] = A[END][j] - BHH[j];
        }
        ERROR3 = Combination.of(E3, END);
        for (int s = 1; s < A.length; s++) {
            STAGES_OF[s] = Combination.of(A[s], s);
        }
        for (int j = 0; j < STAGES; j++) {
            if (E5[j] != 0 || E3[j] != 0) {
                int column = ROW[j] - ERROR_FIRST_ROW;
                if (column < 0 || column >= 8) {
                    throw new ExceptionInInitializerError("error weight of stage " + j + " outside rows 4..11");
                }
                ERROR_WEIGHTS[column] = E5[j];
                ERROR_WEIGHTS[8 + column] = E3[j];
            }
        }
        for (int r = 0; r < D.length; r++) {
            DENSE_OF[r] = Combination.of(D[r], C.length);
            for (int j = 0; j < D[r].length; j++) {
                if (D[r][j] != 0) {
                    DENSE_WEIGHTS[r * ROWS + ROW[j]] = D[r][j];
                }
            }
        }
    }

    /**
     * One stage combination {@code sum_j c_j k_j}: as runs of consecutive rows of {@link #rates}, each with the
     * weights of its rows (0 for a row inside a run whose stage has no weight), one matrix-vector product per run;
     * and as its nonzero terms, for the layout of one array per row.
     */
    private static final class Combination {
        final int[] first;
        final double[][] weights;
        final int[] termRows;         // the rows of the nonzero terms, in the order of their stages
        final double[] termWeights;   // and their weights

        private Combination(int[] first, double[][] weights, int[] termRows, double[] termWeights) {
            this.first = first;
            this.weights = weights;
            this.termRows = termRows;
            this.termWeights = termWeights;
        }

        /**
         * The runs of {@code coefficients} (by stage) for stage {@code s} (1..15): a run goes on over at most
         * {@link #MOST_SKIPPED} rows of weight 0, and only over rows that hold a stage of the current step already
         * computed (a stale row of a rejected step may hold an overflow, and 0 times that is not 0).
         */
        static Combination of(double[] coefficients, int s) {
            double[] byRow = new double[ROWS];
            boolean[] used = new boolean[ROWS];
            for (int j = 0; j < coefficients.length; j++) {
                if (coefficients[j] != 0) {
                    byRow[ROW[j]] = coefficients[j];
                    used[ROW[j]] = true;
                }
            }
            List<Integer> firsts = new ArrayList<>();
            List<double[]> runs = new ArrayList<>();
            int r = 0;
            while (r < ROWS) {
                if (!used[r]) {
                    r++;
                    continue;
                }
                int from = r;
                int to = r;   // last row with a weight in the run
                int next = r + 1;
                while (next < ROWS) {
                    int gap = 0;
                    while (next + gap < ROWS && !used[next + gap]) {
                        gap++;
                    }
                    if (next + gap >= ROWS || gap > MOST_SKIPPED || !computedBefore(next, next + gap, s)) {
                        break;
                    }
                    to = next + gap;
                    next = to + 1;
                }
                firsts.add(from);
                runs.add(Arrays.copyOfRange(byRow, from, to + 1));
                r = to + 1;
            }
            int[] termRows = IntStream.range(0, coefficients.length).filter(j -> coefficients[j] != 0)
                    .map(j -> ROW[j]).toArray();
            double[] termWeights = Arrays.stream(coefficients).filter(c -> c != 0).toArray();
            return new Combination(firsts.stream().mapToInt(Integer::intValue).toArray(),
                    runs.toArray(new double[0][]), termRows, termWeights);
        }

        /** Whether rows {@code [from, to)} all hold stages computed before stage {@code s} in the same step. */
        private static boolean computedBefore(int from, int to, int s) {
            for (int row = from; row < to; row++) {
                int held = -1;
                for (int j = 0; j < Math.min(s, ROW.length); j++) {
                    if (ROW[j] == row) {
                        held = j;   // the latest stage before s written to this row
                    }
                }
                if (held < 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private final FlowEquation equation;
    private final int dimension;
    private final double[] absoluteTolerance;          // per component, the step-size helper's at integrate()
    private final double[] relativeTolerance;
    private final ProductBackend products;             // the flow's: the stage combinations' matrix products
    private final boolean flat;                         // the rows in one array, combined by the backend's products
    private final double[] rates;                       // then the stages' derivatives, a row each (see ROW), ROWS x n
    private final double[][] rowArray = new double[ROWS][];  // the array holding each row: rates, or one of its own
    private final int[] rowStart = new int[ROWS];             // where the row starts in it
    private final double[] stage;                       // a stage's state, then an interpolated state
    private final double[][] denseArray = new double[4][];   // the array holding each of F_3..F_6, where it starts
    private final int[] denseStart = new int[4];
    private final double[] error5;                     // the error estimators E5 and E3 of a trial step, where
                                                        // they start in their arrays (one 2 x n array if flat)
    private final double[] error3;
    private final int error3Start;
    private double[] increment;                        // sum_j b_j k_j of the current step, with the dense output
    private final int memory;                          // interpolated states remembered per step
    private final double[] errorSums = new double[2];   // estimateError's two sums of squares, block by block
    private final double[] startLargest = new double[2]; // the step start's largest |y_0| and |k_0| (measureStepStart)
    private final double[] scaled = new double[16];     // a combination's weights times h, one array per row
    private double[] y0;
    private double[] y1;
    private long rejected;

    // the step being handed to Hipparchus's events and step handlers
    private long generation;
    private double stepTime;
    private double stepSize;
    private boolean denseReady;
    private final double[] memoryTimes = new double[MEMORY];
    private final ODEStateAndDerivative[] memoryStates = new ODEStateAndDerivative[MEMORY];
    private int remembered;
    private int nextSlot;

    // arrays handed over in states, reused: those of the step ends (three, one run's), and of interpolated states
    // (lent during a step, back once it is accepted; at most freeLimit kept free, within MEMORY_BYTES)
    private final HandedOverState[] ends = new HandedOverState[ENDS];
    private int nextEnd;
    private final ArrayDeque<double[]> freeValues = new ArrayDeque<>();
    private final List<InterpolatedState> lent = new ArrayList<>();
    private final long freeLimit;

    /**
     * An integrator for one equation.
     *
     * @param equation the equation, evaluated in place (each stage into its row)
     * @param minStep  the smallest step allowed
     * @param maxStep  the largest step allowed
     * @param relative the relative tolerance of each component
     * @param absolute the absolute tolerance of each component
     */
    DormandPrince853(FlowEquation equation, double minStep, double maxStep, double[] relative, double[] absolute) {
        super(NAME, minStep, maxStep, absolute, relative);
        this.equation = equation;
        this.dimension = equation.getDimension();
        if (relative.length != dimension || absolute.length != dimension) {
            throw new IllegalArgumentException("tolerances = " + relative.length + " and " + absolute.length
                    + " entries: expected one per component, " + dimension);
        }
        this.products = equation.products();
        if (dimension > (Integer.MAX_VALUE - 8) / ROWS) {
            throw new IllegalArgumentException("equation dimension = " + dimension + ": expected at most "
                    + (Integer.MAX_VALUE - 8) / ROWS + " (the " + ROWS + " stages' rates may share one array)");
        }
        // one array per row where a four-row combination would run in Java anyway: Java 17's compiler vectorises
        // loops over arrays of their own, not over rows of one array at offsets it cannot align (BENCHMARKS.md 6.2)
        flat = !products.gemvInJava(4L * dimension);
        rates = flat ? new double[ROWS * dimension] : null;
        for (int r = 0; r < ROWS; r++) {
            rowArray[r] = flat ? rates : new double[dimension];
            rowStart[r] = flat ? r * dimension : 0;
        }
        error5 = flat ? new double[2 * dimension] : new double[dimension];
        error3 = flat ? error5 : new double[dimension];
        error3Start = flat ? dimension : 0;
        stage = new double[dimension];
        absoluteTolerance = new double[dimension];
        relativeTolerance = new double[dimension];
        // each remembered state holds its value and, once asked, its derivative: at most MEMORY, within MEMORY_BYTES
        memory = (int) Math.max(1, Math.min(MEMORY, MEMORY_BYTES / (16L * Math.max(1, dimension))));
        freeLimit = MEMORY_BYTES / (8L * Math.max(1, dimension));
        y0 = new double[dimension];
        y1 = new double[dimension];
    }

    /**
     * An integrator for one equation with the same tolerances for every component.
     *
     * @param equation the equation
     * @param minStep  the smallest step allowed
     * @param maxStep  the largest step allowed
     * @param relative the relative tolerance
     * @param absolute the absolute tolerance
     */
    DormandPrince853(FlowEquation equation, double minStep, double maxStep, double relative, double absolute) {
        this(equation, minStep, maxStep, filled(equation.getDimension(), relative),
                filled(equation.getDimension(), absolute));
    }

    /**
     * The steps the error control rejected in the last run.
     *
     * @return the rejected step attempts
     */
    long rejectedSteps() {
        return rejected;
    }

    @Override
    public ODEStateAndDerivative integrate(ExpandableODE equations, ODEState initialState, double finalTime)
            throws MathIllegalArgumentException, MathIllegalStateException {
        EquationsMapper mapper = equations.getMapper();
        if (equations.getPrimary() != equation) {
            throw new IllegalArgumentException("equations = " + equations.getPrimary()
                    + ": expected the equation this integrator was built for, " + equation);
        }
        if (mapper.getNumberOfEquations() != 1 || mapper.getTotalDimension() != dimension) {
            throw new IllegalArgumentException("equations = " + mapper.getNumberOfEquations() + " of total dimension "
                    + mapper.getTotalDimension() + ": expected the one equation of dimension " + dimension);
        }
        sanityChecks(initialState, finalTime);
        setStepStart(initIntegration(equations, initialState, finalTime));
        boolean forward = finalTime > initialState.getTime();
        rejected = 0;
        // a new run's step ends in arrays of its own: a state a former run ended on stays readable
        Arrays.fill(ends, null);
        nextEnd = 0;
        lent.clear();   // states of a run that ended in an exception keep their arrays
        load(getStepStart());
        StepsizeHelper helper = getStepSizeHelper();
        // the error estimate's tolerances, read from the helper as it is now (setStepSizeControl replaces it; a copy
        // made at construction missed that, review of 2026-12-06): atol + rtol * 0 is atol exactly
        for (int i = 0; i < dimension; i++) {
            absoluteTolerance[i] = helper.getTolerance(i, 0.0);
            relativeTolerance[i] = helper.getRelativeTolerance(i);
        }
        double[] scale = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            scale[i] = helper.getTolerance(i, FastMath.abs(y0[i]));
        }
        double hNew = initializeStep(forward, ORDER, scale, getStepStart());
        if (!(FastMath.abs(hNew) > 0 && FastMath.abs(hNew) < Double.POSITIVE_INFINITY)) {
            hNew = firstStepFromLargestEntries(forward, finalTime - initialState.getTime());
        }
        setIsLastStep(false);
        do {
            double t0 = getStepStart().getTime();
            double h;
            double error;
            // whether this step was rejected before it was accepted: then the next one does not grow (dop853.f,
            // SciPy; Hipparchus lets it, and a large start took 61 rejections where SciPy took 32: review of
            // 2026-12-08)
            boolean retried = false;
            while (true) {
                h = hNew;
                if (forward ? t0 + h >= finalTime : t0 + h <= finalTime) {
                    h = finalTime - t0;
                }
                setStepSize(h);
                // a trial step too long for the flow can overflow in a stage or in its error: that rejects the step
                // (the shortest reduction), as a too-large error does; only a step that cannot shrink any further
                // reports the overflow
                RuntimeException overflow = null;
                error = Double.POSITIVE_INFINITY;
                try {
                    for (int s = 1; s < STAGES; s++) {
                        combine(stage, y0, h, STAGES_OF[s]);
                        evaluate(t0 + C[s] * h, stage, s);
                    }
                    combine(y1, y0, h, STAGES_OF[END]);
                    error = estimateError(h);
                    if (Double.isNaN(error)) {
                        overflow = new MathIllegalStateException(
                                LocalizedODEFormats.NAN_APPEARING_DURING_INTEGRATION, t0 + h);
                    } else if (error < 1.0) {
                        // the end's rate (the next step's first stage) inside the trial: finite stages can still
                        // step past the largest double (a non-finite y1 has a zero error scale, so error 0), and
                        // that is a step too long, not a divergence (a decay to t = 1e30 was reported DIVERGED at
                        // t = 5.9e23; review of 2026-12-06)
                        evaluate(t0 + h, y1, END);
                    }
                } catch (Dynamics.NonFiniteStateException e) {
                    overflow = e;
                }
                if (overflow == null && error < 1.0) {
                    break;
                }
                rejected++;
                retried = true;
                double shorter = h * (overflow != null ? MIN_REDUCTION : growth(error));
                // the shortest step the clock resolves (four ulps of t), or the smallest step allowed if longer
                double floor = FastMath.max(Integrators.smallestStep(t0), getMinStep());
                if (!(FastMath.abs(shorter) >= floor)) {
                    // the reduction passes below that floor: a step of the floor's length is tried before the run
                    // ends, so that the end does not hang on where a chain of fifths stopped (nor on a NaN step, which
                    // firstStepFromLargestEntries no longer leaves at the start: a guard)
                    double last = helper.filterStep(forward ? floor : -floor, forward, true);
                    if (Double.isNaN(h) || FastMath.abs(last) < FastMath.abs(h)) {
                        hNew = last;
                        continue;
                    }
                    // time cannot move by less. An overflow there is the flow's divergence where the state's norm
                    // grows at the step's start; where it shrinks, the step is too long for an explicit method's
                    // stability and no shorter one is allowed: the integrator gives up (a decay far past its scale
                    // under an absolute tolerance far above it overflowed at the smallest step, review of
                    // 2026-12-06)
                    if (overflow != null && normGrows()) {
                        throw overflow;
                    }
                    throw new MathIllegalArgumentException(
                            LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION, FastMath.abs(shorter),
                            floor, true);
                }
                hNew = helper.filterStep(shorter, forward, false);
            }
            double t1 = t0 + h;
            ODEStateAndDerivative start = getStepStart();
            ODEStateAndDerivative end = endState(t1);
            generation++;
            stepTime = t0;
            stepSize = h;
            denseReady = false;
            Arrays.fill(memoryStates, null);   // a step's remembered states do not outlive it in the heap
            remembered = 0;
            nextSlot = 0;
            ODEStateAndDerivative next = acceptStep(new Interpolator(forward, start, end, start, end, mapper,
                    generation), finalTime);
            // a stop inside the step ends on an interpolated state: it forms its derivative while the step's buffers
            // are its own (after a reset, Hipparchus hands back a state of its own with the rate evaluated)
            if (next instanceof HandedOverState) {
                ((HandedOverState) next).rates();
            }
            takeBackInterpolatedStates(next);
            generation++;   // this step's interpolators read buffers that change from here on
            setStepStart(next);
            if (next == end && !resetOccurred()) {
                double[] swap = y0;
                y0 = y1;
                y1 = swap;
                System.arraycopy(rowArray[ROW[END]], rowStart[ROW[END]], rowArray[ROW[0]], rowStart[ROW[0]], dimension);
            } else {
                load(next);
            }
            if (!isLastStep()) {
                double scaledH = h * (retried ? FastMath.min(1.0, growth(error)) : growth(error));
                double nextT = next.getTime() + scaledH;
                boolean nextIsLast = forward ? nextT >= finalTime : nextT <= finalTime;
                hNew = helper.filterStep(scaledH, forward, nextIsLast);
                double filteredNextT = next.getTime() + hNew;
                if (forward ? filteredNextT >= finalTime : filteredNextT <= finalTime) {
                    hNew = finalTime - next.getTime();
                }
            }
        } while (!isLastStep());
        ODEStateAndDerivative finalState = getStepStart();
        resetInternalState();
        return finalState;
    }

    /**
     * The state at the end of the step just accepted, in the arrays of the step end before the last two: the step's
     * start (the last end) and the end before it may still be read (the runner keeps the last end; Hipparchus the
     * step's start), older ones expire.
     */
    private HandedOverState endState(double t1) {
        int slot = nextEnd;
        nextEnd = (nextEnd + 1) % ENDS;
        HandedOverState old = ends[slot];
        double[] value = old == null ? new double[dimension] : old.values();
        double[] rate = old == null ? new double[dimension] : old.rates();
        if (old != null) {
            old.expire();
        }
        System.arraycopy(y1, 0, value, 0, dimension);
        System.arraycopy(rowArray[ROW[END]], rowStart[ROW[END]], rate, 0, dimension);
        ends[slot] = new HandedOverState(t1, value, rate);
        return ends[slot];
    }

    /**
     * Once a step is accepted: its interpolated states expire and their arrays go back to the free ones (within
     * {@link #MEMORY_BYTES}), except the state the run goes on from (a stop's), which stays readable. After a
     * reset none expires: the step handlers' last part of the step ended on the event's interpolated state, which
     * a handler may keep as the last state reached (as the flow runner does), while the run goes on from
     * Hipparchus's own reset state (review of 2026-12-06); resets are rare, their states keep their arrays.
     */
    private void takeBackInterpolatedStates(ODEStateAndDerivative next) {
        if (resetOccurred()) {
            lent.clear();
            return;
        }
        for (InterpolatedState state : lent) {
            if (state != next) {
                double[] value = state.values();
                state.expire();
                if (freeValues.size() < freeLimit) {
                    freeValues.add(value);
                }
            }
        }
        lent.clear();
    }

    /**
     * Whether the state's norm grows at the current step's start, {@code <y_0, k_0> > 0}, or cannot be told (a
     * non-finite or motionless start): where an overflow at the smallest step is the flow's divergence. The sum is
     * taken over {@code y_0} and {@code k_0} scaled by their largest entries, so that it does not overflow.
     */
    private boolean normGrows() {
        double[] rates = rowArray[ROW[0]];
        int start = rowStart[ROW[0]];
        measureStepStart();
        double largestValue = startLargest[0];
        double largestRate = startLargest[1];
        if (!(largestRate > 0 && Double.isFinite(largestRate) && Double.isFinite(largestValue))) {
            return true;
        }
        if (largestValue == 0) {
            return true;   // at the origin and moving: the norm grows
        }
        double along = 0;
        for (int i = 0; i < dimension; i++) {
            along += (y0[i] / largestValue) * (rates[start + i] / largestRate);
        }
        return !(along <= 0);
    }

    /**
     * The first step where Hipparchus's estimate is not a number: it sums the squares of {@code y / scale} and
     * {@code y' / scale}, which overflow where the rate is beyond about {@code 1e154} times the tolerances, and
     * its step then came out NaN, reported as a divergence at the start (a closed lambda-balanced flow with
     * {@code |lambda| = 1e160}, whose rate is finite; review of 2026-12-07). Then the first guess of Hairer, Norsett
     * and Wanner's {@code h0 = 0.01 |y| / |y'|}, in the largest entries ({@code y' / scale} may overflow itself);
     * {@code 1e-6} of the span where the state or its rate is 0 or that ratio underflows; at most the span. The error
     * control corrects it from the first step on.
     */
    private double firstStepFromLargestEntries(boolean forward, double span) {
        measureStepStart();
        double state = startLargest[0];
        double change = startLargest[1];
        double h = state > 0 && change > 0 ? 0.01 * (state / change) : 0;
        if (!(h > 0)) {
            // a state or rate of 0, or a ratio below the doubles (a start of 1e-200 moving at 1e160: a step of 0,
            // accepted without end until the evaluation budget ran out; review of 2026-12-07)
            h = 1e-6 * FastMath.abs(span);
        }
        h = FastMath.min(h, FastMath.abs(span));
        return forward ? h : -h;
    }

    /** The largest magnitudes of the step start's entries {@code y_0} and rates {@code k_0}, into startLargest. */
    private void measureStepStart() {
        double[] rates = rowArray[ROW[0]];
        int start = rowStart[ROW[0]];
        double largestValue = 0;
        double largestRate = 0;
        for (int i = 0; i < dimension; i++) {
            largestValue = FastMath.max(largestValue, FastMath.abs(y0[i]));
            largestRate = FastMath.max(largestRate, FastMath.abs(rates[start + i]));
        }
        startLargest[0] = largestValue;
        startLargest[1] = largestRate;
    }

    /** The step-size factor for a normalised error, as Hipparchus's embedded Runge-Kutta integrators. */
    private static double growth(double error) {
        return FastMath.min(MAX_GROWTH, FastMath.max(MIN_REDUCTION, SAFETY * FastMath.pow(error, EXPONENT)));
    }

    private void load(ODEStateAndDerivative state) {
        System.arraycopy(HandedOverState.valuesOf(state), 0, y0, 0, dimension);
        System.arraycopy(HandedOverState.ratesOf(state), 0, rowArray[ROW[0]], rowStart[ROW[0]], dimension);
    }

    /** Stage {@code s}'s derivative at {@code (t, y)}, into its row (of {@link #rates}, or an array of its own). */
    private void evaluate(double t, double[] y, int s) {
        equation.compute(t, y, rowArray[ROW[s]], rowStart[ROW[s]]);
    }

    /**
     * {@code out = base + h sum_j c_j k_j}, the runs of a combination one matrix-vector product each, on the flow's
     * product backend ({@code base} null stands for zero). {@code out} is none of the inputs.
     */
    private void combine(double[] out, double[] base, double h, Combination combination) {
        if (!flat) {
            // one array per row: the nonzero terms four per pass, a block at a time
            double[] weights = combination.termWeights;
            for (int t = 0; t < weights.length; t++) {
                scaled[t] = h * weights[t];
            }
            for (int from = 0; from < dimension; from += BLOCK) {
                termsBlock(out, base, combination.termRows, from, Math.min(dimension, from + BLOCK));
            }
            return;
        }
        if (base == null) {
            Arrays.fill(out, 0.0);
        } else {
            System.arraycopy(base, 0, out, 0, dimension);
        }
        for (int r = 0; r < combination.first.length; r++) {
            double[] weights = combination.weights[r];
            products.gemv(true, weights.length, dimension, h, rates, combination.first[r] * dimension, weights, 0,
                    1.0, out, 0);
        }
    }

    /**
     * Entries {@code [from, to)} of {@code out = base + sum_t scaled[t] k[rows[t]]} ({@code base} null stands for
     * zero) in the layout of one array per row, the terms four at a time, each group added as one sum: a block of
     * {@link #combine}.
     */
    private void termsBlock(double[] out, double[] base, int[] rows, int from, int to) {
        if (base == null) {
            Arrays.fill(out, from, to, 0.0);
        } else {
            System.arraycopy(base, from, out, from, to - from);
        }
        double[] weights = scaled;
        int t = 0;
        for (; t + 4 <= rows.length; t += 4) {
            double c0 = weights[t];
            double c1 = weights[t + 1];
            double c2 = weights[t + 2];
            double c3 = weights[t + 3];
            double[] k0 = rowArray[rows[t]];
            double[] k1 = rowArray[rows[t + 1]];
            double[] k2 = rowArray[rows[t + 2]];
            double[] k3 = rowArray[rows[t + 3]];
            for (int i = from; i < to; i++) {
                out[i] += c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i];
            }
        }
        for (; t < rows.length; t++) {
            double c = weights[t];
            double[] k = rowArray[rows[t]];
            for (int i = from; i < to; i++) {
                out[i] += c * k[i];
            }
        }
    }

    /** Hairer's normalised error of the step from y0 to y1: the fifth-order estimate, damped by the third. */
    private double estimateError(double h) {
        if (flat) {
            // E5 and E3 (2 x n) = their weights (2 x 8) times rows 4..11 (8 x n): the stages they read, one product
            products.gemm(false, false, 2, dimension, 8, 1.0, ERROR_WEIGHTS, 0, rates, ERROR_FIRST_ROW * dimension,
                    0.0, error5, 0);
        } else {
            combine(error5, null, 1.0, ERROR5);
            combine(error3, null, 1.0, ERROR3);
        }
        errorSums(1.0);
        double error5 = errorSums[0];
        double error3 = errorSums[1];
        if (!(error5 + error3 < Double.POSITIVE_INFINITY) && !Double.isNaN(error5 + error3)) {
            // the squares of the unscaled estimates overflowed (rates beyond about 1e154 times the tolerances): the
            // estimate is h E5 / sqrt(n (E5 + 0.01 E3)) = E5' / sqrt(n (E5' + 0.01 E3')) for the sums E' of the
            // estimates times |h|, which are about the error itself (infinity / infinity gave NaN, reported as a
            // divergence at the start of a closed flow with lambda = 1e160; review of 2026-12-07)
            // It serves to accept a step: one it would reject is an overflow (NaN) as before, which shrinks the step
            // and, where it cannot shrink, ends the run as a divergence (the rate leaving the doubles: a depth-100
            // mode whose rate passes 1e308 failed so; taken as a large error, its steps shrank to an underflow)
            errorSums(Math.abs(h));
            double denominator = errorSums[0] + 0.01 * errorSums[1];
            double error = denominator > 0.0 ? errorSums[0] / Math.sqrt(dimension * denominator) : 0.0;
            return error < 1.0 ? error : Double.NaN;
        }
        double denominator = error5 + 0.01 * error3;
        if (denominator <= 0.0) {
            denominator = 1.0;
        }
        return Math.abs(h) * error5 / Math.sqrt(dimension * denominator);
    }

    /** {@link #estimateError}'s two sums of squares of the estimates times {@code factor}, into {@link #errorSums}. */
    private void errorSums(double factor) {
        errorSums[0] = 0;
        errorSums[1] = 0;
        for (int from = 0; from < dimension; from += BLOCK) {
            errorBlock(from, Math.min(dimension, from + BLOCK), factor);
        }
    }

    /**
     * Entries {@code [from, to)} of {@link #estimateError}'s two sums of squares, added to {@link #errorSums} in
     * the order of the entries (the sums are those of one pass over the whole state). A method per block, not one
     * loop over the state, so that the JIT compiles it within a run's first steps: a loop that runs once per step
     * waits for its on-stack replacement, some thirty steps at 32 x 32, interpreted until then. Each estimate is
     * multiplied by {@code factor} before it is squared: 1 (exactly the estimate), or {@code |h|} where the squares
     * of the estimates overflowed ({@link #estimateError}).
     */
    private void errorBlock(int from, int to, double factor) {
        double[] e5 = error5;
        double[] e3 = error3;
        int second = error3Start;
        double[] atol = absoluteTolerance;
        double[] rtol = relativeTolerance;
        double error5 = errorSums[0];
        double error3 = errorSums[1];
        for (int i = from; i < to; i++) {
            // one division per entry; the squares are summed as Hairer's code does. The tolerance is the step-size
            // helper's, atol + rtol max(|y0|, |y1|), written out: this loop runs interpreted for a run's first
            // blocks, where each call costs more than the arithmetic (y0 is finite, so ">=" keeps Math.max's NaN)
            double a = Math.abs(y0[i]);
            double b = Math.abs(y1[i]);
            double inverse = factor / (atol[i] + rtol[i] * (a >= b ? a : b));   // (factor 1: 1 / tolerance exactly)
            double r5 = e5[i] * inverse;
            double r3 = e3[second + i] * inverse;
            error5 += r5 * r5;
            error3 += r3 * r3;
        }
        errorSums[0] = error5;
        errorSums[1] = error3;
    }

    /**
     * The three extra stages and the last four vectors {@code F_3..F_6} of the degree-7 polynomial of the current
     * step (the first three come from the step's ends, {@link #interpolate}).
     */
    private void prepareDenseOutput() {
        if (increment == null) {
            double[] dense = flat ? new double[4 * dimension] : null;   // F_3..F_6 in one 4 x n array
            for (int r = 0; r < 4; r++) {
                denseArray[r] = flat ? dense : new double[dimension];
                denseStart[r] = flat ? r * dimension : 0;
            }
            increment = new double[dimension];
        }
        double h = stepSize;
        // the step's mean slope sum_j b_j k_j (y1 = y0 + h times it), before the extra stages take rows 0..2
        combine(increment, null, 1.0, STAGES_OF[END]);
        for (int s = END + 1; s < C.length; s++) {
            combine(stage, y0, h, STAGES_OF[s]);
            evaluate(stepTime + C[s] * h, stage, s);
        }
        if (flat) {
            // F_3..F_6 (4 x n) = h times their weights (4 x 13) times every row: one product
            products.gemm(false, false, 4, dimension, ROWS, h, DENSE_WEIGHTS, 0, rates, 0, 0.0, denseArray[0], 0);
        } else {
            for (int r = 0; r < 4; r++) {
                combine(denseArray[r], null, h, DENSE_OF[r]);
            }
        }
        denseReady = true;
    }

    /**
     * The state at a fraction {@code theta} strictly inside the current step, into {@code value} (Modified; also
     * returned), without the derivative: {@link #interpolate}'s states and, into {@link #stage}, the values step
     * handlers read through {@link #stateAt}.
     */
    private double[] interpolateValue(double theta, double[] value) {
        if (!denseReady) {
            prepareDenseOutput();
        }
        for (int from = 0; from < dimension; from += BLOCK) {
            valueBlock(theta, value, from, Math.min(dimension, from + BLOCK));
        }
        return value;
    }

    /** Entries {@code [from, to)} of {@link #interpolateValue}: a block at a time for the JIT ({@link #errorBlock}). */
    private void valueBlock(double theta, double[] value, int from, int to) {
        double x = theta;
        double w = 1 - theta;
        double h = stepSize;
        // k_0, k_12 and F_3..F_6: entry i of each at its row's start in its array
        double[] k0 = rowArray[ROW[0]];
        int s0 = rowStart[ROW[0]];
        double[] k12 = rowArray[ROW[END]];
        int s12 = rowStart[ROW[END]];
        double[] f3 = denseArray[0];
        double[] f4 = denseArray[1];
        double[] f5 = denseArray[2];
        double[] f6 = denseArray[3];
        int s3 = denseStart[0];
        int s4 = denseStart[1];
        int s5 = denseStart[2];
        int s6 = denseStart[3];
        for (int i = from; i < to; i++) {
            double f0 = y1[i] - y0[i];
            double f1 = h * k0[s0 + i] - f0;
            double f2 = 2 * f0 - h * (k12[s12 + i] + k0[s0 + i]);
            double q = f5[s5 + i] + x * f6[s6 + i];
            q = f4[s4 + i] + w * q;
            q = f3[s3 + i] + x * q;
            q = f2 + w * q;
            q = f1 + x * q;
            q = f0 + w * q;
            value[i] = y0[i] + x * q;
        }
    }

    /**
     * The state at {@code time} inside the step an interpolator of this integrator describes, in a buffer of the
     * integrator's that the next interpolation overwrites (the step's own end buffers at its ends), without the
     * state object Hipparchus's {@code getInterpolatedState} builds (two copies of the state's size) nor the
     * derivative: what the flow's sampler reads, during its step handler's call only.
     *
     * @param interpolator an interpolator handed to a step handler
     * @param time         a time within its step
     * @return the state, or null if the interpolator is not one of this class's (the caller then asks Hipparchus)
     */
    static double[] stateAt(ODEStateInterpolator interpolator, double time) {
        return interpolator instanceof Interpolator ? ((Interpolator) interpolator).state(time) : null;
    }

    /**
     * The state at {@code time}, a fraction {@code theta} of the current step inside it, with its derivative formed
     * when first asked ({@link InterpolatedState}): event functions and samplers read only the value.
     */
    private ODEStateAndDerivative interpolate(double time, double theta, double span) {
        for (int r = 0; r < remembered; r++) {
            if (memoryTimes[r] == time) {
                return memoryStates[r];
            }
        }
        double[] value = freeValues.poll();
        InterpolatedState state = new InterpolatedState(time,
                interpolateValue(theta, value != null ? value : new double[dimension]), theta, span);
        lent.add(state);
        memoryTimes[nextSlot] = time;
        memoryStates[nextSlot] = state;
        nextSlot = (nextSlot + 1) % memory;
        remembered = Math.min(memory, remembered + 1);
        return state;
    }

    /**
     * The derivative at a fraction {@code theta} inside the current step, per unit of time over the step's span
     * {@code t1 - t0} (as Hipparchus measures {@code theta}), into {@code rate}.
     */
    private double[] interpolateRate(double theta, double span, double[] rate) {
        for (int from = 0; from < dimension; from += BLOCK) {
            rateBlock(theta, span, rate, from, Math.min(dimension, from + BLOCK));
        }
        return rate;
    }

    /** Entries {@code [from, to)} of {@link #interpolateRate}: a block at a time for the JIT ({@link #errorBlock}). */
    private void rateBlock(double theta, double span, double[] rate, int from, int to) {
        double x = theta;
        double w = 1 - theta;
        double h = stepSize;
        double[] k0 = rowArray[ROW[0]];
        int s0 = rowStart[ROW[0]];
        double[] k12 = rowArray[ROW[END]];
        int s12 = rowStart[ROW[END]];
        double[] f3 = denseArray[0];
        double[] f4 = denseArray[1];
        double[] f5 = denseArray[2];
        double[] f6 = denseArray[3];
        int s3 = denseStart[0];
        int s4 = denseStart[1];
        int s5 = denseStart[2];
        int s6 = denseStart[3];
        double inverseStep = 1 / h;
        double rateScale = h / span;
        double[] b = increment;
        for (int i = from; i < to; i++) {
            // the x-derivative of the polynomial over h, from G_j = F_j / h with G_0 = sum_j b_j k_j, the step's
            // mean slope, rather than (y1 - y0) / h: that difference loses the digits y0 and y1 share (all of them
            // on a step of a few ulps), its rate would lose them over h
            double g0 = b[i];
            double g1 = k0[s0 + i] - g0;
            double g2 = 2 * g0 - (k12[s12 + i] + k0[s0 + i]);
            double g6 = f6[s6 + i] * inverseStep;
            double p = f5[s5 + i] * inverseStep + x * g6;
            double dp = g6;
            dp = w * dp - p;
            p = f4[s4 + i] * inverseStep + w * p;
            dp = x * dp + p;
            p = f3[s3 + i] * inverseStep + x * p;
            dp = w * dp - p;
            p = g2 + w * p;
            dp = x * dp + p;
            p = g1 + x * p;
            dp = w * dp - p;
            p = g0 + w * p;
            rate[i] = (p + x * dp) * rateScale;
        }
    }

    private static double[] filled(int length, double value) {
        double[] a = new double[length];
        Arrays.fill(a, value);
        return a;
    }

    /**
     * A state strictly inside the current step: its value formed when built, its derivative when first asked,
     * which must happen while that step is being accepted (the integrator forms it for a stop's state, which the
     * run ends on, before the step's buffers change).
     */
    private final class InterpolatedState extends HandedOverState {
        private static final long serialVersionUID = 20261206L;
        private final double theta;
        private final double span;
        private final long step = generation;

        InterpolatedState(double time, double[] value, double theta, double span) {
            super(time, value, null);
            this.theta = theta;
            this.span = span;
        }

        @Override
        double[] formDerivative() {
            if (step != generation) {
                throw new IllegalStateException("derivative of the interpolated state at t = " + getTime()
                        + " asked after its step: expected it within the step's event and step handlers");
            }
            return interpolateRate(theta, span, new double[dimension]);
        }
    }

    /** The dense output of one step, reading the integrator's buffers while that step is being accepted. */
    private final class Interpolator extends AbstractODEStateInterpolator {
        private static final long serialVersionUID = 20261128L;
        private final long step;

        Interpolator(boolean forward, ODEStateAndDerivative globalPrevious, ODEStateAndDerivative globalCurrent,
                ODEStateAndDerivative softPrevious, ODEStateAndDerivative softCurrent, EquationsMapper mapper,
                long step) {
            super(forward, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper);
            this.step = step;
        }

        @Override
        protected Interpolator create(boolean forward, ODEStateAndDerivative globalPrevious,
                ODEStateAndDerivative globalCurrent, ODEStateAndDerivative softPrevious,
                ODEStateAndDerivative softCurrent, EquationsMapper mapper) {
            return new Interpolator(forward, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper, step);
        }

        @Override
        protected ODEStateAndDerivative computeInterpolatedStateAndDerivatives(EquationsMapper mapper, double time,
                double theta, double thetaH, double oneMinusThetaH) {
            if (step != generation) {
                throw new IllegalStateException("interpolator of the step ending at t = "
                        + getGlobalCurrentState().getTime() + " used after that step: expected use within the step"
                        + " handler's call");
            }
            if (time == getGlobalPreviousState().getTime()) {
                return getGlobalPreviousState();
            }
            if (time == getGlobalCurrentState().getTime()) {
                return getGlobalCurrentState();
            }
            return interpolate(time, theta, getGlobalCurrentState().getTime() - getGlobalPreviousState().getTime());
        }

        /** The state at {@code time}, as {@link #computeInterpolatedStateAndDerivatives}, in a buffer. */
        double[] state(double time) {
            if (step != generation) {
                throw new IllegalStateException("interpolator of the step ending at t = "
                        + getGlobalCurrentState().getTime() + " used after that step: expected use within the step"
                        + " handler's call");
            }
            double t0 = getGlobalPreviousState().getTime();
            double t1 = getGlobalCurrentState().getTime();
            if (time == t0) {
                return y0;
            }
            if (time == t1) {
                return y1;
            }
            // theta as Hipparchus's getInterpolatedState forms it, so the values are the same
            return interpolateValue((time - t0) / (t1 - t0), stage);
        }
    }
}
