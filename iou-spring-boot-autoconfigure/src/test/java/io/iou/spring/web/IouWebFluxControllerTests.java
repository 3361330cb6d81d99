package io.iou.spring.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.iou.IOU;
import io.iou.spring.web.IouWebTestApplication.Person;

import static io.iou.spring.web.IouWebTestApplication.POOL_THREAD_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/** Controllers returning IOUs on WebFlux (Reactor Netty). */
@SpringBootTest(classes = { IouWebTestApplication.class, IouWebFluxControllerTests.BodyController.class },
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=reactive", IouControllerTests.WEBFLUX_PROBLEM_DETAILS })
@AutoConfigureWebTestClient
class IouWebFluxControllerTests extends IouControllerTests {

    @Override
    String serverThreadPrefix() {
        return "webflux-http-";
    }

    @Test
    void clientThatGoesAwayCancelsTheIouAtOnce() throws Exception {
        ClientDisconnects.assertCancelsHeldIou(port, held);
    }

    /** WebFlux also reads request bodies into IOUs; their handlers run on the IOU scheduler too. */
    @Test
    void requestBodyArrivesAsAnIouBoundToTheScheduler() {
        String answer = client.post().uri("/renamed").bodyValue(new Person(3, "Ada")).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(answer).startsWith("Ada Lovelace on " + POOL_THREAD_PREFIX);
    }

    @RestController
    static class BodyController {

        @PostMapping("/renamed")
        IOU<String> renamed(@RequestBody IOU<Person> person) {
            return person.addFulfilledHandler(p -> p.name() + " Lovelace on " + Thread.currentThread().getName());
        }
    }
}
