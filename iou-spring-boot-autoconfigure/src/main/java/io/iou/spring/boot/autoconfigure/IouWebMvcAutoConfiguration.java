package io.iou.spring.boot.autoconfigure;

import org.reactivestreams.Publisher;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import io.iou.spring.web.IouRequestMappingHandlerAdapterPostProcessor;

/**
 * Keeps IOU out of Spring MVC controllers when {@code iou.web.enabled=false}. Spring MVC reads
 * the shared {@code ReactiveAdapterRegistry}, where {@link IouReactiveAutoConfiguration} registers
 * IOU for the whole JVM, so by default controllers return {@code IOU<T>} with nothing more, answered
 * asynchronously like a {@code Mono} ({@code spring.mvc.async.request-timeout} bounds the wait).
 * Switched off, this context's handler adapter gets a view of that registry without IOU.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ RequestMappingHandlerAdapter.class, Publisher.class })
@ConditionalOnBooleanProperty(name = "iou.web.enabled", havingValue = false)
@EnableConfigurationProperties(IouWebProperties.class)
public final class IouWebMvcAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouWebMvcAutoConfiguration() {
    }

    // static: a post-processor is created before ordinary beans
    @Bean
    @ConditionalOnMissingBean
    static IouRequestMappingHandlerAdapterPostProcessor iouRequestMappingHandlerAdapterPostProcessor() {
        return new IouRequestMappingHandlerAdapterPostProcessor(() -> null);
    }
}
