package io.iou.spring.metrics;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static io.iou.spring.scheduler.TestPools.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;

class PerThreadCountsTests {

    private final PerThreadCounts counts = new PerThreadCounts(2);

    @Test
    void countsExactlyWhenMoreLiveThreadsThanCellsShareThem() throws InterruptedException {
        int threads = 600;
        int each = 1_000;
        CountDownLatch allStarted = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                allStarted.countDown();
                awaitQuietly(go);
                for (int i = 0; i < each; i++) {
                    this.counts.increment(1);
                }
            });
            workers.add(worker);
            worker.start();
        }
        // all alive at once, so many of them find their cell owned by another live thread
        allStarted.await();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(this.counts.sum(1)).isEqualTo((long) threads * each);
        assertThat(this.counts.sum(0)).isZero();
    }

    @Test
    void aThreadTakingOverTheCellOfATerminatedOneKeepsItsCounts() throws InterruptedException {
        // one after another, more threads than cells: later ones reuse cells of terminated ones
        int threads = 1_000;
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    this.counts.increment(0);
                }
            });
            worker.start();
            worker.join();
        }

        assertThat(this.counts.sum(0)).isEqualTo(threads * 10L);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void countsExactlyFromManyVirtualThreads() throws Exception {
        Method startVirtualThread = Thread.class.getMethod("startVirtualThread", Runnable.class);
        int threads = 10_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add((Thread) startVirtualThread.invoke(null, (Runnable) () -> {
                for (int i = 0; i < 10; i++) {
                    this.counts.increment(1);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(this.counts.sum(1)).isEqualTo(threads * 10L);
    }
}
