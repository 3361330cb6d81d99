package io.iou.spring.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.iou.spring.web.IouWebTestApplication.Held;
import io.iou.spring.web.IouWebTestApplication.HeldIous;

import static io.iou.spring.web.IouWebTestApplication.POOL_THREAD_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a controller returning an IOU must do on either stack, against a real server: the subclasses
 * pick the stack. Every test would fail if the web layer did not know IOU (it would serialise the
 * IOU object itself, or fail).
 */
abstract class IouControllerTests {

    /** Properties both stacks' contexts share: ProblemDetail bodies for Spring's own exceptions. */
    static final String MVC_PROBLEM_DETAILS = "spring.mvc.problemdetails.enabled=true";

    static final String WEBFLUX_PROBLEM_DETAILS = "spring.webflux.problemdetails.enabled=true";

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Autowired
    HeldIous held;

    @BeforeEach
    void forgetHeldIous() {
        held.queue.clear();
    }

    @Test
    void valueIsWrittenAsJson() {
        client.get().uri("/person/7").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json("{\"id\":7,\"name\":\"Ada\"}", true);
    }

    @Test
    void responseEntityKeepsItsStatusHeadersAndBody() {
        client.get().uri("/created/8").exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Person", "Ada")
                .expectBody().json("{\"id\":8,\"name\":\"Ada\"}", true);
    }

    @Test
    void voidIouAnswersOkWithNoBody() {
        client.delete().uri("/person/7").exchange()
                .expectStatus().isOk()
                .expectBody().isEmpty();
    }

    @Test
    void nullValueAnswersAsAnEmptyMonoDoes() {
        EntityExchangeResult<byte[]> fromIou = client.get().uri("/nobody").exchange().expectBody().returnResult();
        EntityExchangeResult<byte[]> fromMono = client.get().uri("/nobody/mono").exchange().expectBody().returnResult();

        assertThat(fromIou.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(fromIou.getResponseBody()).isNull();
        assertThat(fromIou.getStatus()).isEqualTo(fromMono.getStatus());
        assertThat(fromIou.getResponseHeaders().getContentType())
                .isEqualTo(fromMono.getResponseHeaders().getContentType());
    }

    /**
     * A rejection goes through the application's error handling exactly as the same exception
     * thrown from the method: an {@code @ExceptionHandler} of an advice, a
     * {@code ResponseStatusException} and an {@code ErrorResponseException} as ProblemDetail, and
     * an unhandled exception as Boot's error response.
     */
    @ParameterizedTest
    @ValueSource(strings = { "advice", "status", "problem", "unhandled" })
    void rejectionIsAnsweredAsTheSameExceptionThrown(String kind) {
        EntityExchangeResult<String> thrown = fail(kind, false);
        EntityExchangeResult<String> rejected = fail(kind, true);

        assertThat(rejected.getStatus()).isEqualTo(thrown.getStatus());
        assertThat(rejected.getStatus().isError()).isTrue();
        assertThat(rejected.getResponseHeaders().getContentType())
                .isEqualTo(thrown.getResponseHeaders().getContentType());
        assertThat(withoutVolatileFields(rejected.getResponseBody()))
                .isEqualTo(withoutVolatileFields(thrown.getResponseBody()));
    }

    @Test
    void rejectionsKeepTheirOwnStatus() {
        assertThat(fail("advice", true).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(fail("status", true).getStatus()).isEqualTo(HttpStatus.I_AM_A_TEAPOT);
        assertThat(fail("problem", true).getResponseBody()).contains("\"detail\":\"name taken\"");
        assertThat(fail("unhandled", true).getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void handlersOfTheChainRunOnTheIouSchedulerNotOnServerThreads() {
        for (int i = 0; i < 20; i++) {
            List<String> threads = client.get().uri("/threads").exchange()
                    .expectStatus().isOk()
                    .expectBody(new ParameterizedTypeReference<List<String>>() { })
                    .returnResult().getResponseBody();

            assertThat(threads).hasSize(4);
            assertThat(threads.get(0)).startsWith(serverThreadPrefix());
            assertThat(threads.subList(1, 4)).allSatisfy(name -> assertThat(name).startsWith(POOL_THREAD_PREFIX));
        }
    }

    /** The prefix of the threads that call controller methods on this stack. */
    abstract String serverThreadPrefix();

    @Test
    void monoAndCompletableFutureAreHandledAsBefore() {
        client.get().uri("/mono").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("mono");
        client.get().uri("/future").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("future");
    }

    /**
     * 500 requests are all pending on the server at once (more than Tomcat's 200 request threads,
     * so those threads were released), then another thread fulfils their IOUs, and every request
     * gets its own answer.
     */
    @Test
    void fiveHundredConcurrentRequestsFulfilledFromAnotherThreadAreAllAnswered() throws Exception {
        int requests = 500;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, requests)
                .mapToObj(i -> http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/held?tag=" + i))
                                .timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        await().atMost(Duration.ofSeconds(60)).until(() -> held.queue.size() == requests);
        List<Held> pending = new ArrayList<>(held.queue);
        held.queue.clear();
        Thread fulfiller = new Thread(() -> pending.forEach(h -> h.iou().fulfill("done-" + h.tag())), "test-fulfiller");
        fulfiller.start();
        fulfiller.join(TimeUnit.SECONDS.toMillis(30));

        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = responses.get(i).get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("done-" + i);
        }
    }

    private EntityExchangeResult<String> fail(String kind, boolean iou) {
        return client.get().uri("/fail/{kind}?iou={iou}", kind, iou).exchange()
                .expectBody(String.class).returnResult();
    }

    /** Drops what differs between any two error responses: Boot's timestamp and WebFlux's request id. */
    static String withoutVolatileFields(String body) {
        return body.replaceAll("\"(timestamp|requestId)\":\"[^\"]*\",?", "");
    }
}
