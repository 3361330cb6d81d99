package io.iou;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler runs with the context of the thread that added it, restored around it on whatever
 * thread runs it and cleared after; nothing of the settling thread's context leaks into it.
 */
class IouContextTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The context a test propagates: one thread-local, as an MDC entry or a tenant id would be. */
    private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();

    /** Captures and restores {@link #REQUEST}; restoring clears what the captured context lacks. */
    private static final IouContextPropagator PROPAGATOR = new IouContextPropagator() {

        @Override
        public Object capture() {
            String current = REQUEST.get();
            return current != null ? current : "";
        }

        @Override
        public Scope restore(Object captured) {
            String before = REQUEST.get();
            set((String) captured);
            return () -> set(before);
        }

        private void set(String value) {
            if (value == null || value.isEmpty()) {
                REQUEST.remove();
            }
            else {
                REQUEST.set(value);
            }
        }
    };

    private IouHooks.Registration registration;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeEach
    void registerPropagator() {
        registration = IouContext.register(PROPAGATOR);
    }

    @AfterEach
    void unregister() {
        registration.close();
        REQUEST.remove();
        pool.shutdownNow();
    }

    @Test
    void aSynchronousHandlerSeesTheContextItWasAddedInNotTheSettlersOne() throws Exception {
        IOU<String> iou = new IOU<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        REQUEST.set("request-A");
        IOU<String> handled = iou.addFulfilledHandler(v -> seen.add(REQUEST.get()) ? v : v);
        REQUEST.remove();

        List<String> settlerAfter = new CopyOnWriteArrayList<>();
        Thread settler = new Thread(() -> {
            REQUEST.set("request-B");
            iou.fulfill("x");
            settlerAfter.add(REQUEST.get());
        });
        settler.start();
        settler.join(WAIT.toMillis());

        assertThat(handled.await(WAIT)).isEqualTo("x");
        assertThat(seen).containsExactly("request-A");
        assertThat(settlerAfter).containsExactly("request-B");
    }

    @Test
    void handlersOnAPoolSeeTheirOwnContextAndLeaveThePoolThreadClean() throws Exception {
        IOU<String> iou = IOU.bound(pool);
        List<String> seen = new CopyOnWriteArrayList<>();
        REQUEST.set("request-A");
        IOU<String> a = iou.addFulfilledHandler(v -> v + "/" + REQUEST.get());
        REQUEST.set("request-C");
        IOU<String> c = iou.addFulfilledHandler(v -> v + "/" + REQUEST.get());
        REQUEST.set("request-B");
        iou.fulfill("x");

        assertThat(a.await(WAIT)).isEqualTo("x/request-A");
        assertThat(c.await(WAIT)).isEqualTo("x/request-C");
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> seen.add(String.valueOf(REQUEST.get()))).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(seen).containsOnly("null");
    }

    @Test
    void aHandlerAddedWithNoContextRunsWithNoneEvenOnAThreadThatHasOne() throws Exception {
        IOU<String> iou = new IOU<>();
        IOU<String> seen = iou.addFulfilledHandler(v -> String.valueOf(REQUEST.get()));
        REQUEST.set("request-B");
        iou.fulfill("x");

        assertThat(seen.await(WAIT)).isEqualTo("null");
        assertThat(REQUEST.get()).isEqualTo("request-B");
    }

    @Test
    void everyKindOfCallbackCarriesItsContext() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Function<String, String> record = kind -> {
            seen.add(kind + "=" + REQUEST.get());
            return kind;
        };
        IOU<String> fulfilled = new IOU<>();
        IOU<String> rejected = new IOU<>();
        IOU<String> cancelled = new IOU<>();
        REQUEST.set("request-A");
        fulfilled.addFulfilledConsumer(v -> record.apply("consumer"));
        fulfilled.then(v -> IOU.fulfilled(record.apply("then")));
        rejected.addRejectedHandler(e -> record.apply("recover"));
        rejected.addRejectedConsumer(e -> record.apply("failure consumer"));
        cancelled.onCancel(() -> record.apply("onCancel"));
        IOU<String> supplied = IOU.supply(pool, () -> record.apply("supply"));
        supplied.await(WAIT);
        REQUEST.set("request-B");

        CountDownLatch settled = new CountDownLatch(1);
        new Thread(() -> {
            REQUEST.set("settler");
            fulfilled.fulfill("x");
            rejected.reject(new IllegalStateException("down"));
            cancelled.cancel();
            settled.countDown();
        }).start();

        assertThat(settled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactlyInAnyOrder("supply=request-A", "consumer=request-A", "then=request-A",
                "recover=request-A", "failure consumer=request-A", "onCancel=request-A");
    }

    @Test
    void closingTheRegistrationStopsPropagating() throws Exception {
        registration.close();
        IOU<String> iou = new IOU<>();
        REQUEST.set("request-A");
        IOU<String> seen = iou.addFulfilledHandler(v -> String.valueOf(REQUEST.get()));
        REQUEST.set("request-B");
        iou.fulfill("x");

        assertThat(seen.await(WAIT)).isEqualTo("request-B");
    }

    @Test
    void registrationsClosedOutOfOrderLeaveTheLatestOpenOneInForce() throws Exception {
        ThreadLocal<String> other = new ThreadLocal<>();
        IouContextPropagator second = new IouContextPropagator() {

            @Override
            public Object capture() {
                return "second";
            }

            @Override
            public Scope restore(Object captured) {
                other.set((String) captured);
                return other::remove;
            }
        };
        IouHooks.Registration later = IouContext.register(second);
        // the first registration (an application context closing before a later one) goes first
        registration.close();
        assertThat(seenBy(other)).isEqualTo("second");

        IouHooks.Registration reopened = IouContext.register(PROPAGATOR);
        later.close();
        later.close();
        REQUEST.set("request-A");
        IOU<String> iou = new IOU<>();
        IOU<String> seen = iou.addFulfilledHandler(v -> REQUEST.get() + "/" + other.get());
        REQUEST.remove();
        iou.fulfill("x");
        assertThat(seen.await(WAIT)).isEqualTo("request-A/null");

        reopened.close();
        assertThat(seenBy(other)).isEqualTo("null");
    }

    /** What a handler added now and run on another thread reads from {@code local}. */
    private String seenBy(ThreadLocal<String> local) throws Exception {
        IOU<String> iou = IOU.bound(pool);
        IOU<String> seen = iou.addFulfilledHandler(v -> String.valueOf(local.get()));
        iou.fulfill("x");
        return seen.await(WAIT);
    }

    @Test
    void wrappedTasksCarryTheContextOfTheThreadThatWrappedThem() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        REQUEST.set("request-A");
        Runnable task = IouContext.wrap(() -> {
            seen.add(REQUEST.get());
        });
        Callable<String> call = IouContext.wrap(REQUEST::get);
        REQUEST.set("request-B");

        pool.submit(task).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(seen).containsExactly("request-A");
        assertThat(pool.submit(call).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("request-A");
        assertThat(call.call()).isEqualTo("request-A");
        assertThat(REQUEST.get()).isEqualTo("request-B");
    }
}
