package io.iou.spring.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Clients of a Boot 4 HTTP service group, in a running application on each stack: they return IOUs
 * with nothing configured but the group's base URL, bound to the IOU pool, and the application's
 * controllers return those IOUs in turn. See the subclasses for the stacks.
 *
 * @see WebEnvironment#RANDOM_PORT
 */
abstract class IouHttpServiceGroupTests implements UpstreamApiContract {

    static final String PROPERTIES = "iou.scheduler.thread-name-prefix=" + HttpServiceGroupApplication.POOL_THREAD_PREFIX;

    private static LoopbackHttpServer server;

    @Autowired
    private UpstreamApi api;

    @Autowired
    private WebTestClient client;

    @BeforeAll
    static void startUpstream() {
        server = LoopbackHttpServer.start();
    }

    @AfterAll
    static void stopUpstream() {
        server.close();
    }

    @DynamicPropertySource
    static void upstreamUrl(DynamicPropertyRegistry properties) {
        properties.add("spring.http.serviceclient.upstream.base-url", () -> server.url(""));
    }

    @Override
    public UpstreamApi api() {
        return api;
    }

    @Override
    public LoopbackHttpServer upstream() {
        return server;
    }

    /** Handlers never run on the event loop that delivered the response, as with the HTTP reactor. */
    @Override
    public String handlerThreadPrefix() {
        return HttpServiceGroupApplication.POOL_THREAD_PREFIX;
    }

    @Test
    void aControllerAnswersWithTheClientsIou() {
        client.get().uri("/proxied-person").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("Ada");
    }
}
