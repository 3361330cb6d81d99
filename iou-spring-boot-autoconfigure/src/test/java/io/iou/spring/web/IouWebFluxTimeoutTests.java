package io.iou.spring.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/** WebFlux has no request timeout of its own: {@code iou.web.timeout} bounds the wait. */
@SpringBootTest(classes = IouWebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=reactive", IouControllerTests.WEBFLUX_PROBLEM_DETAILS,
                "iou.web.timeout=300ms" })
@AutoConfigureWebTestClient
class IouWebFluxTimeoutTests extends IouTimeoutTests {
}
