package io.iou.spring.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/** Spring MVC bounds the wait with {@code spring.mvc.async.request-timeout}. */
@SpringBootTest(classes = IouWebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=servlet", IouControllerTests.MVC_PROBLEM_DETAILS,
                "spring.mvc.async.request-timeout=300ms" })
@AutoConfigureWebTestClient
class IouWebMvcTimeoutTests extends IouTimeoutTests {

    /**
     * Tomcat does not watch the connection while a request waits asynchronously (the Servlet API
     * has no disconnect notification), so on Spring MVC a client that hangs up has its IOU
     * cancelled by the request timeout, not at once as on WebFlux.
     */
    @Test
    void clientThatGoesAwayHasItsIouCancelledByTheRequestTimeout() throws Exception {
        ClientDisconnects.assertCancelsHeldIou(port, held);
    }
}
