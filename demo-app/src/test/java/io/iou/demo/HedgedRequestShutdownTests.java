package io.iou.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hedged request (the same lookup from a very slow primary and a fast replica) leaves nothing
 * running once the replica has answered: the race stops its loser, so the primary's upstream request
 * is closed and a graceful shutdown right after it finds no active request to wait for.
 */
class HedgedRequestShutdownTests {

    @Test
    void stoppingTheDemoRightAfterAHedgedRequestWaitsForNoRequest() throws Exception {
        ConfigurableApplicationContext demo = new SpringApplicationBuilder(DemoApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1");
        try {
            WebServer server = ((WebServerApplicationContext) demo).getWebServer();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort()
                            + "/race/bob?primaryDelayMs=600000&replicaDelayMs=0&timeoutMs=30000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"winner\":\"replica\"");

            CompletableFuture<GracefulShutdownResult> shutdown = new CompletableFuture<>();
            server.shutDownGracefully(shutdown::complete);

            // with the primary's ten-minute request still open, this would wait for it
            assertThat(shutdown.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(GracefulShutdownResult.IDLE);
        }
        finally {
            demo.close();
        }
    }
}
