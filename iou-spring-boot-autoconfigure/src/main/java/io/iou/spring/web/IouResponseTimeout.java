package io.iou.spring.web;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Bounds how long a WebFlux response waits for an IOU. WebFlux, unlike Spring MVC, has no request
 * timeout of its own, so without one an IOU that never settles would hold its connection (and
 * whatever the IOU holds) until the client gives up. When the time is up the IOU's publisher is
 * cancelled, which {@linkplain io.iou.IOU#cancel() cancels the IOU}, and the response fails with an
 * {@link IouResponseTimeoutException} (503).
 */
public final class IouResponseTimeout implements Function<Publisher<?>, Publisher<?>> {

    private final Duration timeout;

    private final Mono<Object> expired;

    /**
     * Creates a timeout.
     *
     * @param timeout how long a response waits; must be positive
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public IouResponseTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        this.timeout = timeout;
        this.expired = Mono.error(() -> new IouResponseTimeoutException(timeout));
    }

    /**
     * Returns {@code publisher} bounded by the timeout.
     *
     * @param publisher an IOU's publisher
     * @return a {@code Mono} that cancels {@code publisher} and fails with a 503 once the time is up
     */
    @Override
    @SuppressWarnings("unchecked")
    public Publisher<?> apply(Publisher<?> publisher) {
        Mono<Object> value = Mono.from((Publisher<Object>) publisher);
        return value.timeout(timeout, expired);
    }

    @Override
    public String toString() {
        return "IouResponseTimeout[" + timeout + "]";
    }
}
