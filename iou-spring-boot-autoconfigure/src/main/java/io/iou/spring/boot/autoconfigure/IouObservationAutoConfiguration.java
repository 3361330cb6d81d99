package io.iou.spring.boot.autoconfigure;

import io.iou.spring.metrics.IouNameTags;
import io.iou.spring.metrics.IouObservationMeterDescriptions;
import io.iou.spring.observation.NamedIouObservations;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observes named IOUs ({@code iou.named.settle}) with the application's {@link ObservationRegistry}:
 * a timer by name and outcome and, with Micrometer Tracing, a span each. Names share the bound of the
 * IOU meters ({@code iou.metrics.max-names}). Like any observation it is switched off with
 * {@code management.observations.enable.iou.named.settle=false} ({@code ...enable.iou=false} switches
 * off every IOU observation: HTTP reactor tasks and controller responses too).
 */
@AutoConfiguration(after = IouMetricsAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@EnableConfigurationProperties(IouMetricsProperties.class)
public final class IouObservationAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouObservationAutoConfiguration() {
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    NamedIouObservations namedIouObservations(ObservationRegistry observationRegistry,
            ObjectProvider<IouNameTags> nameTags, IouMetricsProperties properties) {
        return new NamedIouObservations(observationRegistry,
                nameTags.getIfAvailable(() -> new IouNameTags(properties.getMaxNames())));
    }

    /** Descriptions of the timers the IOU observations become, which the meter handler leaves without. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterFilter.class)
    static class MeterDescriptionsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        IouObservationMeterDescriptions iouObservationMeterDescriptions() {
            return new IouObservationMeterDescriptions();
        }
    }
}
