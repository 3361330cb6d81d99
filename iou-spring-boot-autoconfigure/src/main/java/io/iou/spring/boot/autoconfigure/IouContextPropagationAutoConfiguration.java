package io.iou.spring.boot.autoconfigure;

import io.iou.spring.context.IouContextSnapshotPropagator;
import io.iou.spring.context.IouContextTaskDecorator;
import io.iou.spring.scheduler.IouSchedulerCustomizer;
import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Carries thread-local context (MDC, the current observation and trace span, the security context)
 * from where each IOU handler is added to wherever it runs, through Micrometer's context propagation;
 * switched off with {@code iou.context-propagation.enabled=false}.
 *
 * <p>The propagator is JVM-wide (the IOU core has one): each application context registers its own
 * while it runs, and the latest one still running is in force.
 */
@AutoConfiguration(before = IouSchedulerAutoConfiguration.class)
@ConditionalOnClass(ContextSnapshotFactory.class)
@ConditionalOnBooleanProperty(name = "iou.context-propagation.enabled", matchIfMissing = true)
public final class IouContextPropagationAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouContextPropagationAutoConfiguration() {
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    IouContextSnapshotPropagator iouContextPropagator() {
        return new IouContextSnapshotPropagator();
    }

    /** Plain tasks given to the pool carry their submitter's context; IOU handlers carry their own. */
    @Bean
    @ConditionalOnMissingBean(name = "iouContextPropagationCustomizer")
    @Order(Ordered.HIGHEST_PRECEDENCE)
    IouSchedulerCustomizer iouContextPropagationCustomizer() {
        IouContextTaskDecorator decorator = new IouContextTaskDecorator();
        return (executor) -> executor.setTaskDecorator(decorator);
    }
}
