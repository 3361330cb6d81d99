package io.iou.spring.http;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import io.iou.IOU;

/**
 * An application with the starter and a group of HTTP interface clients, as Boot 4 declares them:
 * {@code @ImportHttpServices} and {@code spring.http.serviceclient.upstream.base-url}. It serves on
 * either stack; its server and clients run on Reactor Netty resources of their own, which closing
 * the context disposes, never on the JVM-wide ones.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ImportHttpServices(group = "upstream", types = UpstreamApi.class, clientType = ClientType.WEB_CLIENT)
@Import(HttpServiceGroupApplication.ProxyController.class)
class HttpServiceGroupApplication {

    static final String POOL_THREAD_PREFIX = "iou-group-test-";

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        return resources;
    }

    /** Answers with what the upstream answered, through the client's IOU. */
    @RestController
    static class ProxyController {

        private final UpstreamApi upstream;

        ProxyController(UpstreamApi upstream) {
            this.upstream = upstream;
        }

        @GetMapping("/proxied-person")
        IOU<String> proxiedPerson() {
            return upstream.person().addFulfilledHandler(UpstreamApi.Person::name);
        }
    }
}
