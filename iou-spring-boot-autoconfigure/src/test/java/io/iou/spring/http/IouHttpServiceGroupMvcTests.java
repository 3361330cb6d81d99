package io.iou.spring.http;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;

/** HTTP service group clients over WebClient returning IOUs in a Spring MVC application (Tomcat). */
@DirtiesContext
@SpringBootTest(classes = HttpServiceGroupApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=servlet", IouHttpServiceGroupTests.PROPERTIES })
@AutoConfigureWebTestClient
class IouHttpServiceGroupMvcTests extends IouHttpServiceGroupTests {
}
