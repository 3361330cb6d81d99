package io.iou.spring.boot.autoconfigure;

import io.iou.IOU;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.iou.spring.metrics.IouMetrics;
import io.iou.spring.metrics.IouSchedulerMetrics;
import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.IouTaskExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.iou.spring.scheduler.TestPools.WAIT;
import static io.iou.spring.scheduler.TestPools.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IouMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                IouSchedulerAutoConfiguration.class, IouMetricsAutoConfiguration.class));

    @Test
    void publishesIouMetricsInBootsRegistry() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(IouMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            double before = registry.get(IouMetrics.FULFILLED).functionCounter().count();

            new IOU<String>().fulfill("counted");

            assertThat(registry.get(IouMetrics.FULFILLED).functionCounter().count()).isEqualTo(before + 1);
            assertThat(registry.find(IouMetrics.PENDING).gauge()).isNotNull();
            assertThat(registry.find(IouMetrics.REJECTED).functionCounter()).isNotNull();
            assertThat(registry.find(IouMetrics.REJECTED_UNHANDLED).functionCounter()).isNotNull();
        });
    }

    @Test
    void backsOffWhenUserDefinesIouMetrics() {
        this.runner.withUserConfiguration(UserMetricsConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(IouMetrics.class);
            assertThat(context.getBean(IouMetrics.class)).isSameAs(context.getBean("userIouMetrics"));
        });
    }

    @Test
    void backsOffWhenUserDefinesTheSchedulerMetrics() {
        this.runner.withUserConfiguration(UserSchedulerMetricsConfiguration.class).run((context) -> {
            assertThat(context.getBean("iouSchedulerMetrics")).isSameAs(UserSchedulerMetricsConfiguration.BINDER);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find(IouSchedulerMetrics.SATURATIONS).meter()).isNull();
            assertThat(registry.find("user.scheduler").meter()).isNotNull();
        });
    }

    @Test
    void switchedOffByProperty() {
        this.runner.withPropertyValues("iou.metrics.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(IouMetrics.class);
            assertThat(context.getBean(MeterRegistry.class).find(IouMetrics.FULFILLED).meter()).isNull();
            assertThat(context).hasSingleBean(IouScheduler.class);
        });
    }

    @Test
    void needsAMeterRegistry() {
        new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(IouSchedulerAutoConfiguration.class, IouMetricsAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(IouMetrics.class).hasSingleBean(IouScheduler.class));
    }

    @Test
    void schedulerWorksWithoutMicrometerOnTheClasspath() {
        this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(IouMetrics.class);
            IouScheduler scheduler = context.getBean(IouScheduler.class);
            assertThat(scheduler.supply(() -> "ran").await(WAIT)).isEqualTo("ran");
        });
    }

    @Test
    void stopsCountingWhenTheContextCloses() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.close();
            double atClose = registry.get(IouMetrics.FULFILLED).functionCounter().count();

            new IOU<String>().fulfill("after close");

            assertThat(registry.get(IouMetrics.FULFILLED).functionCounter().count()).isEqualTo(atClose);
        });
    }

    @Test
    void bootsExecutorMetricsCoverTheIouPool() {
        this.runner
            .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
                    TaskExecutorMetricsAutoConfiguration.class))
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.find("executor.active")
                    .tag("name", IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME)
                    .gauge()).isNotNull();
                assertThat(registry.find("executor.active")
                    .tag("name", TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
                    .gauge()).isNotNull();
            });
    }

    @Test
    void saturationsOfTheIouExecutorAreCounted() {
        this.runner.withPropertyValues("iou.scheduler.core-size=1", "iou.scheduler.queue-capacity=0",
                "iou.scheduler.rejection-policy=caller-runs")
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                IouTaskExecutor pool = context.getBean(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME,
                        IouTaskExecutor.class);
                CountDownLatch release = new CountDownLatch(1);
                pool.execute(() -> awaitQuietly(release));
                try {
                    // the one thread is busy and there is no queue: this runs on the caller
                    pool.execute(() -> { });
                }
                finally {
                    release.countDown();
                }
                assertThat(registry.get(IouSchedulerMetrics.SATURATIONS)
                    .tag("name", IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME)
                    .functionCounter()
                    .count()).isEqualTo(1);
            });
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void withVirtualThreadsTheStarterPublishesTheExecutorMetersBootCannotRead() {
        this.runner
            .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
                    TaskExecutorMetricsAutoConfiguration.class))
            .withPropertyValues("spring.threads.virtual.enabled=true", "iou.scheduler.virtual.concurrency-limit=7")
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                String name = IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME;
                IouScheduler scheduler = context.getBean(IouScheduler.class);
                CountDownLatch release = new CountDownLatch(1);
                CountDownLatch started = new CountDownLatch(1);
                IOU<String> running = scheduler.supply(() -> {
                    started.countDown();
                    release.await();
                    return "done";
                });
                assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(registry.find("executor.active").tag("name", name).gauges()).singleElement()
                    .satisfies((active) -> assertThat(active.value()).isEqualTo(1));
                assertThat(registry.get("executor.pool.max").tag("name", name).gauge().value()).isEqualTo(7);
                double completed = registry.get("executor.completed").tag("name", name).functionCounter().count();
                release.countDown();
                running.await(WAIT);

                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(registry.get("executor.active").tag("name", name).gauge().value()).isZero();
                    assertThat(registry.get("executor.completed").tag("name", name).functionCounter().count())
                        .isEqualTo(completed + 1);
                });
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserSchedulerMetricsConfiguration {

        static final MeterBinder BINDER = (registry) -> registry.counter("user.scheduler");

        @Bean
        MeterBinder iouSchedulerMetrics() {
            return BINDER;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMetricsConfiguration {

        @Bean
        IouMetrics userIouMetrics() {
            return new IouMetrics();
        }
    }
}
