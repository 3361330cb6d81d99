package io.iou.demo;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The upstream "people service" the demo looks people up in. The app serves it itself on loopback so
 * that the demo needs nothing else; {@code demo.people.url} points the demo at a real one instead.
 * It is written as any WebFlux service would be: it knows nothing of IOUs.
 */
@RestController
@RequestMapping("/upstream/people")
public class PeopleServiceController {

    private static final Map<String, Person> PEOPLE = Map.of(
            "alice", new Person("alice", "Alice", "Liddell"),
            "bob", new Person("bob", "Bob", "Dylan"),
            "carol", new Person("carol", "Carol", "Danvers"),
            "dave", new Person("dave", "Dave", "Bowman"));

    /**
     * Looks a person up.
     *
     * @param username who
     * @param delayMs how long to take, to play a slow or a fast replica
     * @return the person, or 404
     */
    @GetMapping("/{username}")
    public Mono<Person> person(@PathVariable String username, @RequestParam(defaultValue = "0") long delayMs) {
        Person person = PEOPLE.get(username);
        if (person == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no person named " + username));
        }
        return Mono.just(person).delayElement(Duration.ofMillis(delayMs));
    }
}
