package org.deeplinear.ode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.IntegratorSettings;
import org.deeplinear.ode.IntegratorSettings.Method;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.mode.SingleMode;
import org.deeplinear.ode.observe.Observers;
import org.junit.jupiter.api.Test;

/**
 * Eight different simulations (flows of different shapes, depths, seeds and integrators, a descent, a closed
 * flow, single modes) run at once on a thread pool give, bit for bit, what they give one after the other; so does
 * one {@link Simulation} value run from eight threads at once. The preferred product backend and EJML are
 * checked (the native one, when present, through a 20 x 20 flow whose products are large enough to reach it).
 */
class ConcurrentSimulationsTest {

    private static final int THREADS = 8;
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    /** The eight runs, each built for a given backend (every number below is an arbitrary, fixed choice). */
    static List<Simulation> eightSimulations(ProductBackend products) {
        List<Simulation> list = new ArrayList<>();
        Target big = Target.random(20, 20, new double[] {4, 3, 2, 1}, Seed.of(101));
        FactorChain bigStart = Initializations.smallGaussian(1e-2, Seed.of(102)).create(Widths.of(20, 20, 20), big);
        list.add(Simulation.flow(bigStart, big).until(1).products(products).samples(SampleTimes.uniform(11))
                .observe(Observers.loss(), Observers.modes(), Observers.coupling()).halfTimes().build());

        Target t65 = Target.random(6, 5, new double[] {3, 1.5, 0.5}, Seed.of(103));
        FactorChain deep = Initializations.smallGaussian(0.3, Seed.of(104)).create(Widths.of(5, 4, 4, 6), t65);
        list.add(Simulation.flow(deep, t65).until(4).products(products).snapshotsAt(1, 2.5)
                .observe(Observers.loss(), Observers.imbalanceDrift()).halfTimes().build());

        FactorChain wide = Initializations.balanced(0.2, Seed.of(105)).create(Widths.of(5, 7, 6), t65);
        list.add(Simulation.flow(wide, t65).until(3).products(products)
                .integrator(IntegratorSettings.adaptive(Method.DORMAND_PRINCE_54, 1e-9, 1e-11))
                .samples(SampleTimes.every(0.25)).observe(Observers.modes(), Observers.imbalanceNorm()).build());

        FactorChain narrow = Initializations.smallGaussian(0.1, Seed.of(106)).create(Widths.of(5, 2, 6), t65);
        list.add(Simulation.flow(narrow, t65).until(3).products(products)
                .integrator(IntegratorSettings.adaptive(Method.GRAGG_BULIRSCH_STOER, 1e-9, 1e-11))
                .event(EventSpec.lossBelow(1.0)).build());

        list.add(Simulation.flow(Model.of(narrow, t65)).until(1).products(products)
                .integrator(IntegratorSettings.fixedStep(Method.CLASSICAL_RUNGE_KUTTA, 1e-2))
                .samples(SampleTimes.at(0, 0.5, 1)).build());

        FactorChain gdStart = Initializations.smallGaussian(0.05, Seed.of(107)).create(Widths.of(5, 3, 6), t65);
        list.add(Simulation.descent(gdStart, t65, LearningRate.of(0.05), 400).products(products)
                .samples(SampleTimes.uniform(41)).snapshotsAt(5, 10).halfTimes().build());

        Target square = Target.random(4, 4, new double[] {2, 1.5, 1, 0.5}, Seed.of(108));
        FactorChain balanced = Initializations.balanced(0.05, Seed.of(109)).create(Widths.of(4, 4, 4), square);
        list.add(Simulation.closedFlow(Model.of(balanced, square).endToEnd(), square).until(4).products(products)
                .halfTimes().build());

        list.add(Simulation.modes(SingleMode.balanced(2, 1e-3), SingleMode.lambdaBalanced(1, 0.5, 1e-2),
                SingleMode.depth(3, 1.5, 0.05), SingleMode.factorPair(0.7, 0.01, -0.02)).until(8)
                .products(products).halfTimes().build());
        return list;
    }

    /** The preferred backend (native BLAS where present) and EJML, the pure-Java default elsewhere. */
    private static List<ProductBackend> backends() {
        ProductBackend preferred = ProductBackends.preferred();
        return preferred.name().equals(ProductBackends.ejml().name()) ? List.of(preferred)
                : List.of(preferred, ProductBackends.ejml());
    }

    @Test
    void eightDifferentSimulationsOnAPoolGiveTheBitsTheyGiveInTurn() {
        for (ProductBackend backend : backends()) {
            List<Simulation> simulations = eightSimulations(backend);
            assertEquals(THREADS, simulations.size());
            List<Fingerprint> sequential = new ArrayList<>();
            for (Simulation s : simulations) {
                sequential.add(Fingerprint.of(s.run()));
            }
            List<Fingerprint> concurrent = onPool(simulations, Simulation::run);
            for (int i = 0; i < THREADS; i++) {
                assertTrue(sequential.get(i).size() > 10, "simulation " + i + " recorded something");
                assertEquals(sequential.get(i), concurrent.get(i),
                        backend.name() + ": simulation " + i + " (" + simulations.get(i)
                                + ") differs under concurrency");
            }
        }
    }

    @Test
    void oneSimulationRunFromEightThreadsAtOnceGivesTheSameBits() {
        for (ProductBackend backend : backends()) {
            Simulation shared = eightSimulations(backend).get(0);
            Fingerprint alone = Fingerprint.of(shared.run());
            List<Simulation> same = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                same.add(shared);
            }
            for (Fingerprint f : onPool(same, Simulation::run)) {
                assertEquals(alone, f, backend.name() + ": a shared Simulation run concurrently");
            }
        }
    }

    @Test
    void rebuildingFromTheSameSeedsGivesTheSameBits() {
        ProductBackend backend = ProductBackends.ejml();
        List<Simulation> first = eightSimulations(backend);
        List<Simulation> second = eightSimulations(backend);
        for (int i = 0; i < THREADS; i++) {
            assertEquals(Fingerprint.of(first.get(i).run()), Fingerprint.of(second.get(i).run()), "simulation " + i);
        }
    }

    /** Runs every item on its own pool thread, all released at once, and fingerprints the trajectories. */
    private static List<Fingerprint> onPool(List<Simulation> items, Function<Simulation, Trajectory> run) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch ready = new CountDownLatch(items.size());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Fingerprint>> futures = new ArrayList<>();
                for (Simulation s : items) {
                    Callable<Fingerprint> task = () -> {
                        ready.countDown();
                        go.await();
                        return Fingerprint.of(run.apply(s));
                    };
                    futures.add(pool.submit(task));
                }
                ready.await();
                go.countDown();
                List<Fingerprint> out = new ArrayList<>();
                for (Future<Fingerprint> f : futures) {
                    out.add(f.get());
                }
                return out;
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        });
    }
}
