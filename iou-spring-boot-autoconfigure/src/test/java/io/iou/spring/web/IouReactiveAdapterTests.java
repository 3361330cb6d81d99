package io.iou.spring.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;

import io.iou.IOU;
import io.iou.IouHooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

class IouReactiveAdapterTests {

    private final IouReactiveAdapter adapter = new IouReactiveAdapter();

    @Test
    void describesIouAsAnEagerSingleOptionalValue() {
        assertThat(adapter.getReactiveType()).isEqualTo(IOU.class);
        assertThat(adapter.isMultiValue()).isFalse();
        assertThat(adapter.isNoValue()).isFalse();
        assertThat(adapter.supportsEmpty()).isTrue();
        assertThat(adapter.getDescriptor().isDeferred()).isFalse();
        assertThat(adapter.getDescriptor().getEmptyValue())
                .isInstanceOfSatisfying(IOU.class, empty -> {
                    assertThat(empty.isFulfilled()).isTrue();
                    assertThat(empty.getValue()).isNull();
                });
    }

    /** WebFlux's encoders write a single value only for a Mono; any other publisher becomes a JSON array. */
    @Test
    void publishesTheIouAsAMono() {
        Object publisher = adapter.toPublisher(IOU.fulfilled("ada"));

        assertThat(publisher).isInstanceOf(Mono.class);
        assertThat(((Mono<?>) publisher).block()).isEqualTo("ada");
    }

    @Test
    void registeredInARegistryItAdaptsIousOfEveryKind() {
        ReactiveAdapterRegistry registry = new ReactiveAdapterRegistry();

        assertThat(adapter.registerWith(registry)).isTrue();

        ReactiveAdapter registered = registry.getAdapter(IOU.class);
        assertThat(registered.getDescriptor()).isSameAs(IouReactiveAdapter.DESCRIPTOR);
        assertThat(registry.getAdapter(null, IOU.fulfilled(1).addFulfilledHandler(v -> v + 1))).isSameAs(registered);
        assertThat(Mono.from(registered.toPublisher(IOU.fulfilled("ada"))).block()).isEqualTo("ada");
        assertThat(((IOU<?>) registered.fromPublisher(Mono.just("ada"))).getValue()).isEqualTo("ada");
    }

    @Test
    void theFirstRegistrationStays() {
        ReactiveAdapterRegistry registry = new ReactiveAdapterRegistry();
        adapter.registerWith(registry);
        ReactiveAdapter first = registry.getAdapter(IOU.class);

        assertThat(new IouReactiveAdapter().registerWith(registry)).isFalse();
        assertThat(registry.getAdapter(IOU.class)).isSameAs(first);
    }

    @Test
    void publishersWaitAtMostTheTimeout() {
        IOU<String> never = new IOU<>();
        IouReactiveAdapter bounded = new IouReactiveAdapter(new IouResponseTimeout(Duration.ofMillis(20)), IOU::new);

        assertThatExceptionOfType(IouResponseTimeoutException.class)
                .isThrownBy(() -> Mono.from(bounded.toPublisher(never)).block());
        assertThat(never.isCancelled()).isTrue();
    }

    @Test
    void iouFromPublisherTakesTheFirstElementAndCancelsTheRest() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();

        Flux<String> source = Flux.just("a", "b", "c").doOnCancel(() -> sourceCancelled.set(true));

        IOU<?> iou = (IOU<?>) adapter.fromPublisher(source);

        assertThat(iou.getValue()).isEqualTo("a");
        assertThat(sourceCancelled).isTrue();
    }

    @Test
    void iouFromEmptyPublisherIsFulfilledWithNull() {
        IOU<?> iou = (IOU<?>) adapter.fromPublisher(Mono.empty());

        assertThat(iou.isFulfilled()).isTrue();
        assertThat(iou.getValue()).isNull();
    }

    @Test
    void iouFromFailingPublisherIsRejectedWithItsError() {
        IllegalStateException failure = new IllegalStateException("boom");

        IOU<?> iou = (IOU<?>) adapter.fromPublisher(Mono.error(failure));

        assertThat(iou.isRejected()).isTrue();
        assertThat(iou.getValue()).isSameAs(failure);
    }

    @Test
    void errorAfterTheValueIsReportedAsUnhandledNotDropped() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IouHooks.setUnhandledRejectionHandler(reported::add);
        try {
            IllegalStateException late = new IllegalStateException("late");
            Publisher<String> valueThenError = subscriber -> subscriber.onSubscribe(new Subscription() {

                @Override
                public void request(long n) {
                    subscriber.onNext("a");
                    subscriber.onError(late);
                }

                @Override
                public void cancel() {
                }
            });

            IOU<?> iou = (IOU<?>) adapter.fromPublisher(valueThenError);

            assertThat(iou.getValue()).isEqualTo("a");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                System.gc();
                assertThat(reported).contains(late);
            });
        }
        finally {
            IouHooks.setUnhandledRejectionHandler(null);
        }
    }

    @Test
    void cancellingTheIouCancelsThePublisher() {
        CountDownLatch sourceCancelled = new CountDownLatch(1);
        IOU<?> iou = (IOU<?>) adapter.fromPublisher(Mono.never().doOnCancel(sourceCancelled::countDown));

        iou.cancel();

        assertThat(sourceCancelled.getCount()).isZero();
    }

    @Test
    void iouFromPublisherIsMadeByTheFactory() {
        Executor executor = Runnable::run;
        IouReactiveAdapter bound = new IouReactiveAdapter(null, () -> IOU.bound(executor));

        IOU<?> iou = (IOU<?>) bound.fromPublisher(Mono.just("a"));

        assertThat(iou.executor()).isSameAs(executor);
        assertThat(iou.getValue()).isEqualTo("a");
    }

    @Test
    void refusesANullIouFactory() {
        assertThatNullPointerException().isThrownBy(() -> new IouReactiveAdapter(null, null)).withMessage("newIou");
    }
}
