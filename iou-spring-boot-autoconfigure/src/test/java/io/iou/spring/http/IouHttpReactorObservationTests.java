package io.iou.spring.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.iou.IOU;
import io.iou.spring.context.IouContextSnapshotPropagator;
import io.micrometer.common.KeyValue;
import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Each task is observed from submission to settlement, as the child of the observation current where
 * it was submitted, and is the parent of the {@code WebClient}'s own observation of the exchange.
 */
class IouHttpReactorObservationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static LoopbackHttpServer server;

    private static TestIouScheduler pool;

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.start();
        pool = new TestIouScheduler();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
        pool.close();
    }

    private IouHttpReactor reactor(ObservationRegistry reactorRegistry, IouHttpReactor.Settings settings,
            ExchangeFilterFunction... filters) {
        WebClient.Builder builder = WebClient.builder().observationRegistry(this.registry);
        for (ExchangeFilterFunction filter : filters) {
            builder.filter(filter);
        }
        return new IouHttpReactor(builder, pool.scheduler(), settings, reactorRegistry);
    }

    @Test
    void aTaskIsTheChildOfTheSubmittersObservationAndTheParentOfTheExchanges() throws Exception {
        IouHttpReactor reactor = reactor(this.registry, IouHttpReactor.Settings.defaults());
        Observation request = Observation.start("request", this.registry);
        assertThat(submitWithin(request, reactor, "/status/200?token=secret").statusCode()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(this.registry)
            .hasObservationWithNameEqualTo(IouHttpReactor.OBSERVATION)
            .that()
            .hasBeenStopped()
            .hasContextualNameEqualTo("iou.http GET")
            .hasLowCardinalityKeyValue("method", "GET")
            .hasLowCardinalityKeyValue("outcome", "fulfilled")
            // no query string: it may carry credentials
            .hasHighCardinalityKeyValue("iou.http.request", "GET " + server.url("/status/200") + "?...")
            .hasParentObservationEqualTo(request));
        Observation.Context task = tasks().get(0);
        assertThat(this.registry).hasObservationWithNameEqualTo("http.client.requests")
            .that()
            .hasParentObservationContextMatching((parent) -> parent == task);
    }

    @Test
    void outcomesTellFailuresFromCancellationsAndTimeouts() throws Exception {
        IouHttpReactor reactor = reactor(this.registry, IouHttpReactor.Settings.defaults());
        IOU<IouHttpResponse> refused = reactor.submitTask(new IouHttpReactorTask("http://127.0.0.1:" + IouHttpReactorTests.closedPort()));
        assertThat(catchThrowable(() -> refused.await(WAIT))).hasCauseInstanceOf(IouHttpException.class);
        int hanging = server.hangArrived.get();
        IOU<IouHttpResponse> cancelled = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")));
        IOU<IouHttpResponse> timedOut = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")))
            .timeout(Duration.ofMillis(200));
        await().atMost(WAIT).until(() -> server.hangArrived.get() == hanging + 2);
        cancelled.cancel();
        await().atMost(WAIT).until(() -> !timedOut.isPending());

        // the outcome is added as an observation stops
        await().atMost(WAIT).untilAsserted(() -> assertThat(tasks())
            .extracting((task) -> outcome(task))
            .containsExactlyInAnyOrder("rejected", "cancelled", "timed-out"));
        assertThat(tasks()).filteredOn((task) -> task.getError() != null)
            .singleElement()
            .satisfies((task) -> assertThat(task.getError()).isInstanceOf(IouHttpException.class));
    }

    @Test
    void withTheReactorsObservationOffTheExchangeIsStillTheChildOfTheSubmitters() throws Exception {
        IouHttpReactor reactor = reactor(ObservationRegistry.NOOP, IouHttpReactor.Settings.defaults());
        Observation request = Observation.start("request", this.registry);
        submitWithin(request, reactor, "/status/200");

        assertThat(tasks()).isEmpty();
        assertThat(this.registry).hasObservationWithNameEqualTo("http.client.requests")
            .that()
            .hasParentObservationEqualTo(request);
    }

    @Test
    void aQueuedTaskStartsWithTheContextOfTheThreadThatSubmittedIt() throws Exception {
        ThreadLocal<String> tenant = new ThreadLocal<>();
        List<String> seenAtStart = new CopyOnWriteArrayList<>();
        ExchangeFilterFunction recordTenant = ExchangeFilterFunction.ofRequestProcessor((ClientRequest request) -> {
            seenAtStart.add(request.url().getPath() + " " + tenant.get());
            return Mono.just(request);
        });
        IouHttpReactor reactor = reactor(ObservationRegistry.NOOP,
                IouHttpReactor.Settings.defaults().withMaxInFlight(1), recordTenant);
        try (IouContextSnapshotPropagator propagator = new IouContextSnapshotPropagator(
                new ContextRegistry().registerThreadLocalAccessor("tenant", tenant))) {
            propagator.start();
            server.closeGate();
            IOU<IouHttpResponse> first = reactor.submitTask(new IouHttpReactorTask(server.url("/held")));
            await().atMost(WAIT).until(() -> server.heldNow.get() == 1);
            tenant.set("acme");
            IOU<IouHttpResponse> queued = reactor.submitTask(new IouHttpReactorTask(server.url("/status/200")));
            tenant.remove();
            assertThat(reactor.queued()).isEqualTo(1);

            // the first exchange ends on an event-loop thread, which then starts the queued one
            server.openGate();
            first.await(WAIT);
            queued.await(WAIT);
        }
        finally {
            server.openGate();
        }
        assertThat(seenAtStart).containsExactly("/held null", "/status/200 acme");
    }

    /** Submits a GET of {@code path} with {@code request} current, waits for it, then stops {@code request}. */
    private static IouHttpResponse submitWithin(Observation request, IouHttpReactor reactor, String path)
            throws Exception {
        IOU<IouHttpResponse> response;
        try (Observation.Scope scope = request.openScope()) {
            response = reactor.submitTask(new IouHttpReactorTask(server.url(path)));
        }
        try {
            return response.await(WAIT);
        }
        finally {
            request.stop();
        }
    }

    private static String outcome(Observation.Context task) {
        KeyValue outcome = task.getLowCardinalityKeyValue("outcome");
        return (outcome != null) ? outcome.getValue() : "still running";
    }

    /** The contexts of the reactor's observations so far. */
    private List<Observation.Context> tasks() {
        List<Observation.Context> tasks = new ArrayList<>();
        assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
            .filter((context) -> IouHttpReactor.OBSERVATION.equals(context.getName()))
            .forEach(tasks::add));
        return tasks;
    }
}
