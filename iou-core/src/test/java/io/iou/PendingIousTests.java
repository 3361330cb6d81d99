package io.iou;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The core's pending-IOU tracking: markers on the IOUs' own stacks, weak references only for the long-pending. */
class PendingIousTests {

    private PendingIous pending;

    private IouHooks.Registration registration;

    @BeforeEach
    void start() {
        pending = new PendingIous(null);
        registration = IouHooks.register(pending);
    }

    @AfterEach
    void stop() {
        registration.close();
        pending.close();
    }

    @Test
    void listsOnlyPendingIousAndNotTheMarkerAsAHandler() {
        IOU<String> waiting = IOU.named("waiting");
        waiting.addFulfilledHandler(v -> v);
        IOU.named("settled").fulfill("x");
        IOU.fulfilled("born settled").addFulfilledHandler(v -> v);
        IOU.rejected(new IllegalStateException("born rejected")).addRejectedHandler(e -> "recovered");

        // the waiting IOU is pending, and the handler's IOU, derived from it, is not tracked
        assertThat(pending.pendingCount()).isEqualTo(1);
        assertThat(pending.oldest(10)).extracting(PendingIous.Pending::name).containsExactly("waiting");
        assertThat(pending.oldest(10)).filteredOn(p -> "waiting".equals(p.name())).singleElement()
                .satisfies(p -> assertThat(p.waitingHandlers()).isEqualTo(1));
        assertThat(waiting.waitingHandlers()).isEqualTo(1);

        waiting.fulfill("done");
        assertThat(pending.pendingCount()).isZero();
    }

    @Test
    void manyIousSettleWhileOnlyThoseLeftPendingAreListed() {
        List<IOU<Integer>> left = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            IOU<Integer> iou = new IOU<>();
            IOU<Integer> derived = iou.addFulfilledHandler(v -> v + 1);
            if (i % 1000 == 0) {
                left.add(iou);
            }
            else {
                iou.fulfill(i);
                assertThat(derived.getValue()).isEqualTo(i + 1);
            }
        }
        // each IOU left pending; the IOUs of handlers and joins derive from tracked ones
        IOU.all(left);
        assertThat(pending.pendingCount()).isEqualTo(left.size());
        left.forEach(iou -> iou.fulfill(0));
        assertThat(pending.pendingCount()).isZero();
    }

    @Test
    void aTrackedRejectionNobodyHandlesIsStillReported() {
        AtomicReference<Throwable> unhandled = new AtomicReference<>();
        IouHooks.setUnhandledRejectionHandler(reason -> {
            if ("tracked and unhandled".equals(reason.getMessage())) {
                unhandled.set(reason);
            }
        });
        try {
            new IOU<String>().reject(new IllegalStateException("tracked and unhandled"));
            IOU.rejected(new IllegalStateException("tracked and unhandled"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                System.gc();
                return unhandled.get() != null;
            });
        }
        finally {
            IouHooks.setUnhandledRejectionHandler(null);
        }
    }

    @Test
    void pendingIousDroppedAreCountedAsAbandonedAndSettledOnesNever() {
        for (int i = 0; i < 1000; i++) {
            IOU<String> settled = IOU.named("settled");
            // pending long enough to be held weakly, then settled and dropped
            if (i % 100 == 0) {
                pending.pendingCount();
            }
            settled.fulfill("x");
        }
        for (int i = 0; i < 3; i++) {
            IOU.named("dropped");
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return pending.abandonedCount() >= 3;
        });
        assertThat(pending.abandonedCount()).isEqualTo(3);
        assertThat(pending.oldest(100)).extracting(PendingIous.Pending::name).doesNotContain("dropped", "settled");
    }

    @Test
    void countsExactlyWhatRealThreadsLeavePending() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<List<IOU<Integer>>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        List<IOU<Integer>> kept = new ArrayList<>();
                        for (int i = 0; i < 500; i++) {
                            IOU<Integer> iou = new IOU<>();
                            if (i % 50 == 0) {
                                kept.add(iou);
                            }
                            else {
                                iou.fulfill(i);
                            }
                        }
                        return kept;
                    }));
                }
                List<IOU<Integer>> kept = new ArrayList<>();
                for (Future<List<IOU<Integer>>> result : results) {
                    kept.addAll(result.get(10, TimeUnit.SECONDS));
                }
                assertThat(pending.pendingCount()).isEqualTo(kept.size());
                kept.forEach(iou -> iou.fulfill(0));
                assertThat(pending.pendingCount()).isZero();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedTrackerHoldsNoIouItHadNotSortedOut() {
        IOU<String> left = new IOU<>();
        java.lang.ref.WeakReference<IOU<String>> ref = new java.lang.ref.WeakReference<>(left);
        left = null;
        pending.close();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
    }

    @Test
    void closedTrackerTracksNothingMore() {
        pending.close();
        IOU<String> after = IOU.named("after");
        assertThat(pending.pendingCount()).isZero();
        assertThat(after.waitingHandlers()).isZero();
        after.cancel();
    }
}
