package io.iou.spring.http;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;

/** HTTP service group clients returning IOUs in a WebFlux application (Reactor Netty). */
@DirtiesContext
@SpringBootTest(classes = HttpServiceGroupApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=reactive", IouHttpServiceGroupTests.PROPERTIES })
@AutoConfigureWebTestClient
class IouHttpServiceGroupWebFluxTests extends IouHttpServiceGroupTests {
}
