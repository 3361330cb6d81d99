package io.iou.spring.web;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;

import io.iou.IOU;
import io.iou.test.VirtualIouTimer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

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
    void valueSettledAfterTheSubscriptionWaitsForARequest() {
        IOU<String> iou = new IOU<>();
        RecordingSubscriber<String> subscriber = subscribe(iou);

        iou.fulfill("ada");

        assertThat(subscriber.signals).containsExactly("subscribe");
        subscriber.subscription.request(1);
        assertThat(subscriber.signals).containsExactly("subscribe", "next:ada", "complete");
    }

    /** Rules 1.4 and 1.9: a subscriber that never requests still hears of the failure. */
    @Test
    void rejectionIsSignalledWithoutARequest() {
        IllegalStateException reason = new IllegalStateException("boom");
        RecordingSubscriber<String> before = subscribe(IOU.rejected(reason));
        IOU<String> later = new IOU<>();
        RecordingSubscriber<String> after = subscribe(later);

        later.reject(reason);

        assertThat(before.signals).containsExactly("subscribe", "error:IllegalStateException");
        assertThat(after.signals).containsExactly("subscribe", "error:IllegalStateException");
        assertThat(after.error).isSameAs(reason);
    }

    @Test
    void nullValueCompletesWithoutARequest() {
        IOU<String> iou = new IOU<>();
        RecordingSubscriber<String> subscriber = subscribe(iou);

        iou.fulfill(null);

        assertThat(subscriber.signals).containsExactly("subscribe", "complete");
    }

    /** A request racing the settlement: exactly one onNext and one onComplete, whoever comes second. */
    @Test
    void requestRacingSettlementSignalsTheValueExactlyOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 5_000; i++) {
                IOU<String> iou = new IOU<>();
                RecordingSubscriber<String> subscriber = subscribe(iou);
                race(threads, () -> iou.fulfill("ada"), () -> subscriber.subscription.request(1));

                assertThat(subscriber.signals).containsExactly("subscribe", "next:ada", "complete");
            }
        }
        finally {
            threads.shutdownNow();
        }
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

    /** Rule 3.2: a request from within onSubscribe is served once onSubscribe has returned. */
    @Test
    void requestFromWithinOnSubscribeIsServedAfterItReturns() {
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                super.onSubscribe(s);
                s.request(1);
                signals.add("onSubscribe returns");
            }
        };
        new IouPublisher<>(IOU.fulfilled("ada")).subscribe(subscriber);

        assertThat(subscriber.signals).containsExactly("onSubscribe returns", "next:ada", "complete");
    }

    /** Two responses from one shared IOU: one client hanging up does not fail the other. */
    @Test
    void cancellingOneOfTwoSubscriptionsLeavesTheSharedIouToTheOther() {
        IOU<String> shared = new IOU<>();
        RecordingSubscriber<String> leaving = subscribeAndRequest(shared);
        RecordingSubscriber<String> staying = subscribeAndRequest(shared);

        leaving.subscription.cancel();
        assertThat(shared.isPending()).isTrue();
        shared.fulfill("ada");

        assertThat(staying.signals).containsExactly("next:ada", "complete");
        assertThat(leaving.signals).isEmpty();
    }

    @Test
    void cancellingTheLastSubscriptionOfASharedIouCancelsIt() {
        IOU<String> shared = new IOU<>();
        RecordingSubscriber<String> first = subscribeAndRequest(shared);
        RecordingSubscriber<String> second = subscribeAndRequest(shared);

        first.subscription.cancel();
        second.subscription.cancel();

        assertThat(shared.isCancelled()).isTrue();
    }

    /** Cancelled before it could take its interest, a subscription still withdraws one. */
    @Test
    void cancellingWithinOnSubscribeCancelsAnIouNobodyElseWants() {
        IOU<String> unwanted = new IOU<>();
        IOU<String> wanted = new IOU<>();
        IOU<String> wantedElsewhere = wanted.addFulfilledHandler(v -> v);
        for (IOU<String> iou : List.of(unwanted, wanted)) {
            new IouPublisher<>(iou).subscribe(new RecordingSubscriber<>() {
                @Override
                public void onSubscribe(Subscription s) {
                    s.cancel();
                }
            });
        }

        assertThat(unwanted.isCancelled()).isTrue();
        assertThat(wanted.isPending()).isTrue();
        assertThat(wantedElsewhere.isPending()).isTrue();
    }

    /** Rule 3.13: once cancelled, the subscription holds its subscriber no more. */
    @Test
    void cancelledSubscriptionLetsGoOfItsSubscriber() {
        IOU<String> iou = new IOU<>();
        RecordingSubscriber<String> subscriber = subscribeAndRequest(iou);
        WeakReference<RecordingSubscriber<String>> held = new WeakReference<>(subscriber);

        subscriber.subscription.cancel();
        subscriber = null;

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return held.get() == null;
        });
        assertThat(iou.isCancelled()).isTrue();
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

    /** Rule 3.9, which the TCK checks only on publishers of ten elements or more. */
    @ParameterizedTest
    @ValueSource(longs = { 0, -1, Long.MIN_VALUE })
    void nonPositiveRequestIsAnErrorAndCancelsTheIou(long n) {
        IOU<String> iou = new IOU<>();
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>();
        new IouPublisher<>(iou).subscribe(subscriber);

        subscriber.subscription.request(n);

        assertThat(subscriber.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        assertThat(iou.isCancelled()).isTrue();
    }

    @Test
    void signalsComeOnTheThreadThatSettlesTheIou() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "iou-pool"));
        try {
            IOU<String> iou = IOU.bound(pool);
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
                race(threads, () -> iou.fulfill("ada"), () -> subscriber.subscription.cancel());

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
        assertThat(subscriber.threads).containsExactly("iou-timer");
        assertThat(never.isCancelled()).isTrue();
    }

    /** The time counts from the subscription: a subscriber that never requests still gets the 503. */
    @Test
    void timeoutNeedsNoRequest() throws Exception {
        IOU<String> never = new IOU<>();
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>();
        new IouPublisher<>(never, new IouResponseTimeout(Duration.ofMillis(20))).subscribe(subscriber);

        assertThat(subscriber.awaitTermination()).isTrue();
        assertThat(subscriber.error).isInstanceOf(IouResponseTimeoutException.class);
        assertThat(never.isCancelled()).isTrue();
    }

    /** Timers of IOUs that settle, or of cancelled subscriptions, are stopped: none is left to run. */
    @Test
    void settlingOrCancellingStopsTheTimer() {
        try (VirtualIouTimer time = VirtualIouTimer.install()) {
            IouResponseTimeout timeout = new IouResponseTimeout(Duration.ofHours(1));
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
            assertThat(time.pendingTasks()).isZero();
        }
    }

    /** The response timeout runs on the IOU timer, so virtual time drives it as it drives IOU.timeout. */
    @Test
    void theTimeoutRunsOnTheIouTimer() {
        try (VirtualIouTimer time = VirtualIouTimer.install()) {
            IOU<String> never = new IOU<>();
            RecordingSubscriber<String> subscriber = new RecordingSubscriber<>();
            new IouPublisher<>(never, new IouResponseTimeout(Duration.ofSeconds(30))).subscribe(subscriber);
            subscriber.subscription.request(1);

            time.advance(Duration.ofSeconds(29));
            assertThat(subscriber.signals).isEmpty();
            assertThat(never.isPending()).isTrue();

            time.advance(Duration.ofSeconds(1));
            assertThat(subscriber.signals).containsExactly("error:IouResponseTimeoutException");
            assertThat(never.isCancelled()).isTrue();
        }
    }

    @Test
    void refusesANullSubscriberOrIou() {
        assertThatNullPointerException().isThrownBy(() -> new IouPublisher<>(new IOU<>()).subscribe(null))
                .withMessage("subscriber");
        assertThatNullPointerException().isThrownBy(() -> new IouPublisher<>(null)).withMessage("iou");
    }

    /** Runs {@code first} and {@code second} on two threads released together; waits for both. */
    private static void race(ExecutorService threads, Runnable first, Runnable second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> one = threads.submit(() -> {
            start.await();
            first.run();
            return null;
        });
        Future<?> other = threads.submit(() -> {
            start.await();
            second.run();
            return null;
        });
        one.get(10, TimeUnit.SECONDS);
        other.get(10, TimeUnit.SECONDS);
    }

    /** Subscribes without requesting; records onSubscribe as a signal, to show what came before it. */
    private static <T> RecordingSubscriber<T> subscribe(IOU<T> iou) {
        RecordingSubscriber<T> subscriber = new RecordingSubscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                signals.add("subscribe");
                super.onSubscribe(s);
            }
        };
        new IouPublisher<>(iou).subscribe(subscriber);
        return subscriber;
    }

    private static <T> RecordingSubscriber<T> subscribeAndRequest(IOU<T> iou) {
        RecordingSubscriber<T> subscriber = new RecordingSubscriber<>();
        new IouPublisher<>(iou).subscribe(subscriber);
        subscriber.subscription.request(1);
        return subscriber;
    }
}
