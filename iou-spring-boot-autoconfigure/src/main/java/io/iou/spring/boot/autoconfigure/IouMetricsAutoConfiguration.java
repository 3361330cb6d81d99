package io.iou.spring.boot.autoconfigure;

import io.iou.spring.metrics.IouMetrics;
import io.iou.spring.metrics.IouNameTags;
import io.iou.spring.metrics.IouNamedMetrics;
import io.micrometer.core.instrument.MeterRegistry;

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
 * {@code name=iouTaskExecutor}).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "iou.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IouMetricsProperties.class)
public final class IouMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IouMetrics iouMetrics() {
        return new IouMetrics();
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
