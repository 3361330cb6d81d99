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
            List<Integer> started = new CopyOnWriteArrayList<>();
            CountDownLatch allStarted = new CountDownLatch(3);
            CountDownLatch release = new CountDownLatch(1);
            List<IOU<Integer>> branches = new java.util.ArrayList<>();
            for (int b = 0; b < 3; b++) {
                int id = b;
                branches.add(settledOnPool.addFulfilledHandler(v -> {
                    started.add(id);
                    allStarted.countDown();
                    // each branch waits until all three run at once: only true parallelism gets past
                    await(release);
                    return v + id;
                }));
            }
            source.fulfill(1);

            assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            assertThat(IOU.all(branches).await(Duration.ofSeconds(10))).containsExactly(1, 2, 3);
            // the source's handler, then every branch: a fan-out is handed to the pool as before
            assertThat(handedOver).hasValue(4);
            assertThat(started).containsExactlyInAnyOrder(0, 1, 2);
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
