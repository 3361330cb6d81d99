package io.iou;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The default IOU timer: lock-free scheduling, cancelling by one write, one daemon thread. */
class DaemonTimerTests {

    private final DaemonTimer timer = DaemonTimer.DEFAULT;

    @Test
    void runsATaskOnceItsDelayHasPassedAndNotBefore() throws Exception {
        for (long millis : new long[] { 1, 30, 120 }) {
            CountDownLatch ran = new CountDownLatch(1);
            long start = System.nanoTime();
            AtomicReference<Long> at = new AtomicReference<>();
            timer.schedule(() -> {
                at.set(System.nanoTime());
                ran.countDown();
            }, Duration.ofMillis(millis));
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(at.get() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    @Test
    void aTaskDueSoonerThanTheOthersWakesTheThread() throws Exception {
        timer.schedule(() -> { }, Duration.ofHours(1)).cancel();
        IouTimer.Timeout late = timer.schedule(() -> { }, Duration.ofMinutes(10));
        CountDownLatch ran = new CountDownLatch(1);
        timer.schedule(ran::countDown, Duration.ofMillis(5));
        // well within the second the thread would otherwise sleep
        assertThat(ran.await(900, TimeUnit.MILLISECONDS)).isTrue();
        late.cancel();
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        AtomicInteger cancelledRan = new AtomicInteger();
        for (int i = 0; i < 100_000; i++) {
            // cancelled at once, long before it is due
            timer.schedule(cancelledRan::incrementAndGet, Duration.ofMillis(300 + i % 50)).cancel();
        }
        CountDownLatch after = new CountDownLatch(1);
        timer.schedule(after::countDown, Duration.ofMillis(400));
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelledRan).hasValue(0);
    }

    /** A response timeout's task holds the response: once cancelled, the timer must let go of it at once. */
    @Test
    void aCancelledTaskIsNotKeptAliveByTheTimer() {
        java.lang.ref.WeakReference<Runnable> held = scheduleAndCancel();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc();
            return held.get() == null;
        });
    }

    private java.lang.ref.WeakReference<Runnable> scheduleAndCancel() {
        Runnable task = new Runnable() {
            @Override
            public void run() {
            }
        };
        timer.schedule(task, Duration.ofHours(1)).cancel();
        return new java.lang.ref.WeakReference<>(task);
    }

    @Test
    void aTaskThatThrowsIsReportedAndTheTimerGoesOn() throws Exception {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        IouHooks.setUnhandledRejectionHandler(reason -> {
            if ("timer task failed".equals(reason.getMessage())) {
                reported.set(reason);
            }
        });
        try {
            timer.schedule(() -> {
                throw new IllegalStateException("timer task failed");
            }, Duration.ofMillis(1));
            CountDownLatch after = new CountDownLatch(1);
            timer.schedule(after::countDown, Duration.ofMillis(20));
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reported.get()).isInstanceOf(IllegalStateException.class);
        }
        finally {
            IouHooks.setUnhandledRejectionHandler(null);
        }
    }

    @Test
    void aPeriodicTaskRunsAgainUntilCancelled() throws Exception {
        CountDownLatch thrice = new CountDownLatch(3);
        AtomicInteger runs = new AtomicInteger();
        IouTimer.Timeout periodic = DaemonTimer.every(TimeUnit.MILLISECONDS.toNanos(5), () -> {
            runs.incrementAndGet();
            thrice.countDown();
        });
        assertThat(thrice.await(10, TimeUnit.SECONDS)).isTrue();
        periodic.cancel();
        int stopped = runs.get();
        CountDownLatch later = new CountDownLatch(1);
        timer.schedule(later::countDown, Duration.ofMillis(50));
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        // at most the run that was under way as it was cancelled
        assertThat(runs.get()).isLessThanOrEqualTo(stopped + 1);
    }

    @Test
    void aDelayTooLongForNanosecondsWaitsRatherThanOverflowing() {
        IouTimer.Timeout forever = timer.schedule(() -> {
            throw new AssertionError("ran");
        }, Duration.ofSeconds(Long.MAX_VALUE));
        forever.cancel();
        assertThat(DaemonTimer.saturatedNanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }
}
