package io.iou.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The IOU demo: the original Python IOU library's examples as endpoints a user can curl. The people service is an HTTP
 * interface client ({@link PeopleApi}) of the {@code people} group, over WebClient; {@code @EnableAsync}
 * lets {@link CardService} return an IOU from an {@code @Async} method.
 */
@SpringBootApplication
@EnableAsync
@ImportHttpServices(group = "people", types = PeopleApi.class, clientType = ClientType.WEB_CLIENT)
public class DemoApplication {

    /**
     * Points the {@code people} group at the people service, resolved at each request.
     *
     * @param url where the people service is
     * @return the group's configurer
     */
    @Bean
    WebClientHttpServiceGroupConfigurer peopleServiceLocation(PeopleServiceUrl url) {
        return groups -> groups.filterByName("people").forEachClient((group, client) -> client.uriBuilderFactory(url));
    }

    /**
     * Starts the demo.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
