package io.iou;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of README.md and docs/semantics.md, as written there, comparing what they print or do.
 * The plus-seven and login chains are the original Python IOU library's README examples, translated
 * one to one.
 */
class ReadmeExamplesTests {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private PrintStream originalOut;

    @BeforeEach
    void captureStandardOut() {
        originalOut = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOut() {
        System.setOut(originalOut);
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theIouInFiveLines() {
        IOU<Integer> original = new IOU<>();
        original.addFulfilledConsumer(v -> System.out.println("original: " + v));
        original.addFulfilledHandler(v -> v + 7)
                .addFulfilledConsumer(v -> System.out.println("plus seven: " + v))
                .addRejectedConsumer(e -> System.out.println("exception: " + e.getMessage()));
        original.fulfill(10);   // prints "original: 10", then "plus seven: 17"

        assertThat(lines()).containsExactly("original: 10", "plus seven: 17");
    }

    /** docs/semantics.md: a call shared by two requests runs until the last one that wanted it hangs up. */
    @Test
    void aSharedCallRunsUntilTheLastRequestThatWantedItHangsUp() {
        Map<String, IOU<Person>> cache = new HashMap<>();
        FakeHttp http = new FakeHttp();
        Log log = new Log();
        String name = "alice";

        IOU<Person> shared = cache.computeIfAbsent(name, n -> http.get(url(n), Person.class)); // one call
        IOU<String> a = shared.addFulfilledHandler(Person::firstName);   // request A
        IOU<String> b = shared.addFulfilledHandler(Person::lastName);    // request B
        shared.addRejectedConsumer(log::warn);                           // observes only
        a.cancel();   // A hung up: `shared` keeps running, because B still wants it
        assertThat(shared.isPending()).isTrue();
        assertThat(http.aborted).isEmpty();
        b.cancel();   // B hung up too: nobody wants `shared`, so it is cancelled and the request aborted

        assertThat(shared.isCancelled()).isTrue();
        assertThat(http.aborted).containsExactly(url(name));
        assertThat(log.warned).singleElement().isInstanceOf(CancellationException.class);
    }

    @Test
    void plusSeven() {
        IOU<Integer> original = new IOU<>();
        original.addFulfilledConsumer(v -> System.out.println("original: " + v));
        IOU<Integer> plusSeven = original.addFulfilledHandler(v -> v + 7);
        plusSeven.addFulfilledConsumer(v -> System.out.println("plus seven: " + v));

        original.fulfill(10);

        assertThat(lines()).containsExactly("original: 10", "plus seven: 17");
    }

    @Test
    void exception() {
        IOU<Integer> original = new IOU<>();
        original.addFulfilledHandler(v -> v + 7)
                .addFulfilledConsumer(v -> System.out.println("plus seven: " + v))
                .addRejectedConsumer(e -> System.out.println("exception: " + e.getMessage()));

        original.reject(new RuntimeException("bad stuff happened"));

        assertThat(lines()).containsExactly("exception: bad stuff happened");
    }

    @Test
    void loginUserDeleteLogout() {
        FakeService service = new FakeService();

        service.login("alice", "secret")
                .then(session -> service.getUser(session, "bob")
                        .then(service::deleteUser)
                        .then(deleted -> service.logout(session)))
                .addFulfilledConsumer(v -> System.out.println("done"))
                .addRejectedConsumer(e -> System.out.println("exception: " + e.getMessage()));
        service.completeAll();

        assertThat(lines()).containsExactly("logged in: alice", "got user: bob", "deleted: bob",
                "logged out: alice", "done");
    }

    @Test
    void loginFailureSkipsTheRestOfTheChain() {
        FakeService service = new FakeService();

        service.login("alice", "wrong")
                .then(session -> service.getUser(session, "bob"))
                .then(service::deleteUser)
                .addFulfilledConsumer(v -> System.out.println("done"))
                .addRejectedConsumer(e -> System.out.println("exception: " + e.getMessage()));
        service.completeAll();

        assertThat(lines()).containsExactly("exception: bad password for alice");
    }

    private static String url(String name) {
        return "http://people.example/" + name;
    }

    record Person(String firstName, String lastName) {
    }

    /** An HTTP client whose requests never answer; it records the ones aborted by a cancellation. */
    static final class FakeHttp {

        final List<String> aborted = new ArrayList<>();

        <T> IOU<T> get(String url, Class<T> type) {
            IOU<T> response = new IOU<>();
            response.onCancel(() -> aborted.add(url));
            return response;
        }
    }

    static final class Log {

        final List<Throwable> warned = new ArrayList<>();

        void warn(Throwable failure) {
            warned.add(failure);
        }
    }

    /** Fake IOU-returning remote calls: each answers later, when the test says so, as a network would. */
    static final class FakeService {

        private final java.util.ArrayDeque<Runnable> replies = new java.util.ArrayDeque<>();

        IOU<String> login(String user, String password) {
            return later(() -> {
                if (!password.equals("secret")) {
                    throw new IllegalArgumentException("bad password for " + user);
                }
                System.out.println("logged in: " + user);
                return user;
            });
        }

        IOU<String> getUser(String session, String name) {
            return later(() -> {
                System.out.println("got user: " + name);
                return name;
            });
        }

        IOU<Boolean> deleteUser(String user) {
            return later(() -> {
                System.out.println("deleted: " + user);
                return true;
            });
        }

        IOU<Void> logout(String session) {
            return later(() -> {
                System.out.println("logged out: " + session);
                return null;
            });
        }

        private <T> IOU<T> later(java.util.concurrent.Callable<T> reply) {
            IOU<T> iou = new IOU<>();
            replies.add(() -> {
                try {
                    iou.fulfill(reply.call());
                }
                catch (Exception ex) {
                    iou.reject(ex);
                }
            });
            return iou;
        }

        void completeAll() {
            while (!replies.isEmpty()) {
                replies.poll().run();
            }
        }
    }
}
