package io.iou;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unhandled rejections are reported exactly once, when the rejected IOU becomes unreachable without
 * anything having observed the rejection; handled ones never are.
 */
class IOUUnhandledRejectionTests {

    private final List<Throwable> reported = new CopyOnWriteArrayList<>();

    private final List<Throwable> hookSaw = new CopyOnWriteArrayList<>();

    @BeforeEach
    void captureReports() {
        IouHooks.setUnhandledRejectionHandler(reason -> {
            if (madeHere(reason)) {
                reported.add(reason);
            }
        });
        IouHooks.register(new IouHook() {
            @Override
            public void unhandledRejection(Throwable reason) {
                if (madeHere(reason)) {
                    hookSaw.add(reason);
                }
            }
        });
    }

    /**
     * Whether this class made {@code reason}: rejections that other tests in the JVM left unhandled
     * are reported whenever a collection finds them, in the middle of these tests too.
     */
    private static boolean madeHere(Throwable reason) {
        return Arrays.stream(reason.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(IOUUnhandledRejectionTests.class.getName()));
    }

    @AfterEach
    void restore() {
        IouHooks.reset();
    }

    @Test
    void rejectionNobodyHandlesIsReportedOnceToHandlerAndHooks() {
        RuntimeException lost = new RuntimeException("lost");
        rejectAndDrop(lost);
        awaitGc(() -> !reported.isEmpty());
        // more collections cannot report it again
        awaitGc(() -> true);
        assertThat(reported).containsExactly(lost);
        assertThat(hookSaw).containsExactly(lost);
    }

    @Test
    void onlyTheEndOfAnUnhandledChainIsReported() {
        RuntimeException lost = new RuntimeException("end of chain");
        dropChain(lost);
        awaitGc(() -> !reported.isEmpty());
        assertThat(reported).containsExactly(lost);
    }

    @Test
    void handledRejectionsAreNeverReported() {
        RuntimeException marker = new RuntimeException("marker: proves the GC ran");
        for (int i = 0; i < 100; i++) {
            IOU<String> handledBefore = new IOU<>();
            handledBefore.addRejectedConsumer(e -> { });
            handledBefore.reject(new RuntimeException("handled before"));
            IOU<String> handledAfter = IOU.rejected(new RuntimeException("handled after"));
            handledAfter.addRejectedHandler(e -> "recovered");
            IOU.rejected(new RuntimeException("read")).getValue();
            IOU.all(IOU.rejected(new RuntimeException("joined")), IOU.fulfilled("x")).addRejectedConsumer(e -> { });
            IOU<String> chainedTarget = new IOU<>();
            chainedTarget.addRejectedConsumer(e -> { });
            IOU.<String>rejected(new RuntimeException("chained")).addRejectedHandler(chainedTarget);
            new IOU<String>().cancel();
        }
        rejectAndDrop(marker);
        awaitGc(() -> !reported.isEmpty());
        assertThat(reported).containsExactly(marker);
    }

    @Test
    void onCancelWatchersDoNotCountAsHandling() {
        RuntimeException lost = new RuntimeException("only watched for cancel");
        IOU<String> iou = new IOU<String>().onCancel(() -> { });
        iou.reject(lost);
        iou = null;
        awaitGc(() -> !reported.isEmpty());
        assertThat(reported).containsExactly(lost);
    }

    private static void rejectAndDrop(Throwable reason) {
        new IOU<String>().reject(reason);
    }

    private static void dropChain(Throwable reason) {
        IOU<Integer> head = new IOU<>();
        head.addFulfilledHandler(v -> v + 1).addFulfilledHandler(v -> v * 2);
        head.reject(reason);
    }

    /** Collects garbage until {@code done} holds, bounded in time. */
    private static void awaitGc(BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .alias("condition reached within the GC loop")
                .until(() -> {
                    System.gc();
                    return done.getAsBoolean();
                });
    }
}
