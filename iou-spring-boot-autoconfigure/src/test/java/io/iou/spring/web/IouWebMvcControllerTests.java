package io.iou.spring.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/** Controllers returning IOUs on Spring MVC (Tomcat). */
@SpringBootTest(classes = IouWebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=servlet", IouControllerTests.MVC_PROBLEM_DETAILS })
@AutoConfigureWebTestClient
class IouWebMvcControllerTests extends IouControllerTests {

    @Override
    String serverThreadPrefix() {
        return "http-nio-";
    }
}
