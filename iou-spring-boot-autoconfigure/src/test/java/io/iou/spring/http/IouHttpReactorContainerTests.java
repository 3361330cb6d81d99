package io.iou.spring.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import io.iou.IOU;
import io.iou.spring.http.IouHttpException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link IouHttpReactor} against a server nobody here wrote: busybox {@code httpd} serving a JSON
 * file and shell CGI scripts, in a container on the host's network, listening on 127.0.0.1 only.
 * Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class IouHttpReactorContainerTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    static final int PORT = freePort();

    record Person(String name, int age) {
    }

    @Container
    static final GenericContainer<?> httpd = new GenericContainer<>(DockerImageName.parse("busybox:1.36"))
        .withNetworkMode("host")
        .withCopyToContainer(Transferable.of(".json:application/json\n"), "/etc/httpd.conf")
        .withCopyToContainer(Transferable.of(LoopbackHttpServer.PERSON_JSON), "/www/person.json")
        // a deliberately slow endpoint, the server side of the timeout tests: its sleep is the
        // behaviour under test, not synchronisation
        .withCopyToContainer(Transferable.of("""
                #!/bin/sh
                sleep "${QUERY_STRING:-1}"
                printf 'Content-Type: text/plain\\r\\n\\r\\nslept %s\\n' "${QUERY_STRING:-1}"
                """, 0755), "/www/cgi-bin/slow")
        .withCopyToContainer(Transferable.of("""
                #!/bin/sh
                printf 'Status: 503 Service Unavailable\\r\\nContent-Type: text/plain\\r\\nRetry-After: 7\\r\\n\\r\\ntry later\\n'
                """, 0755), "/www/cgi-bin/unavailable")
        .withCommand("/bin/busybox", "httpd", "-f", "-p", "127.0.0.1:" + PORT, "-h", "/www", "-c", "/etc/httpd.conf")
        .waitingFor(Wait.forSuccessfulCommand("wget -q -O- http://127.0.0.1:" + PORT + "/person.json"))
        .withStartupTimeout(WAIT);

    static TestIouScheduler pool;

    static IouHttpReactor reactor;

    @BeforeAll
    static void start() {
        pool = new TestIouScheduler();
        reactor = new IouHttpReactor(WebClient.builder(), pool.scheduler(),
                IouHttpReactor.Settings.defaults().withBaseUrl("http://127.0.0.1:" + PORT));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        reactor.close();
        pool.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static IouHttpException failure(IOU<?> iou) {
        Throwable thrown = catchThrowable(() -> iou.await(WAIT));
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(IouHttpException.class);
        return (IouHttpException) thrown.getCause();
    }

    @Test
    void decodesAJsonFile() throws Exception {
        assertThat(reactor.get("/person.json", Person.class).await(WAIT)).isEqualTo(new Person("Ada", 36));
    }

    @Test
    void missingFileFulfilsWith404() throws Exception {
        assertThat(reactor.submitTask(new IouHttpReactorTask("/missing.json")).await(WAIT).statusCode()).isEqualTo(404);
    }

    @Test
    void slowScriptAnswersInItsOwnTime() throws Exception {
        IouHttpResponse response = reactor.submitTask(new IouHttpReactorTask("/cgi-bin/slow?1")).await(WAIT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsText()).isEqualTo("slept 1\n");
    }

    @Test
    void slowScriptPastTheTaskTimeoutRejectsWithResponseTimeout() {
        IouHttpReactorTask task = new IouHttpReactorTask("/cgi-bin/slow?5").withTimeout(Duration.ofMillis(300));
        assertThat(failure(reactor.submitTask(task)).kind()).isEqualTo(Kind.RESPONSE_TIMEOUT);
    }

    @Test
    void errorStatusFulfilsByDefault() throws Exception {
        IouHttpResponse response = reactor.submitTask(new IouHttpReactorTask("/cgi-bin/unavailable")).await(WAIT);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.bodyAsText()).isEqualTo("try later\n");
    }

    @Test
    void errorStatusRejectsWithStatusHeadersAndBodyWhenTaskExpectsSuccess() {
        IouHttpException failure = failure(
                reactor.submitTask(new IouHttpReactorTask("/cgi-bin/unavailable").withExpectSuccess(true)));
        assertThat(failure).isInstanceOfSatisfying(IouHttpStatusException.class, (status) -> {
            assertThat(status.status().value()).isEqualTo(503);
            assertThat(status.headers().getFirst("Retry-After")).isEqualTo("7");
            assertThat(status.bodyAsText()).isEqualTo("try later\n");
        });
        assertThat(failure).hasMessage("GET http://127.0.0.1:" + PORT
                + "/cgi-bin/unavailable: unexpected status 503 SERVICE_UNAVAILABLE");
    }
}
