package io.iou.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.iou.spring.diagnostics.IouSchedulerHealthIndicator;
import io.iou.spring.diagnostics.IouSchedulerReadiness;
import io.iou.spring.scheduler.IouTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.iou.spring.scheduler.TestPools.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IouSchedulerHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                    IouSchedulerAutoConfiguration.class, IouSchedulerHealthAutoConfiguration.class))
            .withPropertyValues("iou.scheduler.core-size=1", "iou.scheduler.max-size=1",
                    "iou.scheduler.queue-capacity=1", "iou.diagnostics.saturation-window=300ms");

    @Test
    void upByDefaultWithPoolDetails() {
        runner.run(context -> {
            Health health = context.getBean(IouSchedulerHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("mode", "pool")
                    .containsEntry("maxSize", 1)
                    .containsEntry("queueRemaining", 1)
                    .containsEntry("saturated", false)
                    .containsKeys("active", "poolSize", "queued", "saturations", "saturatedFor");
            assertThat(context).doesNotHaveBean(IouSchedulerReadiness.class);
        });
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void withVirtualThreadsTheDetailsNameTheConcurrencyLimit() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true", "iou.scheduler.virtual.concurrency-limit=5")
                .run(context -> assertThat(context.getBean(IouSchedulerHealthIndicator.class).health().getDetails())
                        .containsEntry("mode", "virtual-threads")
                        .containsEntry("concurrencyLimit", 5)
                        .doesNotContainKeys("poolSize", "queued"));
    }

    @Test
    void switchedOffWithTheHealthProperty() {
        runner.withPropertyValues("management.health.iou.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IouSchedulerHealthIndicator.class));
    }

    @Test
    void staysUpWhileSaturatedAndSaysSoByDefault() {
        runner.run(context -> {
            IouSchedulerHealthIndicator indicator = context.getBean(IouSchedulerHealthIndicator.class);
            ApplicationAvailability availability = started(context);
            whileSaturated(context.getBean("iouTaskExecutor", IouTaskExecutor.class),
                    () -> Boolean.TRUE.equals(indicator.health().getDetails().get("saturated")));

            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        });
    }

    @Test
    void whenAskedReadinessAloneRefusesTrafficWhileSaturatedAndAcceptsItAgainAfter() {
        runner.withPropertyValues("iou.diagnostics.refuse-traffic-when-saturated=true").run(context -> {
            ApplicationAvailability availability = started(context);
            IouSchedulerHealthIndicator indicator = context.getBean(IouSchedulerHealthIndicator.class);

            whileSaturated(context.getBean("iouTaskExecutor", IouTaskExecutor.class),
                    () -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
            assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
        });
    }

    @Test
    void backsOffWhenUserDefinesTheHealthIndicator() {
        runner.withUserConfiguration(UserHealthIndicator.class).run(context -> {
            assertThat(context).doesNotHaveBean(IouSchedulerHealthIndicator.class);
            assertThat(context.getBean("iouSchedulerHealthIndicator", HealthIndicator.class).health().getDetails())
                    .containsEntry("by", "the application");
        });
    }

    @Test
    void backsOffWhenUserDefinesTheReadiness() {
        runner.withPropertyValues("iou.diagnostics.refuse-traffic-when-saturated=true")
                .withUserConfiguration(UserReadiness.class)
                .run(context -> assertThat(context).getBean(IouSchedulerReadiness.class)
                        .isSameAs(context.getBean("userReadiness")));
    }

    /** Publishes what a started SpringApplication would: live, and ready for traffic. */
    private static ApplicationAvailability started(ApplicationContext context) {
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        return context.getBean(ApplicationAvailability.class);
    }

    /**
     * Fills the one-thread pool and keeps offering it handlers, each refused, until {@code condition}
     * holds; then lets the pool drain.
     */
    private static void whileSaturated(IouTaskExecutor pool, Callable<Boolean> condition) {
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> awaitQuietly(release));
        pool.execute(() -> { });
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                refuse(pool);
                return condition.call();
            });
            assertThat(pool.getSaturationCount()).isPositive();
        }
        finally {
            release.countDown();
        }
    }

    private static void refuse(IouTaskExecutor pool) {
        try {
            pool.execute(() -> { });
        }
        catch (RejectedExecutionException expected) {
            // the point: a saturated pool refuses
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserHealthIndicator {

        @Bean
        HealthIndicator iouSchedulerHealthIndicator() {
            return () -> Health.up().withDetail("by", "the application").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserReadiness {

        @Bean
        IouSchedulerReadiness userReadiness(@Qualifier("iouTaskExecutor") Executor executor,
                ApplicationEventPublisher publisher, ApplicationAvailability availability) {
            return new IouSchedulerReadiness((IouTaskExecutor) executor, Duration.ofMinutes(1), publisher, availability);
        }
    }
}
