package io.iou.spring.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;

/**
 * The application the end-to-end tests serve, on either stack: the same annotated controller runs
 * on WebFlux and on Spring MVC. Its IOU pool has named threads so tests can tell where handlers ran.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ IouWebTestApplication.PersonController.class, IouWebTestApplication.PersonAdvice.class })
class IouWebTestApplication {

    static final String POOL_THREAD_PREFIX = "iou-test-";

    private final ExecutorService pool = Executors.newFixedThreadPool(4, new NamedThreads());

    @Bean
    IouScheduler iouScheduler() {
        return new IouScheduler(pool);
    }

    @Bean
    HeldIous heldIous() {
        return new HeldIous();
    }

    @PreDestroy
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    record Person(int id, String name) {
    }

    /** Thrown for a person the advice maps to 404 with a body of its own. */
    static final class PersonNotFoundException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final int id;

        PersonNotFoundException(int id) {
            super("no person " + id);
            this.id = id;
        }
    }

    /** An IOU the controller handed out and left pending, with the tag of its request. */
    record Held(String tag, IOU<String> iou) {
    }

    /** The IOUs the controller handed out and left pending, for tests to settle or watch. */
    static final class HeldIous {

        final BlockingQueue<Held> queue = new LinkedBlockingQueue<>();

        IOU<String> next() throws InterruptedException {
            Held held = queue.poll(10, TimeUnit.SECONDS);
            if (held == null) {
                throw new AssertionError("the controller handed out no IOU within 10s");
            }
            return held.iou();
        }
    }

    @RestController
    static class PersonController {

        private final IouScheduler scheduler;

        private final HeldIous held;

        PersonController(IouScheduler scheduler, HeldIous held) {
            this.scheduler = scheduler;
            this.held = held;
        }

        @GetMapping("/person/{id}")
        IOU<Person> person(@PathVariable int id) {
            return scheduler.supply(() -> new Person(id, "Ada"));
        }

        @GetMapping("/created/{id}")
        IOU<ResponseEntity<Person>> created(@PathVariable int id) {
            return scheduler.supply(() -> new Person(id, "Ada"))
                    .addFulfilledHandler(person -> ResponseEntity.status(HttpStatus.CREATED)
                            .header("X-Person", person.name())
                            .body(person));
        }

        @DeleteMapping("/person/{id}")
        IOU<Void> delete(@PathVariable int id) {
            return scheduler.supply(() -> null);
        }

        @GetMapping("/nobody")
        IOU<Person> nobody() {
            return scheduler.supply(() -> null);
        }

        /** Fails with {@code kind}: thrown from the method, or as the IOU's rejection. */
        @GetMapping("/fail/{kind}")
        IOU<Person> fail(@PathVariable String kind, @RequestParam boolean iou) {
            RuntimeException failure = switch (kind) {
                case "advice" -> new PersonNotFoundException(7);
                case "status" -> new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT, "short and stout");
                case "problem" -> new ErrorResponseException(HttpStatus.CONFLICT,
                        ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "name taken"), null);
                case "unhandled" -> new IllegalStateException("boom");
                default -> new IllegalArgumentException("unknown kind " + kind);
            };
            if (!iou) {
                throw failure;
            }
            return scheduler.supply(() -> {
                throw failure;
            });
        }

        /** An IOU that only the test settles, or nobody. */
        @GetMapping("/held")
        IOU<String> held(@RequestParam(defaultValue = "") String tag) {
            IOU<String> iou = scheduler.newIou();
            held.queue.add(new Held(tag, iou));
            return iou;
        }

        @GetMapping("/nobody/mono")
        Mono<Person> nobodyMono() {
            return Mono.empty();
        }

        /** Where each step ran: the request thread, then every handler of the chain. */
        @GetMapping("/threads")
        IOU<List<String>> threads() {
            String requestThread = Thread.currentThread().getName();
            IOU<String> ready = scheduler.newIou();
            ready.fulfill("ready");
            // added to an IOU that is already settled, on the request thread: still runs on the pool
            return ready.addFulfilledHandler(value -> plusCurrentThread(List.of(requestThread)))
                    .then(names -> scheduler.supply(() -> plusCurrentThread(names)))
                    .addFulfilledHandler(IouWebTestApplication::plusCurrentThread);
        }

        @GetMapping("/mono")
        Mono<String> mono() {
            return Mono.fromFuture(CompletableFuture.supplyAsync(() -> "mono", scheduler.executor()));
        }

        @GetMapping("/future")
        CompletableFuture<String> future() {
            return CompletableFuture.supplyAsync(() -> "future", scheduler.executor());
        }
    }

    @RestControllerAdvice
    static class PersonAdvice {

        @ExceptionHandler
        ResponseEntity<Map<String, Object>> notFound(PersonNotFoundException ex) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("missing", ex.id));
        }
    }

    static List<String> plusCurrentThread(List<String> names) {
        List<String> more = new ArrayList<>(names);
        more.add(Thread.currentThread().getName());
        return more;
    }

    private static final class NamedThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, POOL_THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
