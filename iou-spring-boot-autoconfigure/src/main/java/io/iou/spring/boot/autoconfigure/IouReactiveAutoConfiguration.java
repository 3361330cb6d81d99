package io.iou.spring.boot.autoconfigure;

import org.reactivestreams.Publisher;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ReactiveAdapterRegistry;

import io.iou.spring.web.IouReactiveAdapter;

/**
 * Makes IOU a Spring async type: registers it in {@link ReactiveAdapterRegistry#getSharedInstance()
 * the shared registry}, so that HTTP interface clients ({@code @HttpExchange}), Spring MVC
 * controllers, messaging handlers and everything else that reads that registry accept IOU as they
 * accept {@code CompletableFuture}. The registry is JVM-wide, so the registration carries no
 * setting of this context: no timeout, and IOUs made from publishers are not bound to an executor.
 *
 * <p>It is made by a bean factory post-processor, before any ordinary bean is created: Spring reads
 * the registry when it creates an HTTP service proxy, so a later registration would come too late
 * for proxies created earlier. The first registration in the JVM stays; later contexts find IOU
 * registered and change nothing.
 */
@AutoConfiguration
@ConditionalOnClass(Publisher.class)
public final class IouReactiveAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouReactiveAutoConfiguration() {
    }

    // static: a bean factory post-processor is created before ordinary beans
    @Bean
    @ConditionalOnMissingBean(name = "iouSharedReactiveAdapterRegistration")
    static BeanFactoryPostProcessor iouSharedReactiveAdapterRegistration() {
        return beanFactory -> IouReactiveAdapter.registerWithSharedInstance();
    }
}
