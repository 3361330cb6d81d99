package io.iou.spring.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.iou.IOU;
import io.iou.spring.web.IouReactiveAdapter;
import io.iou.spring.web.IouResponseTimeout;
import io.iou.spring.web.IouResponseTimeoutException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An IOU a controller returns is observed from subscription to its outcome, or to the consumer going
 * away, as the child of the request's observation.
 */
class IouResponseObservationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private final ReactiveAdapter adapter = IouResponseObservation.observing(
            new IouReactiveAdapter(new IouResponseTimeout(Duration.ofMillis(200)), IOU::new), this.registry);

    @Test
    void aFulfilledIouIsObservedAsTheChildOfTheRequestInTheSubscribersContext() {
        Observation request = Observation.start("request", this.registry);
        IOU<String> iou = new IOU<>();
        Mono<String> response = Mono.from(this.adapter.<String>toPublisher(iou))
            .contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, request));
        iou.fulfill("ada");

        assertThat(response.block(WAIT)).isEqualTo("ada");
        request.stop();

        assertThat(this.registry).hasObservationWithNameEqualTo(IouResponseObservation.OBSERVATION)
            .that()
            .hasBeenStopped()
            .hasLowCardinalityKeyValue("outcome", "fulfilled")
            .hasParentObservationEqualTo(request);
    }

    @Test
    void withoutAContextTheObservationCurrentOnTheSubscribingThreadIsTheParent() {
        Observation request = Observation.start("request", this.registry);
        try (Observation.Scope scope = request.openScope()) {
            assertThat(Mono.from(this.adapter.toPublisher(IOU.fulfilled("ada"))).block(WAIT)).isEqualTo("ada");
        }
        request.stop();

        assertThat(this.registry).hasObservationWithNameEqualTo(IouResponseObservation.OBSERVATION)
            .that()
            .hasParentObservationEqualTo(request);
    }

    @Test
    void outcomesTellFailuresFromClientsGoingAwayAndTimeouts() {
        assertThat(failure(IOU.rejected(new IllegalStateException("down"))))
            .isInstanceOf(IllegalStateException.class);
        IOU<String> abandoned = new IOU<>();
        Mono.from(this.adapter.toPublisher(abandoned)).subscribe().dispose();
        // the adapter's response timeout, and a timeout in the IOU's own chain
        assertThat(failure(new IOU<String>())).isInstanceOf(IouResponseTimeoutException.class);
        // block() wraps a checked exception
        assertThat(failure(new IOU<String>().timeout(Duration.ofMillis(1)))).hasCauseInstanceOf(TimeoutException.class);

        assertThat(outcomes()).containsExactlyInAnyOrder("rejected", "cancelled", "timed-out", "timed-out");
        assertThat(abandoned.isCancelled()).isTrue();
        assertThat(this.registry).hasAnObservation((observation) -> observation
            .hasLowCardinalityKeyValue("outcome", "rejected")
            .assertThatError()
            .isInstanceOf(IllegalStateException.class));
    }

    @Test
    void aCancelAfterTheValueIsNotAClientGoingAway() {
        List<String> received = new ArrayList<>();
        this.adapter.<String>toPublisher(IOU.fulfilled("ada")).subscribe(new BaseSubscriber<String>() {
            @Override
            protected void hookOnNext(String value) {
                received.add(value);
                cancel();
            }
        });

        assertThat(received).containsExactly("ada");
        assertThat(outcomes()).containsExactly("fulfilled");
    }

    @Test
    void theNoopRegistryLeavesTheAdapterAsItIs() {
        IouReactiveAdapter plain = new IouReactiveAdapter();
        assertThat(IouResponseObservation.observing(plain, ObservationRegistry.NOOP)).isSameAs(plain);
    }

    private Throwable failure(IOU<String> iou) {
        return catchThrowable(() -> Mono.from(this.adapter.toPublisher(iou)).block(WAIT));
    }

    private List<String> outcomes() {
        List<String> outcomes = new ArrayList<>();
        assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
            .filter((context) -> IouResponseObservation.OBSERVATION.equals(context.getName()))
            .map((context) -> context.getLowCardinalityKeyValue("outcome"))
            .map((outcome) -> (outcome != null) ? outcome.getValue() : "still running")
            .forEach(outcomes::add));
        return outcomes;
    }
}
