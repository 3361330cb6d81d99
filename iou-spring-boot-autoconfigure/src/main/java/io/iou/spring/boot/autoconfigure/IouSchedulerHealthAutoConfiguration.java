package io.iou.spring.boot.autoconfigure;

import io.iou.spring.diagnostics.IouSchedulerHealthIndicator;
import io.iou.spring.scheduler.IouScheduler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The IOU scheduler's health indicator ({@code iouScheduler} in {@code /actuator/health}); switched off
 * with {@code management.health.iou.enabled=false}.
 */
@AutoConfiguration(after = IouSchedulerAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(IouScheduler.class)
@ConditionalOnEnabledHealthIndicator("iou")
@EnableConfigurationProperties(IouDiagnosticsProperties.class)
public final class IouSchedulerHealthAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouSchedulerHealthAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "iouSchedulerHealthIndicator")
    IouSchedulerHealthIndicator iouSchedulerHealthIndicator(IouScheduler scheduler,
            IouDiagnosticsProperties properties) {
        return new IouSchedulerHealthIndicator(scheduler, properties.getSaturationWindow());
    }
}
