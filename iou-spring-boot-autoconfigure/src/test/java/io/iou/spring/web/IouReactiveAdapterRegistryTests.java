package io.iou.spring.web;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;

import io.iou.IOU;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IouReactiveAdapterRegistryTests {

    private final ReactiveAdapterRegistry delegate = new ReactiveAdapterRegistry();

    private final IouReactiveAdapter iouAdapter = new IouReactiveAdapter();

    private final IouReactiveAdapterRegistry registry = new IouReactiveAdapterRegistry(delegate, iouAdapter);

    @Test
    void answersForIousOfEveryKind() {
        IOU<Integer> derived = IOU.fulfilled(1).addFulfilledHandler(v -> v + 1);

        assertThat(registry.getAdapter(IOU.class)).isSameAs(iouAdapter);
        assertThat(registry.getAdapter(null, new IOU<>())).isSameAs(iouAdapter);
        assertThat(registry.getAdapter(Object.class, derived)).isSameAs(iouAdapter);
        assertThat(registry.getAdapter(derived.getClass())).isSameAs(iouAdapter);
        assertThat(registry.getAdapter(IOU.class, Optional.empty())).isSameAs(iouAdapter);
        assertThat(registry.getAdapter(null, Optional.of(derived))).isSameAs(iouAdapter);
    }

    @Test
    void everyOtherTypeIsAnsweredByTheWrappedRegistry() {
        for (Class<?> type : List.of(Mono.class, Flux.class, Publisher.class, CompletableFuture.class, String.class)) {
            assertThat(registry.getAdapter(type)).as(type.getName()).isSameAs(delegate.getAdapter(type));
        }
        assertThat(registry.getAdapter(null, Mono.just(1))).isSameAs(delegate.getAdapter(Mono.class));
        assertThat(delegate.getAdapter(IOU.class)).isNull();
    }

    @Test
    void registrationsGoToTheWrappedRegistry() {
        registry.registerReactiveType(ReactiveTypeDescriptor.singleOptionalValue(Custom.class, Custom::new),
                source -> Mono.empty(), publisher -> new Custom());

        ReactiveAdapter registered = delegate.getAdapter(Custom.class);
        assertThat(registered).isNotNull();
        assertThat(registry.getAdapter(Custom.class)).isSameAs(registered);
    }

    @Test
    void withoutAnAdapterAnswersForNoIouAndForEveryOtherTypeAsTheWrappedRegistry() {
        ReactiveAdapterRegistry withIou = new ReactiveAdapterRegistry();
        iouAdapter.registerWith(withIou);
        IouReactiveAdapterRegistry withoutIou = new IouReactiveAdapterRegistry(withIou, null);

        assertThat(withoutIou.getAdapter(IOU.class)).isNull();
        assertThat(withoutIou.getAdapter(null, IOU.fulfilled(1).addFulfilledHandler(v -> v))).isNull();
        assertThat(withoutIou.getAdapter(Mono.class)).isSameAs(withIou.getAdapter(Mono.class));
        assertThat(withoutIou.hasAdapters()).isTrue();
    }

    @Test
    void refusesAnAdapterForAnotherType() {
        ReactiveAdapter monoAdapter = delegate.getAdapter(Mono.class);

        assertThatIllegalArgumentException().isThrownBy(() -> new IouReactiveAdapterRegistry(delegate, monoAdapter))
                .withMessageContaining("must adapt io.iou.IOU");
    }

    static final class Custom {
    }
}
