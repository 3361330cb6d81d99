package io.iou.demo;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The person lookup when the people service is down: a clear 502, never a stack trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class UpstreamDownTests {

    @DynamicPropertySource
    static void pointAtAClosedPort(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        registry.add("demo.people.url", () -> "http://127.0.0.1:" + closedPort + "/upstream/people");
    }

    @Autowired
    private WebTestClient client;

    @Test
    void lookupAnswers502NamingTheRequest() {
        client.get().uri("/people/alice").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("People service unavailable")
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .contains("GET http://127.0.0.1:").contains("/upstream/people/alice"))
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void lookupThroughTheHttpInterfaceClientAnswers502() {
        client.get().uri("/people?names=alice").exchange()
                .expectStatus().isEqualTo(502)
                .expectBody()
                .jsonPath("$.title").isEqualTo("People service unavailable")
                .jsonPath("$.trace").doesNotExist();
    }
}
