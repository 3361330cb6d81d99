package io.iou.spring.boot.autoconfigure;

import java.util.concurrent.Executor;

import io.iou.spring.metrics.IouMetrics;
import io.iou.spring.metrics.IouNameTags;
import io.iou.spring.metrics.IouNamedMetrics;
import io.iou.spring.metrics.IouSchedulerMetrics;
import io.iou.spring.scheduler.IouTaskExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link IouMetrics} binder, which Spring Boot binds to its meter registry.
 * The pool's own metrics come from Boot's executor metrics ({@code executor.*}, tag
 * {@code name=iouTaskExecutor}); with virtual threads, which Boot's cannot read, from
 * {@link IouSchedulerMetrics}, with {@code iou.scheduler.saturations} in either mode.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "iou.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IouMetricsProperties.class)
public final class IouMetricsAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    IouMetrics iouMetrics() {
        return new IouMetrics();
    }

    /** Saturations of the IOU executor, and with virtual threads the executor meters Boot binds only to pools. */
    @Bean
    @ConditionalOnMissingBean(name = "iouSchedulerMetrics")
    MeterBinder iouSchedulerMetrics(
            @Qualifier(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor) {
        return (registry) -> {
            if (executor.getIfAvailable() instanceof IouTaskExecutor iouExecutor) {
                new IouSchedulerMetrics(iouExecutor, IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME)
                    .bindTo(registry);
            }
        };
    }

    /** The bound on IOU names that every IOU meter and observation of the application shares. */
    @Bean
    @ConditionalOnMissingBean
    IouNameTags iouNameTags(IouMetricsProperties properties) {
        return new IouNameTags(properties.getMaxNames());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    IouNamedMetrics iouNamedMetrics(IouNameTags nameTags) {
        return new IouNamedMetrics(nameTags);
    }
}
