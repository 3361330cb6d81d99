package io.iou.spring.observation;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import io.iou.spring.metrics.IouOutcome;
import io.iou.spring.web.IouResponseTimeoutException;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapter;
import org.springframework.util.ClassUtils;

/**
 * Observes the IOUs that controllers return, as {@value #OBSERVATION}: from when the web layer
 * subscribes to the IOU (just after the controller returned it) until its outcome is written or the
 * response is abandoned. Outcome {@code fulfilled} or {@code rejected}; {@code cancelled} when the
 * client goes away (or Spring MVC's request timeout passes) first; {@code timed-out} when
 * {@code iou.web.timeout} or an {@code IOU.timeout} in the chain ends it. With Micrometer Tracing it
 * is a span whose parent is the request's span.
 */
public final class IouResponseObservation {

    /** The name of the observation, and so of its timer. */
    public static final String OBSERVATION = "iou.web.response";

    private static final boolean REACTOR_PRESENT =
            ClassUtils.isPresent("reactor.core.publisher.Mono", IouResponseObservation.class.getClassLoader());

    /** Reads the observation current on a thread, whatever registry opened it (they share one thread-local). */
    private static final ObservationRegistry CURRENT = ObservationRegistry.create();

    private IouResponseObservation() {
    }

    /**
     * Returns an adapter that publishes IOUs as {@code iouAdapter} does, each publication observed.
     *
     * @param iouAdapter the adapter of IOUs to observe
     * @param registry where responses are observed
     * @return {@code iouAdapter} itself when {@code registry} is the no-op registry, else the
     *         observing adapter
     */
    public static ReactiveAdapter observing(ReactiveAdapter iouAdapter, ObservationRegistry registry) {
        Objects.requireNonNull(iouAdapter, "iouAdapter");
        if (registry.isNoop()) {
            return iouAdapter;
        }
        return new ReactiveAdapter(iouAdapter.getDescriptor(),
                (iou) -> publisher(new Observed<>(iouAdapter.toPublisher(iou), registry)), iouAdapter::fromPublisher);
    }

    /** As a {@code Mono} where Reactor is present: encoders write a {@code Mono} as one value. */
    private static <T> Publisher<T> publisher(Publisher<T> publisher) {
        return REACTOR_PRESENT ? ReactorSupport.mono(publisher) : publisher;
    }

    private static IouOutcome outcomeOf(Throwable failure) {
        if (failure instanceof IouResponseTimeoutException || failure instanceof TimeoutException) {
            return IouOutcome.TIMED_OUT;
        }
        return (failure instanceof CancellationException) ? IouOutcome.CANCELLED : IouOutcome.REJECTED;
    }

    /** A publication of one IOU, observed per subscriber. */
    private static final class Observed<T> implements Publisher<T> {

        private final Publisher<T> source;

        private final ObservationRegistry registry;

        Observed(Publisher<T> source, ObservationRegistry registry) {
            this.source = source;
            this.registry = registry;
        }

        @Override
        public void subscribe(Subscriber<? super T> subscriber) {
            Objects.requireNonNull(subscriber, "subscriber");
            Observation parent = REACTOR_PRESENT ? ReactorSupport.observationOf(subscriber) : null;
            IouObservation observation = IouObservation.start(this.registry, OBSERVATION, OBSERVATION,
                    KeyValues.empty(), KeyValues.empty(), (parent != null) ? parent : CURRENT.getCurrentObservation());
            this.source.subscribe(new Observing<>(subscriber, observation));
        }
    }

    /** Passes every signal on, and stops the observation at the first terminal one. */
    private static final class Observing<T> implements Subscriber<T>, Subscription {

        private final Subscriber<? super T> actual;

        private final IouObservation observation;

        private @Nullable Subscription upstream;

        Observing(Subscriber<? super T> actual, IouObservation observation) {
            this.actual = actual;
            this.observation = observation;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.upstream = subscription;
            this.actual.onSubscribe(this);
        }

        @Override
        public void onNext(T value) {
            // the value is out: a cancel that follows it is the consumer being done, not going away
            this.observation.stop(IouOutcome.FULFILLED, null);
            this.actual.onNext(value);
        }

        @Override
        public void onError(Throwable failure) {
            this.observation.stop(outcomeOf(failure), failure);
            this.actual.onError(failure);
        }

        @Override
        public void onComplete() {
            this.observation.stop(IouOutcome.FULFILLED, null);
            this.actual.onComplete();
        }

        @Override
        public void request(long n) {
            Objects.requireNonNull(this.upstream).request(n);
        }

        @Override
        public void cancel() {
            this.observation.stop(IouOutcome.CANCELLED, null);
            Objects.requireNonNull(this.upstream).cancel();
        }
    }

    /** Kept apart so that Reactor is only loaded where it is present. */
    private static final class ReactorSupport {

        private ReactorSupport() {
        }

        static <T> Publisher<T> mono(Publisher<T> publisher) {
            // fromDirect: the publisher is known to signal at most one value, so no guarding operator
            return Mono.fromDirect(publisher);
        }

        /** The observation WebFlux keeps in the subscriber's context: the request's. */
        static @Nullable Observation observationOf(Subscriber<?> subscriber) {
            return (subscriber instanceof CoreSubscriber<?> core)
                    ? core.currentContext().getOrDefault(ObservationThreadLocalAccessor.KEY, null) : null;
        }
    }
}
