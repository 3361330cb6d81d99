package io.iou.spring.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.iou.IOU;
import io.iou.spring.web.IouWebTestApplication.HeldIous;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IOU that never settles, on either stack with a short request timeout (the subclasses set it):
 * the same 503 on both, and the IOU is cancelled.
 */
abstract class IouTimeoutTests {

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
    void neverSettlingIouIsAnswered503AndCancelled() throws Exception {
        client.get().uri("/held").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json("""
                        {"title":"Service Unavailable","status":503,"instance":"/held"}""", true);

        IOU<String> iou = held.next();
        CountDownLatch cancelled = new CountDownLatch(1);
        iou.onCancel(cancelled::countDown);
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(iou.isCancelled()).isTrue();
    }
}
