package io.iou.spring.web;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

import io.iou.IOU;
import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import io.iou.spring.http.IouHttpResponse;
import io.iou.spring.http.LoopbackHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on WebFlux: a client that hangs up withdraws from the controller's IOU, and, as nothing
 * else wants it (a logging consumer beside the chain only observes), the cancellation travels upstream
 * through the HTTP reactor to the request in flight, which the upstream server sees closed.
 */
@SpringBootTest(classes = { IouWebTestApplication.class, IouDisconnectCancelsUpstreamTests.ProxyController.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.main.web-application-type=reactive")
class IouDisconnectCancelsUpstreamTests {

    static final LoopbackHttpServer UPSTREAM = LoopbackHttpServer.start();

    @LocalServerPort
    private int port;

    @Autowired
    private ProxyController controller;

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void clientThatGoesAwayCancelsTheUpstreamRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /proxy HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> UPSTREAM.hangArrived.get() == 1);
            assertThat(UPSTREAM.hangClosed.get()).as("upstream request still open while the client waits").isZero();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> UPSTREAM.hangClosed.get() == 1);
        assertThat(controller.failures).singleElement().isInstanceOf(CancellationException.class);
    }

    /** Proxies to an upstream that never answers. */
    @RestController
    static class ProxyController {

        private final IouHttpReactor reactor;

        /** What the side branch logged: the cancellation, once the client has gone. */
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        ProxyController(IouHttpReactor reactor) {
            this.reactor = reactor;
        }

        /**
         * The common chain: log failures on the side, map the value, return it. The logging consumer
         * only observes, so it does not keep the upstream request open once the client has gone.
         */
        @GetMapping("/proxy")
        IOU<String> proxy() {
            IOU<IouHttpResponse> response = reactor.submitTask(new IouHttpReactorTask(UPSTREAM.url("/hang")));
            response.addRejectedConsumer(failure -> failures.add(failure));
            return response.addFulfilledHandler(IouHttpResponse::bodyAsText);
        }
    }
}
