package io.iou.spring.diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.iou.IOU;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IouTrackerTests {

    private IouTracker tracker;

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private IouTracker start(boolean sites) {
        tracker = new IouTracker(sites);
        tracker.start();
        return tracker;
    }

    @Test
    void listsPendingIousOldestFirstAndDropsThemAsTheySettle() {
        start(false);
        IOU<String> first = IOU.named("first");
        IOU<String> second = IOU.named("second");
        second.addFulfilledHandler(v -> v);

        assertThat(tracker.oldest(10)).extracting(IouTracker.PendingIou::name)
                .containsSubsequence("first", "second");
        assertThat(tracker.oldest(10)).filteredOn(p -> "second".equals(p.name()))
                .singleElement().satisfies(p -> {
                    assertThat(p.waitingHandlers()).isEqualTo(1);
                    assertThat(p.age()).isPositive();
                    assertThat(p.createdAt()).isNull();
                });

        first.fulfill("done");
        second.reject(new IllegalStateException("done"));
        second.getValue();

        assertThat(tracker.oldest(10)).extracting(IouTracker.PendingIou::name).doesNotContain("first", "second");
    }

    @Test
    void recordsTheCreationSiteOutsideIou() {
        start(true);
        IOU<String> iou = IOU.named("sited");
        assertThat(tracker.oldest(100)).filteredOn(p -> "sited".equals(p.name())).singleElement()
                .satisfies(p -> assertThat(p.createdAt())
                        .startsWith(IouTrackerTests.class.getName() + ".recordsTheCreationSiteOutsideIou"));
        iou.cancel();
    }

    @Test
    void anIouDroppedWhilePendingLeavesTheViewAndCountsAsAbandoned() {
        start(false);
        dropPendingIous(5);
        List<byte[]> pressure = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            pressure.add(new byte[1024]);
            return tracker.abandonedCount() >= 5;
        });
        assertThat(tracker.oldest(100)).extracting(IouTracker.PendingIou::name).doesNotContain("dropped");
    }

    @Test
    void settledIousAreNotCountedAsAbandonedWhenCollected() {
        start(false);
        for (int i = 0; i < 100; i++) {
            IOU.named("settled").fulfill("x");
        }
        dropPendingIous(1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return tracker.abandonedCount() >= 1;
        });
        assertThat(tracker.abandonedCount()).isEqualTo(1);
    }

    @Test
    void stopsTrackingWhenClosed() {
        start(false);
        tracker.close();
        IOU<String> untracked = IOU.named("untracked");
        assertThat(tracker.pendingCount()).isZero();
        untracked.cancel();
    }

    private static void dropPendingIous(int count) {
        for (int i = 0; i < count; i++) {
            IOU.named("dropped");
        }
    }
}
