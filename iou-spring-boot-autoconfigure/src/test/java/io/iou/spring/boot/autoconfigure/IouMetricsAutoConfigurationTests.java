package io.iou.spring.boot.autoconfigure;

import io.iou.IOU;
import io.iou.spring.metrics.IouMetrics;
import io.iou.spring.scheduler.IouScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

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
import static org.assertj.core.api.Assertions.assertThat;

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

    @Configuration(proxyBeanMethods = false)
    static class UserMetricsConfiguration {

        @Bean
        IouMetrics userIouMetrics() {
            return new IouMetrics();
        }
    }
}
