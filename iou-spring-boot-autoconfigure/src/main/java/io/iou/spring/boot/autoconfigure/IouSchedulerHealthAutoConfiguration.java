package io.iou.spring.boot.autoconfigure;

import java.util.concurrent.Executor;

import io.iou.spring.diagnostics.IouSchedulerHealthIndicator;
import io.iou.spring.diagnostics.IouSchedulerReadiness;
import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.IouTaskExecutor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The IOU scheduler's health indicator ({@code iouScheduler} in {@code /actuator/health}), always UP
 * with the executor's details; switched off with {@code management.health.iou.enabled=false}. With
 * {@code iou.diagnostics.refuse-traffic-when-saturated=true}, an executor saturated for the
 * saturation window turns readiness (only) to REFUSING_TRAFFIC until it recovers.
 */
@AutoConfiguration(after = { IouSchedulerAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class })
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

    /** Readiness that follows saturation, for applications that ask for it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("iou.diagnostics.refuse-traffic-when-saturated")
    @ConditionalOnBean(ApplicationAvailability.class)
    static class ReadinessConfiguration {

        @Bean
        @ConditionalOnMissingBean
        IouSchedulerReadiness iouSchedulerReadiness(
                @Qualifier(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME) Executor executor,
                IouDiagnosticsProperties properties, ApplicationEventPublisher publisher,
                ApplicationAvailability availability) {
            if (!(executor instanceof IouTaskExecutor iouExecutor)) {
                throw new IllegalStateException("iou.diagnostics.refuse-traffic-when-saturated needs the IOU executor "
                        + "to be an IouTaskExecutor, which can tell when it is saturated, but the application's "
                        + IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME + " is a " + executor.getClass().getName());
            }
            return new IouSchedulerReadiness(iouExecutor, properties.getSaturationWindow(), publisher, availability);
        }
    }
}
