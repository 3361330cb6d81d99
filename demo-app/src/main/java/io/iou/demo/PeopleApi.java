package io.iou.demo;

import io.iou.IOU;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The people service, as an HTTP interface client of the {@code people} HTTP service group (see
 * {@link DemoApplication}). With the starter its methods return IOUs: an HTTP error rejects with a
 * {@code WebClientResponseException} (404: {@code NotFound}), and cancelling the IOU, or the last
 * IOU derived from it, cancels the request.
 */
@HttpExchange(accept = "application/json")
public interface PeopleApi {

    /**
     * Fetches a person.
     *
     * @param username who
     * @param delayMs how long the service should take
     * @return an IOU of the person
     */
    @GetExchange("/{username}")
    IOU<Person> find(@PathVariable String username, @RequestParam long delayMs);
}
