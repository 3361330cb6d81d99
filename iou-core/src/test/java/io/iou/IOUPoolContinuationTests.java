package io.iou;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A chain on a pool hops onto the pool once: the next link runs where the previous one settled. */
class IOUPoolContinuationTests {

    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> new Thread(r, "pool"));

    /** Counts the handlers handed to the pool. */
    private final AtomicInteger handedOver = new AtomicInteger();

    private final java.util.concurrent.Executor pool = task -> {
        handedOver.incrementAndGet();
        threads.execute(task);
    };

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aChainOnThePoolIsHandedToItOnceAndRunsThereThroughout() throws Exception {
        for (int i = 0; i < 200; i++) {
            handedOver.set(0);
            IOU<Integer> source = IOU.bound(pool);
            List<String> ranOn = new CopyOnWriteArrayList<>();
            IOU<Integer> last = source;
            for (int link = 0; link < 10; link++) {
                last = last.addFulfilledHandler(v -> {
                    ranOn.add(Thread.currentThread().getName());
                    return v + 1;
                });
            }
            source.fulfill(0);

            assertThat(last.await(Duration.ofSeconds(10))).isEqualTo(10);
            assertThat(ranOn).hasSize(10).containsOnly("pool");
            assertThat(handedOver).hasValue(1);
        }
    }

    @Test
    void aSuppliedValueIsHandledOnThePoolThreadThatSuppliedIt() throws Exception {
        for (int i = 0; i < 200; i++) {
            handedOver.set(0);
            CountDownLatch handlerAdded = new CountDownLatch(1);
            IOU<String> supplied = IOU.supply(pool, () -> {
                await(handlerAdded);
                return Thread.currentThread().getName() + "@" + System.identityHashCode(Thread.currentThread());
            });
            IOU<Boolean> sameThread = supplied.addFulfilledHandler(
                    by -> by.equals(Thread.currentThread().getName() + "@" + System.identityHashCode(Thread.currentThread())));
            handlerAdded.countDown();

            assertThat(sameThread.await(Duration.ofSeconds(10))).isTrue();
            assertThat(handedOver).hasValue(1);
        }
    }

    @Test
    void aFanOutOnThePoolIsStillHandedToItAndRunsInParallel() throws Exception {
        for (int i = 0; i < 200; i++) {
            handedOver.set(0);
            IOU<Integer> source = IOU.bound(pool);
            // settled by a handler on the pool, so that the fan-out below is drained there
            IOU<Integer> settledOnPool = source.addFulfilledHandler(v -> v);
            Together together = new Together(3);
            List<IOU<Integer>> branches = new java.util.ArrayList<>();
            for (int b = 0; b < 3; b++) {
                branches.add(settledOnPool.addFulfilledHandler(together.branch(b)));
            }
            source.fulfill(1);

            assertThat(together.allRunAtOnce()).isTrue();
            assertThat(IOU.all(branches).await(Duration.ofSeconds(10))).containsExactly(1, 2, 3);
            // the source's handler, then every branch: a fan-out is handed to the pool as before
            assertThat(handedOver).hasValue(4);
        }
    }

    @Test
    void aSerialExecutorStillRunsAFanOutInTheOrderItWasAdded() throws Exception {
        java.util.concurrent.Executor oneThread = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 200; i++) {
                IOU<Integer> source = IOU.bound(oneThread);
                IOU<Integer> onPool = source.addFulfilledHandler(v -> v);
                List<String> order = new CopyOnWriteArrayList<>();
                IOU<Void> first = onPool.addFulfilledConsumer(v -> order.add("first"));
                onPool.whenSettled((v, e) -> order.add("listener"));
                IOU<Void> last = onPool.addFulfilledConsumer(v -> order.add("last"));
                source.fulfill(1);

                IOU.all(first, last).await(Duration.ofSeconds(10));
                // one thread: what starts first runs first
                assertThat(order).containsExactly("listener", "first", "last");
            }
        }
        finally {
            ((ExecutorService) oneThread).shutdownNow();
        }
    }

    @Test
    void aFanOutThroughChainedIousStillRunsInParallel() throws Exception {
        for (int i = 0; i < 200; i++) {
            IOU<Integer> source = IOU.bound(pool);
            // settled on the pool, and its drain settles both chained IOUs at once
            IOU<Integer> settledOnPool = source.addFulfilledHandler(v -> v);
            Together together = new Together(2);
            List<IOU<Integer>> branches = new java.util.ArrayList<>();
            for (int b = 0; b < 2; b++) {
                IOU<Integer> chained = IOU.bound(pool);
                settledOnPool.addFulfilledHandler(chained);
                branches.add(chained.addFulfilledHandler(together.branch(b)));
            }
            source.fulfill(1);

            assertThat(together.allRunAtOnce()).isTrue();
            assertThat(IOU.all(branches).await(Duration.ofSeconds(10))).containsExactly(1, 2);
        }
    }

    @Test
    void aHandlerThatTheExecutorRanOnTheCallerDoesNotCarryTheChainOntoTheCaller() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
        // a pool with a caller-runs policy, saturated until the first handler runs
        java.util.concurrent.Executor callerRunsWhenBusy = task -> {
            if (busy.get()) {
                task.run();
            }
            else {
                threads.execute(task);
            }
        };
        for (int i = 0; i < 200; i++) {
            busy.set(true);
            IOU<Integer> source = IOU.bound(callerRunsWhenBusy);
            IOU<String> first = source.addFulfilledHandler(v -> {
                busy.set(false);
                return Thread.currentThread().getName();
            });
            IOU<String> second = first.addFulfilledHandler(v -> Thread.currentThread().getName());
            source.fulfill(1);

            assertThat(first.getValue()).isEqualTo(Thread.currentThread().getName());
            assertThat(second.await(Duration.ofSeconds(10))).isEqualTo("pool");
        }
    }

    @Test
    void aCancelledLinkIsSkippedAndTheChainRejectsOnThePool() throws Exception {
        IOU<Integer> source = IOU.bound(pool);
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        IOU<Integer> first = source.addFulfilledHandler(v -> {
            inFirst.countDown();
            await(cancelled);
            return v;
        });
        AtomicInteger secondRan = new AtomicInteger();
        IOU<Integer> second = first.addFulfilledHandler(v -> secondRan.incrementAndGet());
        IOU<Integer> recovered = second.addRejectedHandler(e -> -1);
        source.fulfill(1);
        assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
        second.cancel();
        cancelled.countDown();

        assertThat(recovered.await(Duration.ofSeconds(10))).isEqualTo(-1);
        assertThat(secondRan).hasValue(0);
    }

    /** Branches that each wait until all of them run at once: only true parallelism gets past. */
    private static final class Together {

        private final CountDownLatch allStarted;

        private final CountDownLatch release = new CountDownLatch(1);

        Together(int branches) {
            allStarted = new CountDownLatch(branches);
        }

        java.util.function.Function<Integer, Integer> branch(int id) {
            return v -> {
                allStarted.countDown();
                await(release);
                return v + id;
            };
        }

        /** Whether every branch started while the others were running; then lets them all finish. */
        boolean allRunAtOnce() throws InterruptedException {
            boolean all = allStarted.await(10, TimeUnit.SECONDS);
            release.countDown();
            return all;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
