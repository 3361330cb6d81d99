package io.iou.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person lookup traced end to end with the real OpenTelemetry bridge: the request's span, the HTTP
 * reactor's task, the client exchange it makes, the people service's span on the far side (reached
 * through the trace headers), and the controller's IOU response; the handler on the IOU pool logs
 * with the request's trace.
 */
@DirtiesContext
// Boot's batch span processor exports every 5 s by default; the assertions wait for it
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.opentelemetry.tracing.export.schedule-delay=100ms")
@AutoConfigureWebTestClient
@Import(DemoTracingTests.InMemorySpans.class)
@ExtendWith(OutputCaptureExtension.class)
class DemoTracingTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private WebTestClient client;

    @Autowired
    private InMemorySpanExporter spans;

    @Test
    void aPersonLookupIsOneTraceFromTheControllerThroughTheReactorToTheHandler(CapturedOutput output) {
        client.get().uri("/people/alice").exchange().expectStatus().isOk();

        SpanData server = await().atMost(WAIT).until(() -> serverSpan("/people/{username}"), (span) -> span != null);
        String traceId = server.getTraceId();
        // spans are exported as a batch after they end, in the order they end, whatever the thread
        await().atMost(WAIT).untilAsserted(() -> {
            List<SpanData> trace = trace(traceId);
            SpanData task = only(trace, "iou.http GET");
            SpanData exchange = trace.stream().filter((span) -> span.getKind() == SpanKind.CLIENT
                    && span.getParentSpanId().equals(task.getSpanId())).findFirst().orElseThrow();
            SpanData upstream = trace.stream().filter((span) -> span.getKind() == SpanKind.SERVER
                    && span.getParentSpanId().equals(exchange.getSpanId())).findFirst().orElseThrow();
            assertThat(task.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(upstream.getName()).endsWith("/upstream/people/{username}");
            assertThat(only(trace, "iou.web.response").getParentSpanId()).isEqualTo(server.getSpanId());
        });
        System.out.println("Trace of GET /people/alice:\n" + tree(trace(traceId)));
        // the handler ran on the IOU pool, in the request's span
        assertThat(output.getOut().lines().filter((line) -> line.contains("people service answered 200 for alice")))
            .singleElement()
            .satisfies((line) -> assertThat(line).containsPattern("\\[ *iou-\\d+\\] \\[" + traceId + "-" + server.getSpanId() + "\\]"));
    }

    private SpanData serverSpan(String route) {
        return spans.getFinishedSpanItems().stream()
            .filter((span) -> span.getKind() == SpanKind.SERVER && span.getName().equals("http get " + route))
            .findFirst()
            .orElse(null);
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
    }

    private static SpanData only(List<SpanData> trace, String name) {
        List<SpanData> named = trace.stream().filter((span) -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name + " in " + trace).hasSize(1);
        return named.get(0);
    }

    /** The spans of a trace as an indented tree, with their kind, duration and attributes. */
    private static String tree(List<SpanData> trace) {
        Map<String, List<SpanData>> children = trace.stream().collect(Collectors.groupingBy(SpanData::getParentSpanId));
        StringBuilder tree = new StringBuilder();
        trace.stream()
            .filter((span) -> trace.stream().noneMatch((other) -> other.getSpanId().equals(span.getParentSpanId())))
            .forEach((root) -> appendTree(tree, root, children, 0));
        return tree.toString();
    }

    private static void appendTree(StringBuilder tree, SpanData span, Map<String, List<SpanData>> children, int depth) {
        tree.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind())
            .append(", span ").append(span.getSpanId()).append(", ")
            .append(TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos())).append(" us]")
            .append(span.getAttributes().asMap().entrySet().stream()
                .map((entry) -> entry.getKey().getKey() + "=" + entry.getValue())
                .sorted()
                .collect(Collectors.joining(", ", " {", "}")))
            .append('\n');
        children.getOrDefault(span.getSpanId(), List.of()).stream()
            .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
            .forEach((child) -> appendTree(tree, child, children, depth + 1));
    }

    /**
     * Keeps every finished span in memory. Spring Boot's own span processor exports to every exporter
     * bean; a processor of the test's own would export each span a second time.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class InMemorySpans {

        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }
    }
}
