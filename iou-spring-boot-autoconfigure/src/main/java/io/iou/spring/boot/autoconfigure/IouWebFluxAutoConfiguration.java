package io.iou.spring.boot.autoconfigure;

import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.config.WebFluxConfigurationSupport;

import io.iou.IOU;
import io.iou.spring.observation.IouResponseObservation;
import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.web.IouReactiveAdapter;
import io.iou.spring.web.IouResponseTimeout;
import io.iou.spring.web.IouWebFluxAdapterRegistryPostProcessor;

/**
 * Lets WebFlux controllers return {@code IOU<T>}: registers the {@link IouReactiveAdapter} bean in
 * WebFlux's own registry. Responses wait at most {@code iou.web.timeout} (503 after that): WebFlux
 * has no request timeout of its own, and the default of 30 seconds is what Tomcat gives a Spring MVC
 * async request. IOUs WebFlux makes from request bodies ({@code @RequestBody IOU<T>}) are bound to
 * the {@link IouScheduler} when there is exactly one, so their handlers run on its pool. Each response is observed
 * ({@code iou.web.response}) when there is an {@link ObservationRegistry}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(WebFluxConfigurationSupport.class)
@ConditionalOnBooleanProperty(name = "iou.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IouWebProperties.class)
public final class IouWebFluxAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouWebFluxAutoConfiguration() {
    }

    // static, with a lazily read provider: a post-processor is created before ordinary beans
    @Bean
    @ConditionalOnMissingBean
    static IouWebFluxAdapterRegistryPostProcessor iouWebFluxAdapterRegistryPostProcessor(
            ObjectProvider<IouReactiveAdapter> adapter, ObjectProvider<ObservationRegistry> observationRegistry) {
        return new IouWebFluxAdapterRegistryPostProcessor(() -> IouResponseObservation.observing(adapter.getObject(),
                observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP)));
    }

    @Bean
    @ConditionalOnMissingBean
    IouReactiveAdapter iouWebFluxReactiveAdapter(IouWebProperties properties, ObjectProvider<IouScheduler> scheduler) {
        IouScheduler iouScheduler = scheduler.getIfUnique();
        Supplier<IOU<?>> newIou = iouScheduler != null ? iouScheduler::newIou : IOU::new;
        return new IouReactiveAdapter(properties.hasTimeout() ? new IouResponseTimeout(properties.getTimeout()) : null,
                newIou);
    }
}
