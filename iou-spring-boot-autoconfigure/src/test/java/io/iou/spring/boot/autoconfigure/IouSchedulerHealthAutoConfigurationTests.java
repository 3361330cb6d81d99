package io.iou.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;

import io.iou.spring.diagnostics.IouSchedulerHealthIndicator;
import io.iou.spring.scheduler.IouTaskExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IouSchedulerHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouSchedulerAutoConfiguration.class,
                    IouSchedulerHealthAutoConfiguration.class));

    @Test
    void upByDefaultWithPoolDetails() {
        runner.run(context -> {
            Health health = context.getBean(IouSchedulerHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKeys("active", "poolSize", "maxSize", "queued",
                    "queueRemaining", "saturations", "saturatedFor");
        });
    }

    @Test
    void switchedOffWithTheHealthProperty() {
        runner.withPropertyValues("management.health.iou.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IouSchedulerHealthIndicator.class));
    }

    @Test
    void outOfServiceOnceSaturatedForTheWindowAndUpAgainAfter() {
        runner.withPropertyValues("iou.scheduler.core-size=1", "iou.scheduler.max-size=1",
                "iou.scheduler.queue-capacity=1", "iou.diagnostics.saturation-window=300ms").run(context -> {
                    IouTaskExecutor pool = context.getBean("iouTaskExecutor", IouTaskExecutor.class);
                    IouSchedulerHealthIndicator indicator = context.getBean(IouSchedulerHealthIndicator.class);
                    CountDownLatch release = new CountDownLatch(1);
                    pool.execute(() -> awaitQuietly(release));
                    pool.execute(() -> { });
                    try {
                        // keep the pool saturated: every further handler is refused
                        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                            refuse(pool);
                            return indicator.health().getStatus().equals(Status.OUT_OF_SERVICE);
                        });
                        assertThat((Long) indicator.health().getDetails().get("saturations")).isPositive();
                    }
                    finally {
                        release.countDown();
                    }
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> indicator.health().getStatus().equals(Status.UP));
                });
    }

    @Test
    void badSaturationWindowFailsAtStartup() {
        runner.withPropertyValues("iou.diagnostics.saturation-window=0s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("iou.diagnostics.saturation-window must be positive"));
    }

    private static void refuse(IouTaskExecutor pool) {
        try {
            pool.execute(() -> { });
        }
        catch (RejectedExecutionException expected) {
            // the point: a saturated pool refuses
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
