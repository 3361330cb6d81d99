package io.iou.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.iou.test.VirtualIouTimer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every demo endpoint end to end, on a real server on a random port, failures included. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=health,info,metrics,prometheus,ious")
@AutoConfigureWebTestClient
class DemoApplicationTests {

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    @Test
    void plusSevenShowsTheChainStepsOnThePool() {
        client.get().uri("/plus-seven?value=10").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.original").isEqualTo(10)
                .jsonPath("$.plusSeven").isEqualTo(17)
                .jsonPath("$.steps.length()").isEqualTo(2)
                .jsonPath("$.steps[0]").value(step -> assertThat((String) step).matches("original: 10 \\[iou-\\d+]"))
                .jsonPath("$.steps[1]").value(step -> assertThat((String) step).matches("plus seven: 17 \\[iou-\\d+]"));
    }

    @Test
    void plusSevenRejectsANonNumberWithAProblemDetail() {
        client.get().uri("/plus-seven?value=ten").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void personLookupGoesThroughTheHttpReactor() {
        client.get().uri("/people/alice").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.firstName").isEqualTo("Alice")
                .jsonPath("$.lastName").isEqualTo("Liddell");
    }

    @Test
    void unknownPersonIs404ThroughARejection() {
        client.get().uri("/people/zed").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("no person named zed");
    }

    @Test
    void joinAnswersEveryLookupInOrder() {
        client.get().uri("/people?names=carol,alice,bob").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].firstName").isEqualTo(List.of("Carol", "Alice", "Bob"));
    }

    /** The join's lookups go through the HTTP interface client, whose 404 rejects with Spring's NotFound. */
    @Test
    void joinWithAnUnknownPersonIs404NamingThem() {
        client.get().uri("/people?names=alice,zed").exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("no person named zed");
    }

    @Test
    void cardIsMadeByAnAsyncMethodOnTheIouPool() {
        client.get().uri("/people/alice/card").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("Alice Liddell")
                .jsonPath("$.handle").isEqualTo("@alice")
                .jsonPath("$.madeOn").value(thread -> assertThat((String) thread).matches("iou-\\d+"));
        client.get().uri("/people/zed/card").exchange().expectStatus().isNotFound();
    }

    @Test
    void raceIsWonByTheFasterReplica() {
        client.get().uri("/race/bob?primaryDelayMs=2000&replicaDelayMs=0").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.winner").isEqualTo("replica")
                .jsonPath("$.name.firstName").isEqualTo("Bob");
    }

    /** A thirty-second timeout, tested on virtual time: it fires when the test moves the clock. */
    @Test
    void raceThatOutlivesItsTimeoutIs504() {
        try (VirtualIouTimer time = VirtualIouTimer.install()) {
            CompletableFuture<ResponseEntity<String>> answer = WebClient.create("http://127.0.0.1:" + port).get()
                    .uri("/race/bob?primaryDelayMs=60000&replicaDelayMs=60000&timeoutMs=30000").retrieve()
                    .toEntity(String.class).onErrorResume(WebClientResponseException.class,
                            ex -> Mono.just(ResponseEntity.status(ex.getStatusCode()).body(ex.getResponseBodyAsString())))
                    .toFuture();
            // the race's timeout, and the response's (iou.web.timeout, 30s), which runs on the IOU timer too
            await().atMost(Duration.ofSeconds(10)).until(() -> time.pendingTasks() == 2);

            time.advance(Duration.ofSeconds(29));
            assertThat(answer).isNotDone();
            time.advance(Duration.ofSeconds(1));

            assertThat(answer).succeedsWithin(Duration.ofSeconds(10)).satisfies(response -> {
                assertThat(response.getStatusCode().value()).isEqualTo(504);
                assertThat(response.getBody()).contains("IOU timed out after PT30S");
            });
        }
    }

    @Test
    void raceRejectsABadTimeout() {
        client.get().uri("/race/bob?timeoutMs=0").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("timeout must be positive but was PT0S");
    }

    @Test
    void loginUserDeleteLogoutChainRunsEveryStepInOrder() {
        client.post().uri("/accounts/bob/delete?admin=alice&password=secret").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.deleted").isEqualTo("bob")
                .jsonPath("$.steps.length()").isEqualTo(4)
                .jsonPath("$.steps[0]").value(step -> assertThat((String) step).startsWith("logged in alice as session-"))
                .jsonPath("$.steps[1]").value(step -> assertThat((String) step).startsWith("fetched user bob (Bob Dylan)"))
                .jsonPath("$.steps[2]").value(step -> assertThat((String) step).startsWith("deleted user bob"))
                .jsonPath("$.steps[3]").value(step -> assertThat((String) step).startsWith("logged out session-"));
    }

    @Test
    void chainStopsAtAWrongPasswordWith401() {
        client.post().uri("/accounts/bob/delete?password=guess").exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("wrong password for alice");
    }

    @Test
    void chainStopsAtAnUnknownUserWith404() {
        client.post().uri("/accounts/zed/delete?password=secret").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void slowEndpointIsVisibleAsPendingWhileItWaits() {
        // WebTestClient's exchange() waits for the answer: a plain WebClient lets the test look meanwhile
        Mono<Map<String, Object>> slow = WebClient.create("http://127.0.0.1:" + port).get().uri("/slow?ms=1500")
                .retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).cache();
        slow.subscribe();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> client.get().uri("/actuator/ious").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.oldest[?(@.name == 'slow-demo')].createdAt")
                .value(site -> assertThat(site.toString()).contains("DemoController.slow")));
        assertThat(pending()).isPositive();

        assertThat(slow.block(Duration.ofSeconds(10))).containsEntry("waitedMs", 1500);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> client.get().uri("/actuator/ious").exchange()
                .expectBody().jsonPath("$.oldest[?(@.name == 'slow-demo')]").doesNotExist());
    }

    private double pending() {
        Map<String, Object> metric = client.get().uri("/actuator/metrics/iou.pending").exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<Map<String, Object>>() { })
                .getResponseBody().blockFirst(Duration.ofSeconds(10));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
        return ((Number) measurements.get(0).get("value")).doubleValue();
    }
}
