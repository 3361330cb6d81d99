package io.iou.demo;

import io.iou.IOU;
import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/** Looks people up in the people service through the IOU HTTP reactor. */
@Component
public class PeopleClient {

    private static final Logger log = LoggerFactory.getLogger(PeopleClient.class);

    private final IouHttpReactor reactor;

    private final Environment environment;

    private final String configuredUrl;

    /**
     * Creates the client.
     *
     * @param reactor the HTTP reactor the starter configures
     * @param environment to find this app's own port when the people service is the built-in one
     * @param configuredUrl {@code demo.people.url}: the people service; empty for the built-in one
     */
    public PeopleClient(IouHttpReactor reactor, Environment environment,
            @Value("${demo.people.url:}") String configuredUrl) {
        this.reactor = reactor;
        this.environment = environment;
        this.configuredUrl = configuredUrl;
    }

    /**
     * Fetches a person. Rejects with a 404 {@link ResponseStatusException} for an unknown person, and
     * with the reactor's {@code IouHttpException} when the service cannot be reached.
     *
     * @param username who
     * @param delayMs how long the service should take
     * @return an IOU of the person
     */
    public IOU<Person> find(String username, long delayMs) {
        String uri = UriComponentsBuilder.fromUriString(baseUrl()).pathSegment(username)
                .queryParam("delayMs", delayMs).toUriString();
        return reactor.submitTask(new IouHttpReactorTask(uri)).addFulfilledHandler(response -> {
            // on the IOU pool, with the trace and MDC of the request that asked: the log line shows both
            log.info("people service answered {} for {}", response.statusCode(), username);
            if (response.statusCode() == HttpStatus.NOT_FOUND.value()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no person named " + username);
            }
            if (!response.isSuccessful()) {
                throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
                        "people service answered " + response.statusCode());
            }
            return response.bodyAs(Person.class);
        });
    }

    private String baseUrl() {
        if (!configuredUrl.isEmpty()) {
            return configuredUrl;
        }
        // the built-in service lives in this app: its port is known only once the server is up
        return "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + "/upstream/people";
    }
}
