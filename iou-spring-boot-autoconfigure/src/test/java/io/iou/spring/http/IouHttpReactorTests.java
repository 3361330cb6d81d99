package io.iou.spring.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import io.iou.IOU;
import io.iou.spring.http.IouHttpException.Kind;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** {@link IouHttpReactor} against a real server on loopback. */
class IouHttpReactorTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    record Person(String name, int age) {
    }

    static LoopbackHttpServer server;

    static TestIouScheduler pool;

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

    static IouHttpReactor reactor() {
        return reactor(IouHttpReactor.Settings.defaults());
    }

    static IouHttpReactor reactor(IouHttpReactor.Settings settings) {
        return new IouHttpReactor(WebClient.builder(), pool.scheduler(), settings);
    }

    static IouHttpReactor reactor(HttpClient httpClient) {
        return new IouHttpReactor(WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)),
                pool.scheduler());
    }

    static <T> T value(IOU<T> iou) throws Exception {
        return iou.await(WAIT);
    }

    static IouHttpException failure(IOU<?> iou) {
        Throwable thrown = catchThrowable(() -> iou.await(WAIT));
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(IouHttpException.class);
        return (IouHttpException) thrown.getCause();
    }

    static void assertAllSlotsFree(IouHttpReactor reactor) {
        await().atMost(WAIT).until(() -> reactor.inFlight() == 0 && reactor.queued() == 0);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void newTaskIsAGetAnsweredWithStatusHeadersAndBody() throws Exception {
        IouHttpResponse response = value(reactor().submitTask(new IouHttpReactorTask(server.url("/status/200"))));
        assertThat(response.method()).isEqualTo(HttpMethod.GET);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.isSuccessful()).isTrue();
        assertThat(response.headers().getFirst("X-Status")).isEqualTo("200");
        assertThat(response.bodyAsText()).isEqualTo("status 200");
        assertThat(response.bodyAsBytes()).isEqualTo("status 200".getBytes());
    }

    @ParameterizedTest
    @ValueSource(ints = { 200, 201, 204, 302, 304, 400, 404, 500, 503 })
    void everyStatusFulfilsByDefault(int status) throws Exception {
        IouHttpResponse response = value(reactor().submitTask(new IouHttpReactorTask(server.url("/status/" + status))));
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.isSuccessful()).isEqualTo(status / 100 == 2);
    }

    @ParameterizedTest
    @ValueSource(ints = { 302, 304, 400, 404, 500, 503 })
    void nonSuccessRejectsWithStatusHeadersAndBodyWhenTaskExpectsSuccess(int status) {
        IouHttpReactorTask task = new IouHttpReactorTask(server.url("/status/" + status)).withExpectSuccess(true);
        IouHttpException failure = failure(reactor().submitTask(task));
        assertThat(failure).isInstanceOf(IouHttpStatusException.class);
        IouHttpStatusException statusFailure = (IouHttpStatusException) failure;
        assertThat(statusFailure.kind()).isEqualTo(Kind.STATUS);
        assertThat(statusFailure.status().value()).isEqualTo(status);
        assertThat(statusFailure.headers().getFirst("X-Status")).isEqualTo(String.valueOf(status));
        assertThat(statusFailure.bodyAsText()).isEqualTo((status == 304) ? "" : "status " + status);
        assertThat(statusFailure).hasMessageStartingWith("GET " + server.url("/status/" + status))
            .hasMessageNotContaining("X-Status");
    }

    @ParameterizedTest
    @ValueSource(ints = { 200, 204 })
    void successFulfilsWhenTaskExpectsSuccess(int status) throws Exception {
        IouHttpReactorTask task = new IouHttpReactorTask(server.url("/status/" + status)).withExpectSuccess(true);
        assertThat(value(reactor().submitTask(task)).statusCode()).isEqualTo(status);
    }

    @Test
    void decodesJsonWithTheWebClientCodecs() throws Exception {
        IouHttpReactor reactor = reactor();
        IouHttpResponse person = value(reactor.submitTask(new IouHttpReactorTask(server.url("/person"))));
        assertThat(person.bodyAs(Person.class)).isEqualTo(new Person("Ada", 36));
        IouHttpResponse people = value(reactor.submitTask(new IouHttpReactorTask(server.url("/people"))));
        assertThat(people.bodyAs(new ParameterizedTypeReference<List<Person>>() {
        })).containsExactly(new Person("Ada", 36), new Person("Alan", 41));
        assertThat(people.bodyAs(String.class)).isEqualTo(LoopbackHttpServer.PEOPLE_JSON);
    }

    @Test
    void typedGetDecodesTheBody() throws Exception {
        IouHttpReactor reactor = reactor();
        assertThat(value(reactor.get(server.url("/person"), Person.class))).isEqualTo(new Person("Ada", 36));
        assertThat(value(reactor.get(server.url("/people"), new ParameterizedTypeReference<List<Person>>() {
        }))).extracting(Person::name).containsExactly("Ada", "Alan");
    }

    @Test
    void typedGetRejectsNonSuccessStatus() {
        IouHttpException failure = failure(reactor().get(server.url("/status/404"), Person.class));
        assertThat(failure).isInstanceOf(IouHttpStatusException.class);
        assertThat(((IouHttpStatusException) failure).status().value()).isEqualTo(404);
    }

    @Test
    void emptyBodyDecodesToNull() throws Exception {
        IouHttpResponse response = value(reactor().submitTask(new IouHttpReactorTask(server.url("/status/204"))));
        assertThat(response.bodyAsBytes()).isEmpty();
        assertThat(response.bodyAs(Person.class)).isNull();
    }

    @Test
    void readsTextInTheCharsetOfItsContentType() throws Exception {
        IouHttpResponse response = value(reactor().submitTask(new IouHttpReactorTask(server.url("/latin1"))));
        assertThat(response.bodyAsText()).isEqualTo("café");
    }

    @Test
    void sendsMethodHeadersAndBodyEncodedWithTheWebClientCodecs() throws Exception {
        IouHttpReactorTask task = IouHttpReactorTask.post(server.url("/echo"), new Person("Grace", 85))
            .withHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE)
            .withHeader("X-Echo", "from the task");
        IouHttpResponse response = value(reactor().submitTask(task));
        assertThat(response.headers().getFirst("X-Method")).isEqualTo("POST");
        assertThat(response.headers().getFirst("X-Echo")).isEqualTo("from the task");
        assertThat(response.bodyAs(Person.class)).isEqualTo(new Person("Grace", 85));
    }

    @Test
    void sendsTextBodiesAndOtherMethods() throws Exception {
        IouHttpReactorTask task = IouHttpReactorTask.put(server.url("/echo"), "plain words")
            .withHeader("Content-Type", "text/plain");
        IouHttpResponse response = value(reactor().submitTask(task));
        assertThat(response.headers().getFirst("X-Method")).isEqualTo("PUT");
        assertThat(response.bodyAsText()).isEqualTo("plain words");
        IouHttpResponse deleted = value(reactor().submitTask(IouHttpReactorTask.delete(server.url("/echo"))));
        assertThat(deleted.headers().getFirst("X-Method")).isEqualTo("DELETE");
    }

    @Test
    void relativeUrisAreAppendedToTheBaseUrl() throws Exception {
        IouHttpReactor reactor = reactor(IouHttpReactor.Settings.defaults().withBaseUrl(server.url("/status/")));
        assertThat(value(reactor.submitTask(new IouHttpReactorTask("404"))).statusCode()).isEqualTo(404);
        IouHttpResponse response = value(reactor.submitTask(new IouHttpReactorTask("/201")));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.uri().toString()).isEqualTo(server.url("/status/201"));
    }

    @Test
    void relativeUriWithoutBaseUrlFailsAtOnce() {
        assertThatIllegalArgumentException().isThrownBy(() -> reactor().submitTask(new IouHttpReactorTask("/people")))
            .withMessageContaining("'/people' is relative")
            .withMessageContaining("iou.http.base-url");
    }

    @Test
    void closedPortRejectsWithConnectionRefused() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/nobody";
        IouHttpException failure = failure(reactor().submitTask(new IouHttpReactorTask(url)));
        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_REFUSED);
        assertThat(failure).hasMessage("GET " + url + ": connection refused");
        assertThat(failure.method()).isEqualTo(HttpMethod.GET);
        assertThat(failure.uri().toString()).isEqualTo(url);
    }

    @Test
    void unresolvableHostRejectsWithUnknownHost() {
        IouHttpException failure = failure(reactor().submitTask(new IouHttpReactorTask("http://iou-test.invalid/")));
        assertThat(failure.kind()).isEqualTo(Kind.UNKNOWN_HOST);
        assertThat(failure).hasMessage("GET http://iou-test.invalid/: unknown host");
    }

    @Test
    void unansweredConnectRejectsWithConnectTimeout() throws Exception {
        try (UnacceptingListener listener = new UnacceptingListener()) {
            IouHttpReactor reactor = reactor(HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 250));
            String url = "http://127.0.0.1:" + listener.port() + "/";
            IouHttpException failure = failure(reactor.submitTask(new IouHttpReactorTask(url)));
            assertThat(failure.kind()).isEqualTo(Kind.CONNECT_TIMEOUT);
            assertAllSlotsFree(reactor);
        }
    }

    @Test
    void silentServerRejectsWithResponseTimeoutOfTheConnector() {
        int closedBefore = server.hangClosed.get();
        IouHttpReactor reactor = reactor(HttpClient.create().responseTimeout(Duration.ofMillis(250)));
        IouHttpException failure = failure(reactor.submitTask(new IouHttpReactorTask(server.url("/hang"))));
        assertThat(failure.kind()).isEqualTo(Kind.RESPONSE_TIMEOUT);
        await().atMost(WAIT).until(() -> server.hangClosed.get() > closedBefore);
        assertAllSlotsFree(reactor);
    }

    @Test
    void taskTimeoutRejectsWithResponseTimeoutAndClosesTheConnection() {
        int closedBefore = server.hangClosed.get();
        IouHttpReactor reactor = reactor();
        IouHttpReactorTask task = new IouHttpReactorTask(server.url("/hang")).withTimeout(Duration.ofMillis(250));
        IouHttpException failure = failure(reactor.submitTask(task));
        assertThat(failure.kind()).isEqualTo(Kind.RESPONSE_TIMEOUT);
        assertThat(failure).hasMessageContaining("task's timeout of PT0.25S");
        await().atMost(WAIT).until(() -> server.hangClosed.get() > closedBefore);
        assertAllSlotsFree(reactor);
    }

    @Test
    void connectionCutMidBodyRejectsWithConnectionReset() {
        IouHttpException failure = failure(reactor().submitTask(new IouHttpReactorTask(server.url("/reset"))));
        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_RESET);
    }

    @Test
    void bodyOverTheLimitRejectsWithResponseTooLarge() throws Exception {
        IouHttpReactor reactor = reactor(IouHttpReactor.Settings.defaults().withMaxResponseSize(1000));
        assertThat(value(reactor.submitTask(new IouHttpReactorTask(server.url("/bytes/1000")))).bodyAsBytes())
            .hasSize(1000);
        IouHttpException failure = failure(reactor.submitTask(new IouHttpReactorTask(server.url("/bytes/1001"))));
        assertThat(failure.kind()).isEqualTo(Kind.RESPONSE_TOO_LARGE);
        assertThat(failure).hasMessageEndingWith("response body larger than 1000 bytes");
        assertAllSlotsFree(reactor);
    }

    @Test
    void malformedOrUnreadableBodyFailsWithUndecodableBody() throws Exception {
        IouHttpReactor reactor = reactor();
        IouHttpResponse malformed = value(reactor.submitTask(new IouHttpReactorTask(server.url("/not-json"))));
        assertThatThrownBy(() -> malformed.bodyAs(Person.class)).isInstanceOfSatisfying(IouHttpException.class,
                (ex) -> assertThat(ex.kind()).isEqualTo(Kind.UNDECODABLE_BODY))
            .hasMessage("GET " + server.url("/not-json") + ": response body could not be decoded");
        IouHttpResponse text = value(reactor.submitTask(new IouHttpReactorTask(server.url("/status/200"))));
        assertThatThrownBy(() -> text.bodyAs(Person.class)).isInstanceOfSatisfying(IouHttpException.class,
                (ex) -> assertThat(ex.kind()).isEqualTo(Kind.UNDECODABLE_BODY));
        assertThat(failure(reactor.get(server.url("/not-json"), Person.class)).kind()).isEqualTo(Kind.UNDECODABLE_BODY);
    }

    @Test
    void taskPastTheQueueRejectsWithQueueFull() {
        IouHttpReactor reactor = reactor(IouHttpReactor.Settings.defaults().withMaxInFlight(1).withMaxQueued(1));
        IOU<IouHttpResponse> inFlight = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")));
        IOU<IouHttpResponse> queued = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")));
        IOU<IouHttpResponse> refused = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")));
        assertThat(refused.isRejected()).isTrue();
        IouHttpException failure = failure(refused);
        assertThat(failure.kind()).isEqualTo(Kind.QUEUE_FULL);
        assertThat(failure).hasMessageEndingWith("queue full (1 tasks already wait for one of 1 in-flight slots)");
        assertThat(reactor.inFlight()).isOne();
        assertThat(reactor.queued()).isOne();
        queued.cancel();
        inFlight.cancel();
        assertAllSlotsFree(reactor);
    }

    @Test
    void messageNamesTheRequestWithoutSecrets() throws Exception {
        int port = closedPort();
        IouHttpReactorTask task = new IouHttpReactorTask(HttpMethod.POST,
                "http://user:hunter2@127.0.0.1:" + port + "/login?token=s3cret")
            .withHeader("Authorization", "Bearer t0ken")
            .withBody("password=p4ss");
        IouHttpException failure = failure(reactor().submitTask(task));
        assertThat(failure).hasMessage("POST http://127.0.0.1:" + port + "/login?...: connection refused");
        assertThat(task).hasToString("POST http://127.0.0.1:" + port + "/login?...");
    }

    @Test
    void cancellingTheIouClosesTheConnection() {
        IouHttpReactor reactor = reactor();
        int arrivedBefore = server.hangArrived.get();
        int closedBefore = server.hangClosed.get();
        IOU<IouHttpResponse> iou = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")));
        await().atMost(WAIT).until(() -> server.hangArrived.get() > arrivedBefore);
        assertThat(server.hangClosed.get()).isEqualTo(closedBefore);
        assertThat(iou.cancel()).isTrue();
        await().atMost(WAIT).until(() -> server.hangClosed.get() > closedBefore);
        assertThat(iou.isCancelled()).isTrue();
        assertAllSlotsFree(reactor);
    }

    @Test
    void cancellingADerivedIouCancelsTheExchange() {
        IouHttpReactor reactor = reactor();
        int arrivedBefore = server.hangArrived.get();
        int closedBefore = server.hangClosed.get();
        IOU<Person> person = reactor.get(server.url("/hang"), Person.class);
        await().atMost(WAIT).until(() -> server.hangArrived.get() > arrivedBefore);
        person.cancel();
        await().atMost(WAIT).until(() -> server.hangClosed.get() > closedBefore);
        assertAllSlotsFree(reactor);
    }

    @Test
    void cancellingAQueuedTaskTakesItOffTheQueue() {
        IouHttpReactor reactor = reactor(IouHttpReactor.Settings.defaults().withMaxInFlight(1));
        IOU<IouHttpResponse> inFlight = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")));
        IOU<IouHttpResponse> queued = reactor.submitTask(new IouHttpReactorTask(server.url("/status/200")));
        assertThat(reactor.queued()).isOne();
        queued.cancel();
        assertThat(reactor.queued()).isZero();
        assertThat(reactor.inFlight()).isOne();
        inFlight.cancel();
        assertAllSlotsFree(reactor);
        assertThat(queued.isCancelled()).isTrue();
    }

    @Test
    void handlersRunOnTheSchedulerNeverOnTheEventLoop() throws Exception {
        IouHttpReactor reactor = reactor();
        AtomicReference<String> fulfilledOn = new AtomicReference<>();
        AtomicReference<String> rejectedOn = new AtomicReference<>();
        value(reactor.submitTask(new IouHttpReactorTask(server.url("/status/200")))
            .addFulfilledConsumer((response) -> fulfilledOn.set(Thread.currentThread().getName())));
        value(reactor.submitTask(new IouHttpReactorTask("http://127.0.0.1:" + closedPort() + "/"))
            .addRejectedHandler((failure) -> {
                rejectedOn.set(Thread.currentThread().getName());
                return null;
            }));
        assertThat(fulfilledOn.get()).startsWith(TestIouScheduler.THREAD_PREFIX);
        assertThat(rejectedOn.get()).startsWith(TestIouScheduler.THREAD_PREFIX);
    }

    @Test
    void aThousandConcurrentTasksNeverExceedMaxInFlight() throws Exception {
        int maxInFlight = 8;
        int tasks = 1000;
        IouHttpReactor reactor = reactor(IouHttpReactor.Settings.defaults().withMaxInFlight(maxInFlight)
            .withMaxQueued(tasks));
        server.closeGate();
        try {
            List<IOU<IouHttpResponse>> ious = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                ious.add(reactor.submitTask(new IouHttpReactorTask(server.url("/held"))));
            }
            // the server holds every request: exactly the limit arrives, the rest wait in the queue
            await().atMost(WAIT).until(() -> server.heldNow.get() == maxInFlight);
            assertThat(reactor.inFlight()).isEqualTo(maxInFlight);
            assertThat(reactor.queued()).isEqualTo(tasks - maxInFlight);
            server.openGate();
            List<IouHttpResponse> responses = value(IOU.all(ious));
            assertThat(responses).hasSize(tasks).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
            assertThat(server.heldMax.get()).isEqualTo(maxInFlight);
            assertAllSlotsFree(reactor);
        }
        finally {
            server.openGate();
        }
    }

    @Test
    void failuresLeakNoConnectionAndFreeEverySlot() throws Exception {
        // One pooled connection: a failure that kept it would make the next request wait for it
        // until the acquire timeout.
        ConnectionProvider oneConnection = ConnectionProvider.builder("one-connection")
            .maxConnections(1)
            .pendingAcquireTimeout(Duration.ofSeconds(5))
            .build();
        try {
            IouHttpReactor reactor = new IouHttpReactor(
                    WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(oneConnection))),
                    pool.scheduler(), IouHttpReactor.Settings.defaults().withMaxResponseSize(1000));
            IouHttpReactorTask ok = new IouHttpReactorTask(server.url("/status/200"));
            for (int round = 0; round < 3; round++) {
                failure(reactor.submitTask(new IouHttpReactorTask(server.url("/hang")).withTimeout(Duration.ofMillis(100))));
                assertThat(value(reactor.submitTask(ok)).statusCode()).isEqualTo(200);
                failure(reactor.submitTask(new IouHttpReactorTask(server.url("/reset"))));
                assertThat(value(reactor.submitTask(ok)).statusCode()).isEqualTo(200);
                failure(reactor.submitTask(new IouHttpReactorTask(server.url("/bytes/5000"))));
                assertThat(value(reactor.submitTask(ok)).statusCode()).isEqualTo(200);
                failure(reactor.submitTask(new IouHttpReactorTask(server.url("/status/500")).withExpectSuccess(true)));
                assertThat(value(reactor.submitTask(ok)).statusCode()).isEqualTo(200);
                failure(reactor.get(server.url("/not-json"), Person.class));
                assertThat(value(reactor.submitTask(ok)).statusCode()).isEqualTo(200);
                int arrivedBefore = server.hangArrived.get();
                IOU<IouHttpResponse> cancelled = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")));
                await().atMost(WAIT).until(() -> server.hangArrived.get() > arrivedBefore);
                cancelled.cancel();
                assertThat(value(reactor.submitTask(ok)).statusCode()).isEqualTo(200);
            }
            assertAllSlotsFree(reactor);
        }
        finally {
            oneConnection.disposeLater().block(WAIT);
        }
    }

    @Test
    void closeRejectsQueuedTasksAndRefusesNewOnes() {
        IouHttpReactor reactor = reactor(IouHttpReactor.Settings.defaults().withMaxInFlight(1));
        IOU<IouHttpResponse> inFlight = reactor.submitTask(new IouHttpReactorTask(server.url("/hang")));
        IOU<IouHttpResponse> queued = reactor.submitTask(new IouHttpReactorTask(server.url("/status/200")));
        reactor.close();
        assertThat(failure(queued).kind()).isEqualTo(Kind.CLOSED);
        assertThat(failure(reactor.submitTask(new IouHttpReactorTask(server.url("/status/200")))).kind())
            .isEqualTo(Kind.CLOSED);
        assertThat(inFlight.isPending()).isTrue();
        inFlight.cancel();
        assertAllSlotsFree(reactor);
    }
}
