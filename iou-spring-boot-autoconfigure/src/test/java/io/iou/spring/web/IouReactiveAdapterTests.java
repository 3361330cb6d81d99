package io.iou.spring.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.iou.IOU;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

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

    @Test
    void publishesTheIouThroughTheDecorator() {
        Publisher<?> decorated = Mono.just("decorated");
        IouReactiveAdapter decorating = new IouReactiveAdapter(publisher -> decorated, IOU::new);

        assertThat(decorating.toPublisher(IOU.fulfilled("ada"))).isSameAs(decorated);
        assertThat(Mono.from(adapter.toPublisher(IOU.fulfilled("ada"))).block()).isEqualTo("ada");
    }

    @Test
    void iouFromPublisherTakesTheFirstElementAndCancelsTheRest() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();

        IOU<?> iou = (IOU<?>) adapter.fromPublisher(Flux.just("a", "b", "c").doOnCancel(() -> sourceCancelled.set(true)));

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
    void cancellingTheIouCancelsThePublisher() {
        CountDownLatch sourceCancelled = new CountDownLatch(1);
        IOU<?> iou = (IOU<?>) adapter.fromPublisher(Mono.never().doOnCancel(sourceCancelled::countDown));

        iou.cancel();

        assertThat(sourceCancelled.getCount()).isZero();
    }

    @Test
    void iouFromPublisherIsMadeByTheFactory() {
        Executor executor = Runnable::run;
        IouReactiveAdapter bound = new IouReactiveAdapter(publisher -> publisher, () -> new IOU<>(executor));

        IOU<?> iou = (IOU<?>) bound.fromPublisher(Mono.just("a"));

        assertThat(iou.executor()).isSameAs(executor);
        assertThat(iou.getValue()).isEqualTo("a");
    }

    @Test
    void refusesNullArguments() {
        assertThatNullPointerException().isThrownBy(() -> new IouReactiveAdapter(null, IOU::new))
                .withMessage("decorator");
        assertThatNullPointerException().isThrownBy(() -> new IouReactiveAdapter(publisher -> publisher, null))
                .withMessage("newIou");
    }
}
