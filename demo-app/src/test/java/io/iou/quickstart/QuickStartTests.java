package io.iou.quickstart;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The README's quick start answers as the README says. */
@SpringBootTest(classes = QuickStartApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class QuickStartTests {

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    @Test
    void squareRunsOnThePool() {
        client.get().uri("/square/7").exchange().expectStatus().isOk().expectBody(Integer.class).isEqualTo(49);
    }

    @Test
    void statusCallsThroughTheHttpReactor() {
        String url = "http://127.0.0.1:" + port + "/square/2";
        client.get().uri(builder -> builder.path("/status").queryParam("url", url).build()).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(url + " answered 200");
    }
}
