package io.iou.spring.http;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import io.iou.spring.web.FreshSharedRegistry;
import io.iou.spring.web.IouReactiveAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP interface client made with {@link HttpServiceProxyFactory} over {@link WebClientAdapter},
 * as a plain Spring application makes it, once IOU is in the shared registry: the one call
 * {@link IouReactiveAdapter#registerWithSharedInstance()}, in a JVM that had not made it before.
 */
class IouHttpInterfaceClientTests implements UpstreamApiContract {

    private static LoopbackHttpServer server;

    private static FreshSharedRegistry registry;

    private static LoopResources loops;

    private static ConnectionProvider connections;

    private static UpstreamApi api;

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.start();
        registry = FreshSharedRegistry.install();
        assertThat(IouReactiveAdapter.registerWithSharedInstance()).isTrue();
        loops = LoopResources.create("interface-client", 1, true);
        connections = ConnectionProvider.create("interface-client", 8);
        WebClient webClient = WebClient.builder().baseUrl(server.url(""))
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections).runOn(loops)))
                .build();
        api = HttpServiceProxyFactory.builderFor(WebClientAdapter.create(webClient)).build()
                .createClient(UpstreamApi.class);
    }

    @AfterAll
    static void stop() {
        registry.close();
        server.close();
        connections.disposeLater().block(Duration.ofSeconds(10));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(10));
    }

    @Override
    public UpstreamApi api() {
        return api;
    }

    @Override
    public LoopbackHttpServer upstream() {
        return server;
    }

    /**
     * The shared registry's IOUs are bound to no executor: as a {@code CompletableFuture}'s, their
     * handlers run on the thread that settles them, here the client's event loop.
     */
    @Override
    public String handlerThreadPrefix() {
        return "interface-client";
    }
}
