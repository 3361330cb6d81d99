package io.iou.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.iou.IOU;
import io.iou.IouTimer;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@IouVirtualTime
class VirtualIouTimerTests {

    @Test
    void aThirtySecondTimeoutFiresWhenTheClockHasMovedThirtySeconds(VirtualIouTimer time) {
        IOU<String> answer = new IOU<String>().timeout(Duration.ofSeconds(30));

        time.advance(Duration.ofSeconds(29));
        assertThat(answer).isPending();
        time.advance(Duration.ofSeconds(1));

        assertThat(answer).hasTimedOut().isNotCancelled();
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anIouThatSettlesInTimeDropsItsTimer(VirtualIouTimer time) {
        IOU<String> answer = new IOU<String>().timeout(Duration.ofSeconds(30));
        assertThat(time.pendingTasks()).isOne();

        answer.fulfill("in time");

        assertThat(time.pendingTasks()).isZero();
        time.advance(Duration.ofMinutes(1));
        assertThat(answer).isFulfilledWith("in time");
    }

    @Test
    void tasksRunInTheOrderTheyFallDueAndTiesInTheOrderTheyWereScheduled(VirtualIouTimer time) {
        List<String> ran = new CopyOnWriteArrayList<>();
        time.schedule(() -> ran.add("b at 2s"), Duration.ofSeconds(2));
        time.schedule(() -> ran.add("a at 1s"), Duration.ofSeconds(1));
        time.schedule(() -> ran.add("c at 2s"), Duration.ofSeconds(2));

        time.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("a at 1s", "b at 2s", "c at 2s");
    }

    @Test
    void aTaskScheduledWhileAdvancingRunsInTheSameAdvanceIfItFallsDueInTime(VirtualIouTimer time) {
        List<Duration> ran = new CopyOnWriteArrayList<>();
        time.schedule(() -> time.schedule(() -> ran.add(time.elapsed()), Duration.ofSeconds(3)), Duration.ofSeconds(1));

        time.advance(Duration.ofSeconds(3));
        assertThat(ran).isEmpty();
        time.advance(Duration.ofSeconds(1));

        assertThat(ran).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void aCancelledTaskNeverRuns(VirtualIouTimer time) {
        List<String> ran = new CopyOnWriteArrayList<>();
        IouTimer.Timeout timeout = time.schedule(() -> ran.add("ran"), Duration.ofSeconds(1));

        timeout.cancel();
        time.advance(Duration.ofSeconds(2));

        assertThat(ran).isEmpty();
        assertThat(time.untilNextTask()).isNull();
    }

    @Test
    void aFailingTaskFailsTheAdvanceOnceTheClockHasMoved(VirtualIouTimer time) {
        List<String> ran = new CopyOnWriteArrayList<>();
        time.schedule(() -> {
            throw new IllegalStateException("boom");
        }, Duration.ofSeconds(1));
        time.schedule(() -> ran.add("after"), Duration.ofSeconds(2));

        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> time.advance(Duration.ofSeconds(2)))
                .withCauseInstanceOf(IllegalStateException.class);
        assertThat(ran).containsExactly("after");
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void timeNeverGoesBack(VirtualIouTimer time) {
        assertThatIllegalArgumentException().isThrownBy(() -> time.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void closingPutsBackTheTimerUsedBefore(VirtualIouTimer time) {
        try (VirtualIouTimer inner = VirtualIouTimer.install()) {
            assertThat(IouTimer.current()).isSameAs(inner);
        }
        assertThat(IouTimer.current()).isSameAs(time);
    }

    @Test
    void untilNextTaskSaysHowFarToAdvance(VirtualIouTimer time) {
        new IOU<String>().timeout(Duration.ofMillis(1500));
        time.advance(Duration.ofMillis(500));

        assertThat(time.untilNextTask()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theExtensionInstallsTheTimerTheTestReceives(VirtualIouTimer time) {
        assertThat(IouTimer.current()).isSameAs(time);
        IOU<String> aYear = new IOU<String>().timeout(Duration.ofDays(365));
        time.advance(Duration.ofDays(365));
        assertThat(aYear).isRejectedWithInstanceOf(TimeoutException.class);
    }
}
