package io.iou;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed README's examples, translated one to one, comparing what they print. */
class SeedExamplesTests {

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
