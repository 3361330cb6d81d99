package io.iou;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real threads cancelling dependents of one shared IOU while others add dependents or settle it,
 * over many iterations: the source is cancelled exactly when the last dependent that wanted it is,
 * never while one whose adding happened before still waits, and every handler runs at most once.
 */
class IOUCancellationRaceTests {

    private static final int THREADS = 4;

    private static final int ITERATIONS = 2_000;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void dependentsCancelledAtOnceCancelTheSourceExactlyOnce() throws Exception {
        for (int i = 0; i < ITERATIONS; i++) {
            AtomicInteger stops = new AtomicInteger();
            IOU<String> source = new IOU<String>().onCancel(stops::incrementAndGet);
            List<IOU<String>> dependents = addDependents(source, THREADS);

            run(THREADS, t -> dependents.get(t).cancel());

            assertThat(source.isCancelled()).as("iteration %d", i).isTrue();
            assertThat(stops).as("iteration %d", i).hasValue(1);
        }
    }

    @Test
    void aDependentAddedBeforeTheCancelsKeepsTheSourceRunning() throws Exception {
        for (int i = 0; i < ITERATIONS; i++) {
            AtomicInteger stops = new AtomicInteger();
            IOU<String> source = new IOU<String>().onCancel(stops::incrementAndGet);
            IOU<String> bystander = source.addFulfilledHandler(v -> "kept:" + v);
            List<IOU<String>> dependents = addDependents(source, THREADS);

            run(THREADS, t -> dependents.get(t).cancel());

            assertThat(source.isPending()).as("iteration %d", i).isTrue();
            source.fulfill("v");
            assertThat(bystander.getValue()).as("iteration %d", i).isEqualTo("kept:v");
            assertThat(stops).as("iteration %d", i).hasValue(0);
        }
    }

    /**
     * Half the threads add a dependent and keep it while the other half cancel theirs. Whatever the
     * interleaving, the source is either still pending with every kept dependent waiting on it, or
     * cancelled, which a kept dependent can only see if it was added while the last cancel ran.
     */
    @Test
    void cancelsRacingWithNewDependentsLeaveAConsistentOutcome() throws Exception {
        int kept = THREADS / 2;
        int cancelled = THREADS - kept;
        for (int i = 0; i < ITERATIONS; i++) {
            AtomicInteger stops = new AtomicInteger();
            AtomicInteger handlerRuns = new AtomicInteger();
            IOU<String> source = new IOU<String>().onCancel(stops::incrementAndGet);
            List<IOU<String>> toCancel = addDependents(source, cancelled);
            List<IOU<String>> keptDependents = new ArrayList<>();
            for (int k = 0; k < kept; k++) {
                keptDependents.add(null);
            }

            run(THREADS, t -> {
                if (t < cancelled) {
                    toCancel.get(t).cancel();
                }
                else {
                    keptDependents.set(t - cancelled, source.addFulfilledHandler(v -> {
                        handlerRuns.incrementAndGet();
                        return v;
                    }));
                }
            });

            toCancel.forEach(d -> assertThat(d.isCancelled()).isTrue());
            if (source.isPending()) {
                keptDependents.forEach(d -> assertThat(d.isPending()).isTrue());
                source.fulfill("v");
                keptDependents.forEach(d -> assertThat(d.getValue()).isEqualTo("v"));
                assertThat(handlerRuns).hasValue(kept);
                assertThat(stops).hasValue(0);
            }
            else {
                assertThat(source.isCancelled()).isTrue();
                keptDependents.forEach(d -> assertThat(d.getValue()).isInstanceOf(CancellationException.class));
                assertThat(handlerRuns).hasValue(0);
                assertThat(stops).hasValue(1);
            }
        }
    }

    @Test
    void cancelsRacingWithSettlementRunEachHandlerAtMostOnce() throws Exception {
        for (int i = 0; i < ITERATIONS; i++) {
            AtomicInteger stops = new AtomicInteger();
            AtomicIntegerArray handlerRuns = new AtomicIntegerArray(THREADS - 1);
            IOU<String> source = new IOU<String>().onCancel(stops::incrementAndGet);
            List<IOU<String>> dependents = new ArrayList<>();
            for (int d = 0; d < THREADS - 1; d++) {
                int handler = d;
                dependents.add(source.addFulfilledHandler(v -> {
                    handlerRuns.incrementAndGet(handler);
                    return v;
                }));
            }

            run(THREADS, t -> {
                if (t == 0) {
                    source.fulfill("v");
                }
                else {
                    dependents.get(t - 1).cancel();
                }
            });

            assertThat(source.isPending()).isFalse();
            int fulfilled = 0;
            for (int d = 0; d < dependents.size(); d++) {
                IOU<String> dependent = dependents.get(d);
                assertThat(dependent.isPending()).isFalse();
                assertThat(handlerRuns.get(d)).as("iteration %d, handler %d", i, d).isLessThanOrEqualTo(1);
                if (dependent.isFulfilled()) {
                    fulfilled++;
                    assertThat(dependent.getValue()).isEqualTo("v");
                    assertThat(handlerRuns.get(d)).as("iteration %d, handler %d", i, d).isEqualTo(1);
                }
                else {
                    // a cancel that lands after the handler started wins the settlement; the handler's
                    // result is dropped (cancel() promises only that handlers not yet started never run)
                    assertThat(dependent.isCancelled()).isTrue();
                }
            }
            if (source.isCancelled()) {
                assertThat(fulfilled).isZero();
                assertThat(stops).hasValue(1);
            }
            else {
                assertThat(stops).hasValue(0);
            }
        }
    }

    private static List<IOU<String>> addDependents(IOU<String> source, int count) {
        List<IOU<String>> dependents = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            dependents.add(source.addFulfilledHandler(v -> v));
        }
        return dependents;
    }

    /** Runs {@code action(t)} for each of {@code threads} threads released together, and waits for all. */
    private void run(int threads, ThreadAction action) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            done.add(pool.submit(() -> {
                start.await();
                action.run(index);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface ThreadAction {

        void run(int thread) throws Exception;
    }
}
