package io.iou.spring.diagnostics;

import io.iou.IOU;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The real {@code /actuator/ious} endpoint of a running WebFlux app. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=reactive", "iou.diagnostics.enabled=true",
        "iou.diagnostics.capture-creation-site=true", "management.endpoints.web.exposure.include=ious" })
@AutoConfigureWebTestClient
class IousEndpointIntegrationTests {

    @Autowired
    private WebTestClient client;

    @Test
    void showsPendingIousUntilTheySettle() {
        IOU<String> stuck = IOU.named("stuck-lookup");
        stuck.addFulfilledHandler(String::length);

        client.get().uri("/actuator/ious").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pending").value(pending -> org.assertj.core.api.Assertions
                        .assertThat((Integer) pending).isPositive())
                .jsonPath("$.creationSitesCaptured").isEqualTo(true)
                .jsonPath("$.oldest[?(@.name == 'stuck-lookup')].waitingHandlers").isEqualTo(1)
                .jsonPath("$.oldest[?(@.name == 'stuck-lookup')].createdAt")
                .value(site -> org.assertj.core.api.Assertions.assertThat(site.toString())
                        .contains("IousEndpointIntegrationTests.showsPendingIousUntilTheySettle"));

        stuck.fulfill("done");

        client.get().uri("/actuator/ious").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.oldest[?(@.name == 'stuck-lookup')]").doesNotExist();
    }

    @SpringBootApplication
    static class App {
    }
}
