package io.iou.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original Python IOU library's README examples as endpoints; each returns an IOU, which the
 * starter answers asynchronously.
 */
@RestController
public class DemoController {

    private final IouScheduler scheduler;

    private final PeopleClient reactorPeople;

    private final PeopleApi people;

    private final AccountService accounts;

    private final CardService cards;

    /**
     * Creates the controller.
     *
     * @param scheduler the IOU pool
     * @param reactorPeople the people service through the IOU HTTP reactor
     * @param people the people service as an HTTP interface client
     * @param accounts the account calls
     * @param cards the {@code @Async} card maker
     */
    public DemoController(IouScheduler scheduler, PeopleClient reactorPeople, PeopleApi people,
            AccountService accounts, CardService cards) {
        this.scheduler = scheduler;
        this.reactorPeople = reactorPeople;
        this.people = people;
        this.accounts = accounts;
        this.cards = cards;
    }

    /**
     * The plus-seven chain: a pending IOU, a handler that adds seven, fulfilled with {@code value}.
     *
     * @param value the original value
     * @return an IOU of both values and the chain's steps
     */
    @GetMapping("/plus-seven")
    public IOU<PlusSeven> plusSeven(@RequestParam int value) {
        AccountService.Steps steps = new AccountService.Steps();
        IOU<Integer> original = scheduler.newIou();
        IOU<PlusSeven> answer = original
                .addFulfilledHandler(v -> {
                    steps.add("original: " + v);
                    return v;
                })
                .addFulfilledHandler(v -> v + 7)
                .addFulfilledHandler(v -> {
                    steps.add("plus seven: " + v);
                    return new PlusSeven(value, v, steps.list());
                });
        original.fulfill(value);
        return answer;
    }

    /**
     * The person lookup through the HTTP reactor.
     *
     * @param username who
     * @return an IOU of their name; 404 for an unknown person, 502 when the people service is down
     */
    @GetMapping("/people/{username}")
    public IOU<Name> person(@PathVariable String username) {
        return reactorPeople.find(username, 0).addFulfilledHandler(Name::of);
    }

    /**
     * A join: several lookups in parallel through the HTTP interface client, answered once all are in.
     *
     * @param names who
     * @return an IOU of their names, in the order asked; the first failure fails it (404 for an
     *         unknown person), and the lookups still running are cancelled
     */
    @GetMapping("/people")
    public IOU<List<Name>> people(@RequestParam List<String> names) {
        return IOU.all(names.stream().map(name -> people.find(name, 0).addFulfilledHandler(Name::of)).toList());
    }

    /**
     * A person's card, made by an {@code @Async} method on the IOU pool.
     *
     * @param username who
     * @return an IOU of the card; 404 for an unknown person
     */
    @GetMapping("/people/{username}/card")
    public IOU<CardService.Card> card(@PathVariable String username) {
        return cards.card(username);
    }

    /**
     * A race with a timeout: the same lookup from a slow primary and a fast replica, through the HTTP
     * interface client; the first answer wins and the loser's request is cancelled, and no answer
     * within {@code timeoutMs} answers 504.
     *
     * @param username who
     * @param primaryDelayMs how long the primary takes
     * @param replicaDelayMs how long the replica takes
     * @param timeoutMs how long to wait for either
     * @return an IOU of the winner
     */
    @GetMapping("/race/{username}")
    public IOU<RaceResult> race(@PathVariable String username, @RequestParam(defaultValue = "300") long primaryDelayMs,
            @RequestParam(defaultValue = "50") long replicaDelayMs, @RequestParam(defaultValue = "1000") long timeoutMs) {
        IOU<RaceResult> primary = people.find(username, primaryDelayMs)
                .addFulfilledHandler(person -> new RaceResult("primary", Name.of(person)));
        IOU<RaceResult> replica = people.find(username, replicaDelayMs)
                .addFulfilledHandler(person -> new RaceResult("replica", Name.of(person)));
        return IOU.race(primary, replica).timeout(Duration.ofMillis(timeoutMs));
    }

    /**
     * The original library's chain: log in as {@code admin}, fetch {@code username}, delete them, log out.
     *
     * @param username who to delete
     * @param admin who logs in
     * @param password the admin's password ("secret")
     * @return an IOU of the deletion and every step; 401 for a wrong password, 404 for an unknown user
     */
    @PostMapping("/accounts/{username}/delete")
    public IOU<Deletion> delete(@PathVariable String username, @RequestParam(defaultValue = "alice") String admin,
            @RequestParam String password) {
        AccountService.Steps steps = new AccountService.Steps();
        return accounts.login(admin, password, steps)
                .then(session -> accounts.getUser(session, username, steps)
                        .then(user -> accounts.deleteUser(session, user, steps))
                        .then(deleted -> accounts.logout(session, steps)
                                .addFulfilledHandler(loggedOut -> new Deletion(deleted, steps.list()))));
    }

    /**
     * A slow answer: a named IOU that stays pending for {@code ms}, visible meanwhile in the
     * {@code iou.pending} metric and the {@code ious} endpoint.
     *
     * @param ms how long to wait
     * @return an IOU fulfilled after {@code ms}
     */
    @GetMapping("/slow")
    public IOU<Slow> slow(@RequestParam(defaultValue = "5000") long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("ms must not be negative but was " + ms);
        }
        IOU<Slow> slow = IOU.named("slow-demo", scheduler.executor());
        CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS).execute(() -> slow.fulfill(new Slow(ms)));
        return slow;
    }

    /**
     * The plus-seven answer.
     *
     * @param original the value asked for
     * @param plusSeven the value plus seven
     * @param steps what the chain did, and on which thread
     */
    public record PlusSeven(int original, int plusSeven, List<String> steps) {
    }

    /**
     * A person's name.
     *
     * @param firstName the first name
     * @param lastName the last name
     */
    public record Name(String firstName, String lastName) {

        static Name of(Person person) {
            return new Name(person.firstName(), person.lastName());
        }
    }

    /**
     * Who won a race.
     *
     * @param winner "primary" or "replica"
     * @param name the name it answered
     */
    public record RaceResult(String winner, Name name) {
    }

    /**
     * A finished deletion.
     *
     * @param deleted who was deleted
     * @param steps every step of the chain, in order
     */
    public record Deletion(String deleted, List<String> steps) {
    }

    /**
     * The slow answer.
     *
     * @param waitedMs how long it waited
     */
    public record Slow(long waitedMs) {
    }
}
