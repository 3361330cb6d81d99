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
 * Spring MVC controllers that return {@code IOU<T>}. Spring MVC reads the shared
 * {@code ReactiveAdapterRegistry}, where {@link IouReactiveAutoConfiguration} registers IOU for the
 * whole JVM, so controllers return {@code IOU<T>} with nothing more, answered asynchronously like a
 * {@code Mono} ({@code spring.mvc.async.request-timeout} bounds the wait). This context's handler
 * adapter gets its own view of that registry: one whose IOU adapter observes each response
 * ({@code iou.web.response}), or, with {@code iou.web.enabled=false}, one without IOU.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ RequestMappingHandlerAdapter.class, Publisher.class })
@EnableConfigurationProperties(IouWebProperties.class)
public final class IouWebMvcAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouWebMvcAutoConfiguration() {
    }

    // static, with a lazily read provider: a post-processor is created before ordinary beans
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "iou.web.enabled", matchIfMissing = true)
    static IouRequestMappingHandlerAdapterPostProcessor iouRequestMappingHandlerAdapterPostProcessor(
            ObjectProvider<ObservationRegistry> observationRegistry) {
        return new IouRequestMappingHandlerAdapterPostProcessor(() -> IouResponseObservation.observing(
                new IouReactiveAdapter(), observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP)));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "iou.web.enabled", havingValue = false)
    static IouRequestMappingHandlerAdapterPostProcessor iouRequestMappingHandlerAdapterPostProcessorWithoutIou() {
        return new IouRequestMappingHandlerAdapterPostProcessor(() -> null);
    }
}
