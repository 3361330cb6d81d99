package io.iou.spring.web;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.iou.IOU;
import io.iou.spring.web.IouWebTestApplication.HeldIous;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that sends a request for a held IOU and hangs up before it settles. */
final class ClientDisconnects {

    private ClientDisconnects() {
    }

    /** Hangs up on {@code /held} once the controller has handed out its IOU; asserts it gets cancelled. */
    static void assertCancelsHeldIou(int port, HeldIous held) throws Exception {
        IOU<String> iou;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /held HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            iou = held.next();
            assertThat(iou.isPending()).isTrue();
        }
        CountDownLatch cancelled = new CountDownLatch(1);
        iou.onCancel(cancelled::countDown);

        assertThat(cancelled.await(20, TimeUnit.SECONDS)).as("IOU cancelled after the client went away").isTrue();
        assertThat(iou.isCancelled()).isTrue();
    }
}
