package io.iou.spring.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reactor Netty servers the tests run keep reading a keep-alive connection after a request that
 * was queued behind a slower one has been answered at once.
 *
 * <p>Without {@link KeepAliveReadResumer}, Reactor Netty 1.3.6 (Spring Boot 4.0.7's) fails this
 * test on either transport (epoll, or NIO with {@code -Dio.netty.transport.noNative=true}): the third
 * request is never read (reactor/reactor-netty#4347). The suite met the bug whenever a response was
 * written off the event loop (an IOU settled on a pool thread, a test thread releasing held
 * requests) and the client's next request on the same connection arrived before the server had
 * finished the exchange: WebTestClient requests timed out after 5 s and HTTP reactor requests stayed
 * pending.
 */
class ReactorNettyKeepAliveTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    static final LoopResources LOOPS = LoopResources.create("keep-alive-test", 1, true);

    static final CountDownLatch SLOW_ARRIVED = new CountDownLatch(1);

    static final Sinks.Empty<Void> SLOW_ANSWER = Sinks.empty();

    static DisposableServer server;

    @BeforeAll
    static void start() {
        server = KeepAliveReadResumer.on(HttpServer.create())
            .runOn(LOOPS)
            .host("127.0.0.1")
            .port(0)
            .route((routes) -> routes
                .get("/slow", (request, response) -> {
                    SLOW_ARRIVED.countDown();
                    return response.sendString(SLOW_ANSWER.asMono().thenReturn("slow"));
                })
                .get("/fast", (request, response) -> response.sendString(Mono.just("fast"))))
            .bindNow();
    }

    @AfterAll
    static void stop() {
        server.disposeNow();
        LOOPS.disposeLater().block(WAIT);
    }

    @Test
    void connectionIsReadAgainAfterAQueuedRequestIsAnsweredAtOnce() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // One write, so one read: the event loop dispatches /slow, then queues /fast, before it
            // runs the answer this thread hands it (off the event loop, as a settling IOU does).
            send(out, "/slow", "/fast");
            assertThat(SLOW_ARRIVED.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("/slow arrived").isTrue();
            SLOW_ANSWER.tryEmitEmpty();
            assertThat(readResponse(in)).endsWith("slow");
            assertThat(readResponse(in)).endsWith("fast");

            send(out, "/fast");
            assertThat(readResponse(in)).as("answer to the next request on the connection").endsWith("fast");
        }
    }

    private static void send(OutputStream out, String... paths) throws IOException {
        StringBuilder requests = new StringBuilder();
        for (String path : paths) {
            requests.append("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        }
        out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response, whose body has a Content-Length (Reactor Netty sets it for a single value). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            assertThat(next).as("connection still open after %s", head).isNotNegative();
            head.write(next);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        assertThat(headers).startsWith("HTTP/1.1 200");
        int length = headers.lines()
            .filter((line) -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
            .mapToInt((line) -> Integer.parseInt(line.substring("content-length:".length()).trim()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Content-Length in " + headers));
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
