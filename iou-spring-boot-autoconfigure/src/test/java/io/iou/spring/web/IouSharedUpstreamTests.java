package io.iou.spring.web;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.iou.IOU;
import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import io.iou.spring.http.IouHttpResponse;
import io.iou.spring.http.LoopbackHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on WebFlux, against a real upstream server: one client hanging up never fails the
 * other clients waiting on the same upstream call, and a join that settles early closes the
 * upstream requests of the inputs it no longer needs.
 */
@SpringBootTest(classes = { IouWebTestApplication.class, IouSharedUpstreamTests.UpstreamController.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.main.web-application-type=reactive")
class IouSharedUpstreamTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static final LoopbackHttpServer UPSTREAM = LoopbackHttpServer.start();

    @LocalServerPort
    private int port;

    @Autowired
    private UpstreamController controller;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    /**
     * Three clients ask for the same thing; the server makes one upstream call for all of them. The
     * first client hangs up while the call is in flight: the others still get the answer, and the
     * upstream call was made once.
     */
    @Test
    void oneClientHangingUpLeavesACoalescedUpstreamCallToTheOthers() throws Exception {
        controller.shared.clear();
        UPSTREAM.closeGate();
        int upstreamCallsBefore = UPSTREAM.heldArrived.get();
        int requestsBefore = controller.requests.get();
        int goneBefore = controller.clientsGone.get();

        List<CompletableFuture<HttpResponse<String>>> staying;
        try (Socket leaving = new Socket("127.0.0.1", port)) {
            OutputStream out = leaving.getOutputStream();
            out.write("GET /coalesced/ada HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            staying = List.of(get("/coalesced/ada"), get("/coalesced/ada"));
            await().atMost(WAIT).until(() -> controller.requests.get() == requestsBefore + 3
                    && UPSTREAM.heldArrived.get() == upstreamCallsBefore + 1);
        }
        await().atMost(WAIT).until(() -> controller.clientsGone.get() == goneBefore + 1);
        assertThat(controller.shared.get("ada").isPending()).as("the shared upstream call still runs").isTrue();

        UPSTREAM.openGate();

        for (CompletableFuture<HttpResponse<String>> response : staying) {
            assertThat(response.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(response.get().body()).isEqualTo("released");
        }
        assertThat(UPSTREAM.heldArrived.get()).as("upstream calls").isEqualTo(upstreamCallsBefore + 1);
    }

    /**
     * A join of a call that never answers and one that does: once the second has decided the join
     * (the race's winner, any's first value, all's first failure), the first is no longer needed, and
     * the upstream server sees its connection closed.
     */
    @ParameterizedTest
    @ValueSource(strings = { "race", "any", "all" })
    void aJoinThatSettlesEarlyClosesTheUpstreamRequestOfItsLoser(String kind) throws Exception {
        UPSTREAM.closeGate();
        int hangsBefore = UPSTREAM.hangArrived.get();
        int closedBefore = UPSTREAM.hangClosed.get();
        int decidersBefore = UPSTREAM.heldArrived.get();

        CompletableFuture<HttpResponse<String>> response = get("/join/" + kind);
        await().atMost(WAIT).until(() -> UPSTREAM.hangArrived.get() == hangsBefore + 1
                && UPSTREAM.heldArrived.get() == decidersBefore + 1);
        assertThat(UPSTREAM.hangClosed.get()).isEqualTo(closedBefore);
        UPSTREAM.openGate();

        int status = response.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode();
        assertThat(status).isEqualTo(kind.equals("all") ? 500 : 200);
        await().atMost(WAIT).until(() -> UPSTREAM.hangClosed.get() == closedBefore + 1);
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    @RestController
    static class UpstreamController {

        private final IouHttpReactor reactor;

        /** One upstream call per key, shared by every request for it: request coalescing. */
        final Map<String, IOU<String>> shared = new ConcurrentHashMap<>();

        final AtomicInteger requests = new AtomicInteger();

        final AtomicInteger clientsGone = new AtomicInteger();

        UpstreamController(IouHttpReactor reactor) {
            this.reactor = reactor;
        }

        @GetMapping("/coalesced/{key}")
        IOU<String> coalesced(@PathVariable String key) {
            IOU<String> call = shared.computeIfAbsent(key, k -> text("/held"));
            IOU<String> mine = call.addFulfilledHandler(body -> body);
            mine.onCancel(clientsGone::incrementAndGet);
            requests.incrementAndGet();
            return mine;
        }

        @GetMapping("/join/{kind}")
        IOU<String> join(@PathVariable String kind) {
            IOU<String> never = text("/hang");
            IOU<String> decider = text("/held");
            return switch (kind) {
                case "race" -> IOU.race(never, decider);
                case "any" -> IOU.any(never, decider);
                default -> IOU.all(never, decider.addFulfilledHandler(body -> {
                    throw new IllegalStateException("the deciding call failed");
                })).addFulfilledHandler(List::toString);
            };
        }

        private IOU<String> text(String path) {
            return reactor.submitTask(new IouHttpReactorTask(UPSTREAM.url(path))).addFulfilledHandler(IouHttpResponse::bodyAsText);
        }
    }
}
