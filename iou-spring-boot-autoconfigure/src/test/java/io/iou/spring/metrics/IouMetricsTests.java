package io.iou.spring.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import io.iou.IOU;
import io.iou.IouHooks;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.iou.spring.scheduler.TestPools.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IouMetricsTests {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private final IouMetrics metrics = new IouMetrics();

    @AfterEach
    void stopCounting() {
        this.metrics.close();
    }

    @Test
    void countsPlainIousFromTheMomentItIsBound() {
        IOU<String> before = new IOU<>();
        before.fulfill("not counted");
        this.metrics.bindTo(this.registry);

        new IOU<String>().fulfill("a");
        IOU.fulfilled("b");
        IOU<String> rejected = new IOU<>();
        rejected.reject(new IllegalStateException("handled"));
        rejected.addRejectedHandler((reason) -> "recovered");

        assertThat(count(IouMetrics.FULFILLED)).isEqualTo(3);
        assertThat(count(IouMetrics.REJECTED)).isEqualTo(1);
    }

    @Test
    void cancellationsAndTimeoutsAreCountedApartFromFailures() {
        this.metrics.bindTo(this.registry);
        IOU<String> source = new IOU<>();
        IOU<String> derived = source.addFulfilledHandler((v) -> v);
        source.cancel();
        derived.getValue();
        IOU<String> slow = new IOU<String>().timeout(Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> !slow.isPending());
        IOU<String> failed = new IOU<>();
        failed.reject(new IllegalStateException("down"));
        failed.getValue();

        // the derived IOU is rejected by its source's cancellation: the consumer went away too
        assertThat(cancelled(IouOutcome.CANCELLED)).isEqualTo(2);
        assertThat(cancelled(IouOutcome.TIMED_OUT)).isEqualTo(1);
        assertThat(count(IouMetrics.REJECTED)).isEqualTo(1);
        assertThat(gauge(IouMetrics.PENDING)).isZero();
    }

    @Test
    void gaugesIousThatAreStillPending() {
        this.metrics.bindTo(this.registry);
        List<IOU<Integer>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(new IOU<>());
        }
        assertThat(gauge(IouMetrics.PENDING)).isEqualTo(5);

        pending.get(0).fulfill(0);
        pending.get(1).reject(new IllegalStateException("settled"));
        pending.get(1).getValue();

        assertThat(gauge(IouMetrics.PENDING)).isEqualTo(3);
    }

    @Test
    void countsExactlyUnderConcurrentSettling() throws InterruptedException {
        this.metrics.bindTo(this.registry);
        int threads = 8;
        int each = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < each; i++) {
                    IOU<Integer> iou = new IOU<>();
                    iou.addFulfilledHandler((value) -> value + 1);
                    iou.fulfill(i);
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(count(IouMetrics.FULFILLED)).isEqualTo(2.0 * threads * each);
        assertThat(gauge(IouMetrics.PENDING)).isZero();
    }

    @Test
    void countsARejectionNobodyHandledOnceItsIouIsCollected() {
        this.metrics.bindTo(this.registry);
        Set<Throwable> reported = ConcurrentHashMap.newKeySet();
        IllegalStateException unhandled = new IllegalStateException("nobody handles this");
        // recorded here instead of logged, as the core would by default
        IouHooks.setUnhandledRejectionHandler(reported::add);
        try {
            rejectAndForget(unhandled);

            // the core reports it only once the IOU is unreachable: collect until it does
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                System.gc();
                return reported.contains(unhandled);
            });
        }
        finally {
            IouHooks.setUnhandledRejectionHandler(null);
        }

        // other tests' forgotten rejections may be collected in the same cycles, never fewer
        assertThat(count(IouMetrics.REJECTED_UNHANDLED)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void stopsCountingWhenClosed() {
        this.metrics.bindTo(this.registry);
        new IOU<String>().fulfill("counted");

        this.metrics.close();
        new IOU<String>().fulfill("not counted");

        assertThat(count(IouMetrics.FULFILLED)).isEqualTo(1);
    }

    @Test
    void bindingToASecondRegistryDoesNotCountTwice() {
        MeterRegistry second = new SimpleMeterRegistry();
        this.metrics.bindTo(this.registry);
        this.metrics.bindTo(second);

        new IOU<String>().fulfill("once");

        assertThat(count(IouMetrics.FULFILLED)).isEqualTo(1);
        assertThat(second.get(IouMetrics.FULFILLED).functionCounter().count()).isEqualTo(1);
    }

    @Test
    void everyMeterIsDescribed() {
        this.metrics.bindTo(this.registry);

        assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
            .containsExactlyInAnyOrder(IouMetrics.PENDING, IouMetrics.FULFILLED, IouMetrics.REJECTED,
                    IouMetrics.CANCELLED, IouMetrics.CANCELLED, IouMetrics.REJECTED_UNHANDLED);
        assertThat(this.registry.getMeters()).extracting(Meter::getId)
            .allSatisfy((id) -> assertThat(id.getDescription()).isNotBlank());
    }

    private static void rejectAndForget(Throwable reason) {
        new IOU<String>().reject(reason);
    }

    private double count(String name) {
        return this.registry.get(name).functionCounter().count();
    }

    private double cancelled(IouOutcome outcome) {
        return this.registry.get(IouMetrics.CANCELLED).tag(IouOutcome.TAG, outcome.tagValue()).functionCounter().count();
    }

    private double gauge(String name) {
        return this.registry.get(name).gauge().value();
    }
}
