package io.iou.spring.boot.autoconfigure;

import io.iou.spring.diagnostics.IouTracker;
import io.iou.spring.diagnostics.IousEndpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracks pending IOUs unless {@code iou.diagnostics.enabled=false}, and shows them through the
 * {@code ious} actuator endpoint and the {@code iou.abandoned} metric (unless
 * {@code iou.metrics.enabled=false}).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "iou.diagnostics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IouDiagnosticsProperties.class)
public final class IouDiagnosticsAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouDiagnosticsAutoConfiguration() {
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    IouTracker iouTracker(IouDiagnosticsProperties properties) {
        return new IouTracker(properties.isCaptureCreationSite());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        IousEndpoint iousEndpoint(IouTracker tracker, IouDiagnosticsProperties properties) {
            return new IousEndpoint(tracker, properties.getMaxListed());
        }
    }

    /** The {@code iou.abandoned} metric is one of the iou.* metrics, so iou.metrics.enabled=false removes it too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBooleanProperty(name = "iou.metrics.enabled", matchIfMissing = true)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "iouAbandonedMetrics")
        MeterBinder iouAbandonedMetrics(IouTracker tracker) {
            return registry -> FunctionCounter.builder("iou.abandoned", tracker, IouTracker::abandonedCount)
                    .description("IOUs garbage collected while pending: nothing can ever settle them")
                    .register(registry);
        }
    }
}
