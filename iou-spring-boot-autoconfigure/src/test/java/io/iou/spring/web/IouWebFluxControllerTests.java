package io.iou.spring.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/** Controllers returning IOUs on WebFlux (Reactor Netty). */
@SpringBootTest(classes = IouWebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=reactive", IouControllerTests.WEBFLUX_PROBLEM_DETAILS })
@AutoConfigureWebTestClient
class IouWebFluxControllerTests extends IouControllerTests {

    @Override
    String serverThreadPrefix() {
        return "webflux-http-";
    }

    @Test
    void clientThatGoesAwayCancelsTheIou() throws Exception {
        ClientDisconnects.assertCancelsHeldIou(port, held);
    }
}
