package io.iou.demo;

import io.iou.IOU;
import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Looks people up in the people service through the IOU HTTP reactor, the original library's API,
 * kept for one endpoint beside the HTTP interface client ({@link PeopleApi}) the others use.
 */
@Component
public class PeopleClient {

    private static final Logger log = LoggerFactory.getLogger(PeopleClient.class);

    private final IouHttpReactor reactor;

    private final PeopleServiceUrl url;

    /**
     * Creates the client.
     *
     * @param reactor the HTTP reactor the starter configures
     * @param url where the people service is
     */
    public PeopleClient(IouHttpReactor reactor, PeopleServiceUrl url) {
        this.reactor = reactor;
        this.url = url;
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
        String uri = UriComponentsBuilder.fromUriString(url.get()).pathSegment(username)
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
}
