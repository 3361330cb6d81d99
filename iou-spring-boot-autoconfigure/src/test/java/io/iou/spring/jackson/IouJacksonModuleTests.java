package io.iou.spring.jackson;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import io.iou.IOU;
import io.iou.spring.http.LoopbackHttpServer;
import io.iou.spring.http.UpstreamApi;
import io.iou.spring.web.FreshSharedRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Where IOU is not an async type Spring knows, an HTTP interface method returning it fails at once
 * with an error that says what to do, instead of returning an IOU that never settles.
 */
class IouJacksonModuleTests {

    private static LoopbackHttpServer server;

    private static LoopResources loops;

    private static ConnectionProvider connections;

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.start();
        loops = LoopResources.create("jackson-client", 1, true);
        connections = ConnectionProvider.create("jackson-client", 4);
    }

    @AfterAll
    static void stop() {
        server.close();
        connections.disposeLater().block(Duration.ofSeconds(10));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(10));
    }

    @Test
    void jacksonRefusesToReadAnIou() {
        JsonMapper mapper = JsonMapper.builder().findAndAddModules().build();

        assertThatExceptionOfType(InvalidDefinitionException.class)
                .isThrownBy(() -> mapper.readValue("{\"name\":\"Ada\"}", IOU.class))
                .withMessageContaining(IouJacksonModule.MESSAGE);
    }

    /** Issue 10's never-settling call, in a JVM where nobody registered IOU: a clear error instead. */
    @Test
    void webClientInterfaceWithoutIouRegisteredFailsClearly() {
        try (FreshSharedRegistry fresh = FreshSharedRegistry.install()) {
            WebClient webClient = WebClient.builder().baseUrl(server.url(""))
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections).runOn(loops)))
                    .build();
            UpstreamApi api = HttpServiceProxyFactory.builderFor(WebClientAdapter.create(webClient)).build()
                    .createClient(UpstreamApi.class);

            assertThat(catchThrowable(api::person)).hasStackTraceContaining(IouJacksonModule.MESSAGE);
        }
    }

    /** A RestClient has no async return types: a group's default client type cannot return IOUs. */
    @Test
    void restClientInterfaceFailsClearly() {
        UpstreamApi api = HttpServiceProxyFactory
                .builderFor(RestClientAdapter.create(RestClient.create(server.url("")))).build()
                .createClient(UpstreamApi.class);

        assertThat(catchThrowable(api::person)).hasStackTraceContaining(IouJacksonModule.MESSAGE);
    }
}
