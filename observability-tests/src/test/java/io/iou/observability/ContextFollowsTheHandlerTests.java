package io.iou.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.iou.observability.ObservedApplication.Called;
import io.iou.observability.ObservedApplication.Seen;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handlers run with the context of the request that added them: its MDC entry, its trace span and
 * its authenticated user, on the IOU pool, behind the HTTP reactor and in IOU-returning controllers,
 * however requests interleave and whoever settles their IOUs. Real Tomcat on loopback, real Spring
 * Security, the real OpenTelemetry bridge.
 */
@SpringBootTest(classes = ObservedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.tracing.sampling.probability=1.0",
                // 160 connections open at once: past Tomcat's default backlog of 100, a loaded machine whose
                // acceptor lags drops handshakes, and a retransmitted one can take longer than the client waits
                "server.tomcat.accept-count=1000",
                // Spring Security's own spans would sit between a request's span and its controller
                "management.observations.enable.spring.security=false",
                // Boot's batch span processor exports every 5 s by default; the assertions wait for it
                "management.opentelemetry.tracing.export.schedule-delay=100ms" })
class ContextFollowsTheHandlerTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final List<String> USERS = List.of("alice", "bob");

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private InMemorySpanExporter spans;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @Test
    void interleavedRequestsEachSeeOnlyTheirOwnContext() throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // two users settle each other's IOUs, while a third request goes upstream and back
            calls.add(call("/pair/" + i, "pair-" + i + "-a", USERS.get(0)));
            calls.add(call("/pair/" + i, "pair-" + i + "-b", USERS.get(1)));
            calls.add(call("/call-upstream", "call-" + i, USERS.get(i % 2)));
        }
        // every answer first, so that a request that failed shows, not only the partner left waiting for it
        CompletableFuture.allOf(calls.stream().map((call) -> call.response.handle((response, failure) -> null))
            .toArray(CompletableFuture[]::new)).get(2 * WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(calls).allSatisfy((call) -> assertThat(call.response)
            .as(call.requestId + " answered " + call.response.handle((response, failure) -> (failure != null)
                    ? failure.toString() : response.statusCode() + " " + response.body()).join())
            .isCompletedWithValueMatching((response) -> response.statusCode() == 200));
        for (Call call : calls) {
            HttpResponse<String> response = call.response.get();
            Seen seen;
            if (call.path.equals("/call-upstream")) {
                Called called = this.json.readValue(response.body(), Called.class);
                seen = called.seen();
                // the reactor carried the request's trace upstream, where the server continued it
                assertThat(called.upstream().traceparent()).as(call.requestId).contains(call.traceId);
                assertThat(called.upstream().traceId()).as(call.requestId).isEqualTo(call.traceId);
            }
            else {
                seen = this.json.readValue(response.body(), Seen.class);
            }
            assertThat(seen.request()).as("MDC of " + call.requestId).isEqualTo(call.requestId);
            assertThat(seen.user()).as("user of " + call.requestId).isEqualTo(call.user);
            assertThat(seen.traceId()).as("trace of " + call.requestId).isEqualTo(call.traceId);
            assertThat(seen.mdcTraceId()).as("MDC trace of " + call.requestId).isEqualTo(call.traceId);
            assertThat(seen.thread()).as("thread of " + call.requestId).startsWith("iou-");
        }
        // the span current in each pair handler was its own request's server span
        await().atMost(WAIT).untilAsserted(() -> {
            for (Call call : calls) {
                if (call.path.startsWith("/pair/")) {
                    Seen seen = this.json.readValue(call.response.get().body(), Seen.class);
                    assertThat(serverSpan(call.traceId, call.path).getSpanId()).as(call.requestId)
                        .isEqualTo(seen.spanId());
                }
            }
        });
    }

    @Test
    void aReactorCallIsTracedFromTheControllerThroughTheReactorToTheUpstreamServer() throws Exception {
        Call call = call("/call-upstream", "traced", "alice");
        assertThat(call.response.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(trace(call.traceId)).hasSize(5));
        List<SpanData> trace = trace(call.traceId);

        SpanData server = serverSpan(call.traceId, "/call-upstream");
        SpanData response = only(trace, "iou.web.response");
        SpanData task = only(trace, "iou.http GET");
        SpanData client = trace.stream().filter((span) -> span.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        SpanData upstream = serverSpan(call.traceId, "/upstream/echo");
        assertThat(response.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(task.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(client.getParentSpanId()).isEqualTo(task.getSpanId());
        assertThat(upstream.getParentSpanId()).isEqualTo(client.getSpanId());
        assertThat(task.getAttributes().asMap()).extracting((attributes) -> attributes.entrySet().stream()
            .collect(Collectors.toMap((entry) -> entry.getKey().getKey(), (entry) -> String.valueOf(entry.getValue()))))
            .satisfies((attributes) -> assertThat(attributes).containsEntry("method", "GET")
                .containsEntry("outcome", "fulfilled"));
    }

    private Call call(String path, String requestId, String user) {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String credentials = Base64.getEncoder()
            .encodeToString((user + ":" + ObservedApplication.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .timeout(WAIT)
            .header("Authorization", "Basic " + credentials)
            .header(ObservedApplication.REQUEST_ID_HEADER, requestId)
            // the client starts the trace, so the test knows each request's trace id
            .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
            .build();
        return new Call(path, requestId, user, traceId,
                this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    private List<SpanData> trace(String traceId) {
        return this.spans.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
    }

    private SpanData serverSpan(String traceId, String path) {
        return trace(traceId).stream()
            .filter((span) -> span.getKind() == SpanKind.SERVER && span.getName().endsWith(serverRoute(path)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no server span of " + path + " in " + trace(traceId)));
    }

    private static String serverRoute(String path) {
        return path.startsWith("/pair/") ? "/pair/{id}" : path;
    }

    private static SpanData only(List<SpanData> trace, String name) {
        List<SpanData> named = trace.stream().filter((span) -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name + " in " + trace).hasSize(1);
        return named.get(0);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private record Call(String path, String requestId, String user, String traceId,
            CompletableFuture<HttpResponse<String>> response) {
    }
}
