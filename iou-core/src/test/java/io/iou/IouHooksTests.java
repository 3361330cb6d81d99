package io.iou;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The lifecycle hook SPI. */
class IouHooksTests {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void restore() {
        IouHooks.reset();
    }

    @Test
    @SuppressWarnings("try")
    void hooksSeeCreationAndEachSettlementOnce() {
        try (IouHooks.Registration registration = IouHooks.register(recording("a"))) {
            IOU<String> iou = new IOU<>();
            IOU<String> derived = iou.addFulfilledHandler(v -> v);
            iou.fulfill("x");
            iou.fulfill("again");
            IOU<String> rejected = new IOU<>();
            rejected.addRejectedConsumer(e -> { });
            rejected.reject(new RuntimeException("r"));
            assertThat(derived.isFulfilled()).isTrue();
        }
        assertThat(events).containsExactly("a created", "a created", "a fulfilled", "a fulfilled",
                "a created", "a created", "a rejected r", "a fulfilled");
    }

    @Test
    void severalHooksAllSeeEventsInRegistrationOrderAndCloseRemovesOne() {
        IouHooks.Registration first = IouHooks.register(recording("1"));
        IouHooks.register(recording("2"));
        IOU.fulfilled("x");
        first.close();
        first.close();
        IOU.fulfilled("y");
        assertThat(events).containsExactly("1 created", "2 created", "1 fulfilled", "2 fulfilled",
                "2 created", "2 fulfilled");
    }

    @Test
    void aFailingHookNeitherBreaksTheIouNorGoesUnreported() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IouHooks.setUnhandledRejectionHandler(reported::add);
        IllegalStateException hookFailure = new IllegalStateException("hook failed");
        IouHooks.register(new IouHook() {
            @Override
            public void fulfilled(IOU<?> iou) {
                throw hookFailure;
            }
        });
        IOU<Integer> iou = new IOU<>();
        IOU<Integer> derived = iou.addFulfilledHandler(v -> v + 1);
        assertThat(iou.fulfill(1)).isTrue();
        assertThat(derived.getValue()).isEqualTo(2);
        assertThat(reported).containsExactly(hookFailure, hookFailure);
    }

    @Test
    @SuppressWarnings("try")
    void cancellationsAndTimeoutsAreToldApartFromRejections() {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        IouHooks.register(new IouHook() {
            @Override
            public void rejected(IOU<?> iou, Throwable reason) {
                outcomes.add("rejected " + reason.getClass().getSimpleName());
            }

            @Override
            public void cancelled(IOU<?> iou, Throwable reason) {
                outcomes.add("cancelled " + reason.getClass().getSimpleName());
            }
        });
        List<Runnable> due = new CopyOnWriteArrayList<>();
        try (IouHooks.Registration timer = IouTimer.replace((task, delay) -> {
            due.add(task);
            return () -> { };
        })) {
            IOU<String> upstream = new IOU<>();
            IOU<String> dependent = upstream.addFulfilledHandler(v -> v);
            dependent.addRejectedConsumer(e -> { });
            upstream.cancel();
            new IOU<String>().timeout(java.time.Duration.ofSeconds(1));
            due.forEach(Runnable::run);
            IOU.rejected(new IllegalStateException("failed")).getValue();
        }
        assertThat(outcomes).containsExactly("cancelled IouCancellationException", "cancelled IouCancellationException",
                "cancelled TimeoutException", "rejected IllegalStateException");
    }

    @Test
    void aHookThatDoesNotTellCancellationsApartSeesThemAsRejections() {
        IouHooks.register(recording("a"));
        new IOU<String>().cancel();
        assertThat(events).containsExactly("a created", "a rejected IOU was cancelled");
    }

    @Test
    void registeringNullIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> IouHooks.register(null)).withMessage("hook");
    }

    private IouHook recording(String name) {
        return new IouHook() {
            @Override
            public void created(IOU<?> iou) {
                events.add(name + " created");
            }

            @Override
            public void fulfilled(IOU<?> iou) {
                events.add(name + " fulfilled");
            }

            @Override
            public void rejected(IOU<?> iou, Throwable reason) {
                events.add(name + " rejected " + reason.getMessage());
            }
        };
    }
}
