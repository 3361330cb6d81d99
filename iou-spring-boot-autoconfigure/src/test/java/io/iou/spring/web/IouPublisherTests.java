package io.iou.spring.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.iou.IOU;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class IouPublisherTests {

    @Test
    void valueIsPublishedThenCompleted() {
        IOU<String> iou = new IOU<>();
        RecordingSubscriber<String> subscriber = subscribeAndRequest(iou);

        iou.fulfill("ada");

        assertThat(subscriber.signals).containsExactly("next:ada", "complete");
    }

    @Test
    void nullValueCompletesEmpty() {
        IOU<String> iou = new IOU<>();
        RecordingSubscriber<String> subscriber = subscribeAndRequest(iou);

        iou.fulfill(null);

        assertThat(subscriber.signals).containsExactly("complete");
    }

    @Test
    void rejectionIsPublishedAsItsReason() {
        IllegalStateException reason = new IllegalStateException("boom");
        RecordingSubscriber<String> subscriber = subscribeAndRequest(IOU.rejected(reason));

        assertThat(subscriber.signals).containsExactly("error:IllegalStateException");
        assertThat(subscriber.error).isSameAs(reason);
    }

    @Test
    void nothingIsSignalledBeforeARequest() {
        IOU<String> iou = IOU.fulfilled("ada");
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>();
        new IouPublisher<>(iou).subscribe(subscriber);

        assertThat(subscriber.signals).isEmpty();
        subscriber.subscription.request(1);
        assertThat(subscriber.signals).containsExactly("next:ada", "complete");
    }

    @Test
    void cancellingTheSubscriptionCancelsTheIou() {
        IOU<String> iou = new IOU<>();
        CountDownLatch producerStopped = new CountDownLatch(1);
        iou.onCancel(producerStopped::countDown);
        RecordingSubscriber<String> subscriber = subscribeAndRequest(iou);

        subscriber.subscription.cancel();

        assertThat(iou.isCancelled()).isTrue();
        assertThat(producerStopped.getCount()).isZero();
        assertThat(subscriber.signals).isEmpty();
    }

    @Test
    void cancellingBeforeARequestCancelsTheIou() {
        IOU<String> iou = new IOU<>();
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>();
        new IouPublisher<>(iou).subscribe(subscriber);

        subscriber.subscription.cancel();
        subscriber.subscription.request(1);

        assertThat(iou.isCancelled()).isTrue();
        assertThat(subscriber.signals).isEmpty();
    }

    /** A subscription withdraws its interest: an IOU another dependent still wants keeps running. */
    @Test
    void cancellingLeavesAnIouThatAnotherDependentWantsRunning() {
        IOU<String> shared = new IOU<>();
        IOU<Integer> other = shared.addFulfilledHandler(String::length);
        RecordingSubscriber<String> first = subscribeAndRequest(shared);
        RecordingSubscriber<String> early = new RecordingSubscriber<>();
        new IouPublisher<>(shared).subscribe(early);

        first.subscription.cancel();
        early.subscription.cancel();

        assertThat(shared.isPending()).isTrue();
        other.cancel();
        assertThat(shared.isCancelled()).as("once the last dependent that wanted it is gone").isTrue();
    }

    @Test
    void aSubscriptionWantsTheOutcomeSoCancellingAnotherDependentLeavesTheIouRunning() {
        IOU<String> shared = new IOU<>();
        IOU<Integer> other = shared.addFulfilledHandler(String::length);
        RecordingSubscriber<String> subscriber = subscribeAndRequest(shared);

        other.cancel();
        assertThat(shared.isPending()).isTrue();
        shared.fulfill("ada");

        assertThat(subscriber.signals).containsExactly("next:ada", "complete");
    }

    @Test
    void cancellingAfterTheValueLeavesTheIouFulfilled() {
        IOU<String> iou = IOU.fulfilled("ada");
        RecordingSubscriber<String> subscriber = subscribeAndRequest(iou);

        subscriber.subscription.cancel();

        assertThat(iou.isFulfilled()).isTrue();
        assertThat(subscriber.signals).containsExactly("next:ada", "complete");
    }

    @Test
    void nonPositiveRequestIsAnErrorAndCancelsTheIou() {
        IOU<String> iou = new IOU<>();
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>();
        new IouPublisher<>(iou).subscribe(subscriber);

        subscriber.subscription.request(0);

        assertThat(subscriber.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        assertThat(iou.isCancelled()).isTrue();
    }

    @Test
    void signalsComeOnTheThreadThatSettlesTheIou() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "iou-pool"));
        try {
            IOU<String> iou = new IOU<>(pool);
            RecordingSubscriber<String> subscriber = subscribeAndRequest(iou);
            Thread settler = new Thread(() -> iou.fulfill("ada"), "settler");
            settler.start();

            assertThat(subscriber.awaitTermination()).isTrue();
            assertThat(subscriber.threads).containsOnly("settler");
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** A cancel racing the IOU's settlement: the subscriber gets the whole outcome or nothing. */
    @Test
    void cancelRacingSettlementEitherSignalsOrCancelsNeverHalfway() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 5_000; i++) {
                IOU<String> iou = new IOU<>();
                RecordingSubscriber<String> subscriber = subscribeAndRequest(iou);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> fulfil = threads.submit(() -> {
                    start.await();
                    return iou.fulfill("ada");
                });
                Future<?> cancel = threads.submit(() -> {
                    start.await();
                    subscriber.subscription.cancel();
                    return null;
                });
                fulfil.get(10, TimeUnit.SECONDS);
                cancel.get(10, TimeUnit.SECONDS);

                if (iou.isCancelled()) {
                    assertThat(subscriber.signals).isEmpty();
                }
                else {
                    assertThat(subscriber.signals).isIn(List.of(), List.of("next:ada", "complete"));
                }
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void iouStillPendingWhenTheTimeIsUpIsCancelledAndTheSubscriberGetsA503() throws Exception {
        IOU<String> never = new IOU<>();
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>();
        new IouPublisher<>(never, new IouResponseTimeout(Duration.ofMillis(20))).subscribe(subscriber);
        subscriber.subscription.request(1);

        assertThat(subscriber.awaitTermination()).isTrue();
        assertThat(subscriber.error).isInstanceOf(IouResponseTimeoutException.class);
        assertThat(subscriber.threads).containsExactly("iou-web-timeout");
        assertThat(never.isCancelled()).isTrue();
    }

    /** Timers of IOUs that settle, or of cancelled subscriptions, leave the timer queue at once. */
    @Test
    void settlingOrCancellingStopsTheTimer() {
        IouResponseTimeout timeout = new IouResponseTimeout(Duration.ofHours(1));
        int before = IouResponseTimeout.Timer.POOL.getQueue().size();
        for (int i = 0; i < 1_000; i++) {
            IOU<String> settled = new IOU<>();
            RecordingSubscriber<String> fulfilled = new RecordingSubscriber<>();
            new IouPublisher<>(settled, timeout).subscribe(fulfilled);
            fulfilled.subscription.request(1);
            settled.fulfill("ada");

            RecordingSubscriber<String> cancelled = new RecordingSubscriber<>();
            new IouPublisher<>(new IOU<String>(), timeout).subscribe(cancelled);
            cancelled.subscription.request(1);
            cancelled.subscription.cancel();

            assertThat(fulfilled.signals).containsExactly("next:ada", "complete");
            assertThat(cancelled.signals).isEmpty();
        }
        assertThat(IouResponseTimeout.Timer.POOL.getQueue()).hasSizeLessThanOrEqualTo(before);
    }

    @Test
    void refusesANullSubscriberOrIou() {
        assertThatNullPointerException().isThrownBy(() -> new IouPublisher<>(new IOU<>()).subscribe(null))
                .withMessage("subscriber");
        assertThatNullPointerException().isThrownBy(() -> new IouPublisher<>(null)).withMessage("iou");
    }

    private static <T> RecordingSubscriber<T> subscribeAndRequest(IOU<T> iou) {
        RecordingSubscriber<T> subscriber = new RecordingSubscriber<>();
        new IouPublisher<>(iou).subscribe(subscriber);
        subscriber.subscription.request(1);
        return subscriber;
    }
}
