package io.iou.spring.reactor;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.iou.IOU;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class IouMonoTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aMonoOfAnIouEmitsItsValueOrNothingForNullOrItsRejection() {
        assertThat(IouMono.from(IOU.fulfilled("ada")).block(WAIT)).isEqualTo("ada");
        assertThat(IouMono.from(IOU.fulfilled(null)).hasElement().block(WAIT)).isFalse();
        assertThatIllegalStateException()
                .isThrownBy(() -> IouMono.from(IOU.rejected(new IllegalStateException("boom"))).block(WAIT))
                .withMessage("boom");
    }

    @Test
    void everySubscriberSeesTheSameOutcomeOnceTheIouSettles() {
        IOU<String> iou = new IOU<>();
        Mono<String> mono = IouMono.from(iou);
        AtomicInteger seen = new AtomicInteger();
        mono.subscribe(value -> seen.incrementAndGet());
        mono.subscribe(value -> seen.incrementAndGet());

        iou.fulfill("ada");

        assertThat(seen).hasValue(2);
        assertThat(mono.block(WAIT)).isEqualTo("ada");
    }

    @Test
    void cancellingTheOnlySubscriptionCancelsTheIou() {
        IOU<String> iou = new IOU<>();
        Disposable subscription = IouMono.from(iou).subscribe();

        subscription.dispose();

        assertThat(iou).isCancelled();
    }

    /** Cancellation by interest: the IOU runs on while another dependent still wants it. */
    @Test
    void cancellingASubscriptionWithdrawsOnlyItsOwnInterest() {
        IOU<String> iou = new IOU<>();
        IOU<Integer> other = iou.addFulfilledHandler(String::length);
        Disposable first = IouMono.from(iou).subscribe();
        Disposable second = IouMono.from(iou).subscribe();

        first.dispose();
        other.cancel();
        assertThat(iou).isPending();
        second.dispose();

        assertThat(iou).isCancelled();
    }

    @Test
    void aReactorTimeoutWithdrawsTheMonosInterest() {
        IOU<String> iou = new IOU<>();

        assertThat(catchTimeout(IouMono.from(iou).timeout(Duration.ofMillis(20)))).isInstanceOf(TimeoutException.class);
        assertThat(iou).isCancelled();
    }

    @Test
    void anIouOfAPublisherTakesItsFirstValueAndCancelsTheRest() {
        AtomicBoolean cancelled = new AtomicBoolean();

        IOU<String> first = IouMono.toIou(Flux.just("a", "b").doOnCancel(() -> cancelled.set(true)));

        assertThat(first).isFulfilledWith("a");
        assertThat(cancelled).isTrue();
        assertThat(IouMono.toIou(Mono.empty())).isFulfilledWith(null);
        assertThat(IouMono.toIou(Mono.error(new IllegalStateException("boom"))))
                .isRejectedWithInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancellingTheIouCancelsTheSubscription() {
        AtomicBoolean cancelled = new AtomicBoolean();
        IOU<Object> iou = IouMono.toIou(Mono.never().doOnCancel(() -> cancelled.set(true)));

        iou.cancel();

        assertThat(cancelled).isTrue();
    }

    @Test
    void cancellingTheLastDependentThatWantsTheIouCancelsTheSubscription() {
        AtomicBoolean cancelled = new AtomicBoolean();
        IOU<Object> iou = IouMono.toIou(Mono.never().doOnCancel(() -> cancelled.set(true)));
        IOU<String> one = iou.addFulfilledHandler(String::valueOf);
        IOU<String> two = iou.addFulfilledHandler(String::valueOf);

        one.cancel();
        assertThat(cancelled).isFalse();
        two.cancel();

        assertThat(cancelled).isTrue();
    }

    @Test
    void anIouBoundToAnExecutorRunsItsHandlersThere() {
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "bound-pool"));
        try {
            IOU<String> thread = IouMono.toIou(Mono.just("ada").delayElement(Duration.ofMillis(5)), pool)
                    .addFulfilledHandler(value -> Thread.currentThread().getName());

            assertThat(thread).succeedsWithin(WAIT).isEqualTo("bound-pool");
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void anIouBoundToAnExecutorStillCancelsItsSubscription() {
        AtomicBoolean cancelled = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            IouMono.toIou(Mono.never().doOnCancel(() -> cancelled.set(true)), pool).cancel();

            await().atMost(WAIT).untilTrue(cancelled);
        }
        finally {
            pool.shutdown();
        }
    }

    private static Throwable catchTimeout(Mono<?> mono) {
        try {
            mono.block(WAIT);
            return null;
        }
        catch (RuntimeException ex) {
            return ex.getCause() != null ? ex.getCause() : ex;
        }
    }
}
