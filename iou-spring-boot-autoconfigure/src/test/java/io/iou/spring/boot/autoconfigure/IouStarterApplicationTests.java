package io.iou.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.iou.IOU;
import io.iou.IouHooks;
import io.iou.spring.metrics.IouMetrics;
import io.iou.spring.scheduler.IouScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.iou.spring.scheduler.TestPools.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter as an application sees it: a WebFlux app with the actuator, whose IOU metrics and IOU
 * pool are read over HTTP. Counts are compared as deltas, since every IOU in the JVM is counted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=reactive",
                "management.endpoints.web.exposure.include=metrics",
                "iou.scheduler.thread-name-prefix=app-iou-" })
@AutoConfigureWebTestClient
class IouStarterApplicationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private WebTestClient client;

    @Autowired
    private IouScheduler scheduler;

    @Test
    void actuatorCountsFulfilledAndRejectedIous() {
        double fulfilled = value(IouMetrics.FULFILLED);
        double rejected = value(IouMetrics.REJECTED);

        for (int i = 0; i < 3; i++) {
            new IOU<Integer>().fulfill(i);
        }
        for (int i = 0; i < 2; i++) {
            IOU<Integer> iou = new IOU<>();
            iou.reject(new IllegalStateException("expected"));
            iou.getValue();
        }

        assertThat(value(IouMetrics.FULFILLED)).isEqualTo(fulfilled + 3);
        assertThat(value(IouMetrics.REJECTED)).isEqualTo(rejected + 2);
    }

    @Test
    void actuatorCountsARejectionNobodyHandled() {
        double unhandled = value(IouMetrics.REJECTED_UNHANDLED);
        IouHooks.setUnhandledRejectionHandler((reason) -> {
        });
        try {
            rejectAndForget();

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                System.gc();
                return value(IouMetrics.REJECTED_UNHANDLED) > unhandled;
            });
        }
        finally {
            IouHooks.setUnhandledRejectionHandler(null);
        }
    }

    @Test
    void actuatorGaugesPendingIous() {
        IOU<String> pending = this.scheduler.newIou();
        double withOne = value(IouMetrics.PENDING);

        pending.fulfill("settled");

        assertThat(value(IouMetrics.PENDING)).isEqualTo(withOne - 1);
    }

    @Test
    void iouMetricsAreDescribed() {
        for (String name : List.of(IouMetrics.PENDING, IouMetrics.FULFILLED, IouMetrics.REJECTED,
                IouMetrics.REJECTED_UNHANDLED)) {
            assertThat(metric(name, "")).extractingByKey("description").asString().isNotBlank();
        }
    }

    @Test
    void bootsExecutorMetricsShowTheIouPool() throws Exception {
        String pool = IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME;
        this.scheduler.supply(() -> "counted").await(WAIT);

        this.client.get().uri("/actuator/metrics/executor.active").exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.availableTags[?(@.tag == 'name')].values[*]").value((names) ->
                    assertThat(names).asString().contains(pool));
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                measurement(metric("executor.completed", "?tag=name:" + pool))).isGreaterThanOrEqualTo(1));
    }

    @Test
    void handlersRunOnThreadsWithTheConfiguredPrefix() throws Exception {
        IOU<Integer> source = this.scheduler.newIou();
        IOU<String> handlerThread = source.addFulfilledHandler((value) -> value + 1)
            .addFulfilledHandler((value) -> Thread.currentThread().getName());
        source.fulfill(1);

        assertThat(handlerThread.await(WAIT)).startsWith("app-iou-");
        assertThat(this.scheduler.supply(() -> Thread.currentThread().getName()).await(WAIT)).startsWith("app-iou-");
    }

    private static void rejectAndForget() {
        new IOU<String>().reject(new IllegalStateException("nobody handles this"));
    }

    private double value(String name) {
        return measurement(metric(name, ""));
    }

    private Map<String, Object> metric(String name, String query) {
        Map<String, Object> body = this.client.get().uri("/actuator/metrics/" + name + query).exchange()
            .expectStatus().isOk()
            .expectBody(JSON).returnResult().getResponseBody();
        assertThat(body).isNotNull();
        return body;
    }

    @SuppressWarnings("unchecked")
    private static double measurement(Map<String, Object> metric) {
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
        return ((Number) measurements.get(0).get("value")).doubleValue();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

    }
}
