package io.iou.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** The demo's metrics through the real actuator endpoints, after a scripted sequence of calls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DemoMetricsTests {

    @Autowired
    private WebTestClient client;

    @Test
    void countersFollowAScriptedSequenceOfCalls() {
        double fulfilled = metric("iou.fulfilled");
        double rejected = metric("iou.rejected");

        for (int i = 0; i < 3; i++) {
            client.get().uri("/plus-seven?value=" + i).exchange().expectStatus().isOk();
        }
        client.get().uri("/people/zed").exchange().expectStatus().isNotFound();

        // plus-seven: the original IOU and its three handlers' IOUs; the unknown person: the reactor's
        // IOU is fulfilled with the 404 response, then the lookup and its mapping are rejected
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric("iou.fulfilled") - fulfilled).isEqualTo(3 * 4 + 1);
            assertThat(metric("iou.rejected") - rejected).isEqualTo(2);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metric("iou.pending")).isZero());
    }

    @Test
    void prometheusShowsIouSeriesAndPromtoolFindsNoProblemWithThem() throws Exception {
        client.get().uri("/plus-seven?value=1").exchange().expectStatus().isOk();
        String scrape = client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape).contains("# HELP iou_fulfilled_total ", "# TYPE iou_fulfilled_total counter",
                "# HELP iou_pending ", "# TYPE iou_pending gauge", "iou_rejected_total",
                "iou_rejected_unhandled_total", "iou_abandoned_total", "iou_cancelled_total{outcome=\"timed-out\"}",
                "iou_scheduler_saturations_total", "# HELP iou_web_response_seconds ")
                .containsPattern("executor_active_threads\\{[^}]*name=\"iouTaskExecutor\"");

        Path saved = Path.of("target", "prometheus-scrape.txt");
        Files.writeString(saved, scrape, StandardCharsets.UTF_8);
        List<String> problems = promtoolProblems(saved);
        assertThat(problems).as("promtool check metrics on the iou_ families").noneMatch(line -> line.contains("iou_"));
    }

    /** Runs {@code promtool check metrics}; CI installs it, elsewhere the check is skipped without it. */
    private static List<String> promtoolProblems(Path scrape) throws IOException, InterruptedException {
        boolean available = Files.isExecutable(Path.of("/usr/bin/promtool"))
                || System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
        if (System.getenv("CI") == null) {
            assumeThat(available).as("promtool (Debian package prometheus) installed").isTrue();
        }
        Process process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true)
                .redirectInput(scrape.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }

    private double metric(String name) {
        Map<String, Object> body = client.get().uri("/actuator/metrics/" + name).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<Map<String, Object>>() { })
                .getResponseBody().blockFirst(Duration.ofSeconds(10));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) body.get("measurements");
        return ((Number) measurements.get(0).get("value")).doubleValue();
    }
}
