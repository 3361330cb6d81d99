package io.iou.spring.boot.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import org.reactivestreams.Publisher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import io.iou.spring.observation.IouResponseObservation;
import io.iou.spring.web.IouReactiveAdapter;
import io.iou.spring.web.IouRequestMappingHandlerAdapterPostProcessor;

/**
 * Lets Spring MVC controllers return {@code IOU<T>}, answered asynchronously like a {@code Mono}:
 * {@code spring.mvc.async.request-timeout} bounds the wait. Each response is observed
 * ({@code iou.web.response}) when there is an {@link ObservationRegistry}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ RequestMappingHandlerAdapter.class, Publisher.class })
@ConditionalOnBooleanProperty(name = "iou.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IouWebProperties.class)
public final class IouWebMvcAutoConfiguration {

    // static: a post-processor is created before ordinary beans
    @Bean
    @ConditionalOnMissingBean
    static IouRequestMappingHandlerAdapterPostProcessor iouRequestMappingHandlerAdapterPostProcessor(
            ObjectProvider<ObservationRegistry> observationRegistry) {
        return new IouRequestMappingHandlerAdapterPostProcessor(() -> IouResponseObservation.observing(
                new IouReactiveAdapter(), observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP)));
    }
}
