package io.iou;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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

/** Real threads racing to settle IOUs and add handlers, over many iterations. */
class IOUConcurrencyTests {

    private static final int THREADS = 4;

    private static final int ITERATIONS = 2_000;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void racingSettlersHaveExactlyOneWinnerAndNeverThrow() throws Exception {
        for (int i = 0; i < ITERATIONS; i++) {
            IOU<Integer> iou = new IOU<>();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            AtomicInteger winners = new AtomicInteger();
            AtomicInteger winningValue = new AtomicInteger(-1);
            List<Future<?>> racers = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                racers.add(pool.submit(() -> {
                    start.await();
                    boolean won = switch (id % 3) {
                        case 0 -> iou.fulfill(id);
                        case 1 -> iou.reject(new RuntimeException(String.valueOf(id)));
                        default -> iou.cancel();
                    };
                    if (won) {
                        winners.incrementAndGet();
                        winningValue.set(id);
                    }
                    return null;
                }));
            }
            for (Future<?> racer : racers) {
                racer.get(10, TimeUnit.SECONDS);
            }
            assertThat(winners).as("iteration %d", i).hasValue(1);
            assertThat(iou.isPending()).isFalse();
            Object value = iou.getValue();
            int winner = winningValue.get();
            if (winner % 3 == 0) {
                assertThat(value).isEqualTo(winner);
            }
            else {
                assertThat(value).isInstanceOf(RuntimeException.class);
            }
        }
    }

    @Test
    void handlersAddedWhileSettlingEachRunExactlyOnce() throws Exception {
        int handlersPerThread = 25;
        for (int i = 0; i < ITERATIONS; i++) {
            IOU<String> iou = new IOU<>();
            AtomicIntegerArray runs = new AtomicIntegerArray(THREADS * handlersPerThread);
            CyclicBarrier start = new CyclicBarrier(THREADS + 1);
            List<Future<?>> adders = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int base = t * handlersPerThread;
                adders.add(pool.submit(() -> {
                    start.await();
                    for (int h = 0; h < handlersPerThread; h++) {
                        int slot = base + h;
                        iou.addFulfilledConsumer(v -> runs.incrementAndGet(slot));
                    }
                    return null;
                }));
            }
            start.await();
            iou.fulfill("go");
            for (Future<?> adder : adders) {
                adder.get(10, TimeUnit.SECONDS);
            }
            for (int slot = 0; slot < runs.length(); slot++) {
                assertThat(runs.get(slot)).as("iteration %d handler %d", i, slot).isEqualTo(1);
            }
        }
    }

    @Test
    void eachThreadsHandlersStartInItsRegistrationOrder() throws Exception {
        int handlersPerThread = 50;
        for (int i = 0; i < 500; i++) {
            IOU<String> iou = new IOU<>();
            List<List<Integer>> seen = new java.util.ArrayList<>();
            CyclicBarrier start = new CyclicBarrier(THREADS + 1);
            List<Future<?>> adders = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Integer> order = new CopyOnWriteArrayList<>();
                seen.add(order);
                adders.add(pool.submit(() -> {
                    start.await();
                    for (int h = 0; h < handlersPerThread; h++) {
                        int n = h;
                        iou.addFulfilledConsumer(v -> order.add(n));
                    }
                    return null;
                }));
            }
            start.await();
            iou.fulfill("go");
            for (Future<?> adder : adders) {
                adder.get(10, TimeUnit.SECONDS);
            }
            for (List<Integer> order : seen) {
                assertThat(order).hasSize(handlersPerThread).isSorted();
            }
        }
    }

    @Test
    void executorBoundChainRunsOnThePoolAndBranchesInParallel() throws Exception {
        ExecutorService iouPool = Executors.newFixedThreadPool(2, r -> new Thread(r, "iou-test-pool"));
        try {
            IOU<Integer> source = IOU.bound(iouPool);
            CountDownLatch bothRunning = new CountDownLatch(2);
            List<String> threads = new CopyOnWriteArrayList<>();
            IOU<Integer> left = source.addFulfilledHandler(v -> {
                threads.add(Thread.currentThread().getName());
                bothRunning.countDown();
                // each branch waits for the other: only true parallelism lets both finish
                await(bothRunning);
                return v + 1;
            });
            IOU<Integer> right = source.addFulfilledHandler(v -> {
                threads.add(Thread.currentThread().getName());
                bothRunning.countDown();
                await(bothRunning);
                return v + 2;
            });
            IOU<Integer> downstream = left.addFulfilledHandler(v -> {
                threads.add(Thread.currentThread().getName());
                return v * 10;
            });

            source.fulfill(1);

            assertThat(downstream.await(Duration.ofSeconds(10))).isEqualTo(20);
            assertThat(right.await(Duration.ofSeconds(10))).isEqualTo(3);
            assertThat(threads).hasSize(3).allMatch("iou-test-pool"::equals);
            assertThat(downstream.executor()).isSameAs(iouPool);
        }
        finally {
            iouPool.shutdownNow();
        }
    }

    @Test
    void handlerAddedAfterSettlingStillRunsOnTheExecutor() throws Exception {
        ExecutorService iouPool = Executors.newSingleThreadExecutor(r -> new Thread(r, "iou-late"));
        try {
            IOU<String> settled = IOU.bound(iouPool);
            settled.fulfill("x");
            String thread = settled.addFulfilledHandler(v -> Thread.currentThread().getName())
                    .await(Duration.ofSeconds(10));
            assertThat(thread).isEqualTo("iou-late");
        }
        finally {
            iouPool.shutdownNow();
        }
    }

    @Test
    void withExecutorMovesHandlersToAnotherExecutor() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "iou-other"));
        try {
            IOU<String> source = new IOU<>();
            IOU<String> thread = source.withExecutor(other).addFulfilledHandler(v -> Thread.currentThread().getName());
            source.fulfill("x");
            assertThat(thread.await(Duration.ofSeconds(10))).isEqualTo("iou-other");
        }
        finally {
            other.shutdownNow();
        }
    }

    @Test
    void thenReturningItsOwnSourceAdoptsItWhileOtherHandlersAreAdded() throws Exception {
        // the then() stage adopts the IOU that fired it: it must not be pushed back onto that IOU's stack
        for (int i = 0; i < ITERATIONS; i++) {
            IOU<Integer> source = new IOU<>();
            IOU<Integer> adopted = source.then(v -> source);
            AtomicInteger late = new AtomicInteger();
            Future<?> adder = pool.submit(() -> {
                for (int h = 0; h < 20; h++) {
                    source.addFulfilledConsumer(v -> late.incrementAndGet());
                }
            });
            source.fulfill(i);
            adder.get(10, TimeUnit.SECONDS);
            assertThat(adopted.getValue()).isEqualTo(i);
            assertThat(late).hasValue(20);
        }
    }

    @Test
    void thenReturningItsOwnSourceOnAnExecutor() throws Exception {
        ExecutorService iouPool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < ITERATIONS; i++) {
                IOU<Integer> source = IOU.bound(iouPool);
                IOU<Integer> adopted = source.then(v -> source);
                source.fulfill(i);
                assertThat(adopted.await(Duration.ofSeconds(10))).isEqualTo(i);
            }
        }
        finally {
            iouPool.shutdownNow();
        }
    }

    /**
     * A stage learns its executor from its source when it runs; one cancelled before it ran, a
     * flattening stage and a rebinding stage still hand their dependents the right executor.
     */
    @Test
    void everyKindOfStagePassesItsExecutorOnEvenWhenCancelledBeforeRunning() throws Exception {
        ExecutorService iouPool = Executors.newSingleThreadExecutor(task -> new Thread(task, "iou-pool"));
        ExecutorService otherPool = Executors.newSingleThreadExecutor(task -> new Thread(task, "other-pool"));
        try {
            IOU<String> source = IOU.bound(iouPool);
            IOU<String> cancelled = source.addFulfilledHandler(v -> v);
            IOU<String> recovered = cancelled.addRejectedHandler(e -> Thread.currentThread().getName());
            IOU<String> flattened = source.then(v -> IOU.fulfilled(v)).addFulfilledHandler(v -> Thread.currentThread().getName());
            IOU<String> rebound = source.withExecutor(otherPool).addFulfilledHandler(v -> Thread.currentThread().getName());
            assertThat(cancelled.executor()).isSameAs(iouPool);
            assertThat(rebound.executor()).isSameAs(otherPool);

            cancelled.cancel();
            source.fulfill("x");

            assertThat(recovered.await(Duration.ofSeconds(10))).isEqualTo("iou-pool");
            assertThat(flattened.await(Duration.ofSeconds(10))).isEqualTo("iou-pool");
            assertThat(rebound.await(Duration.ofSeconds(10))).isEqualTo("other-pool");
            assertThat(recovered.executor()).isSameAs(iouPool);
        }
        finally {
            iouPool.shutdownNow();
            otherPool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("other branch running in parallel").isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
