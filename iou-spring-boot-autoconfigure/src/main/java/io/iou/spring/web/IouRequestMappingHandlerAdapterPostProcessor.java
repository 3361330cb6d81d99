package io.iou.spring.web;

import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.ReactiveAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Gives Spring MVC controllers of one application context their own answer for IOU. A
 * {@link RequestMappingHandlerAdapter} reads
 * {@link org.springframework.core.ReactiveAdapterRegistry#getSharedInstance() the JVM-wide shared
 * registry} unless given one, and builds its return value handlers from it in
 * {@code afterPropertiesSet}; so, before that, this gives it an {@link IouReactiveAdapterRegistry}
 * wrapping the registry it had, which answers for IOU with the supplied adapter, or with none.
 *
 * <p>The starter needs it only to switch IOU off ({@code iou.web.enabled=false}): with IOU in the
 * shared registry, Spring MVC handles an IOU as it handles a {@code Mono}, through a
 * {@code DeferredResult}, so the request thread is released, {@code spring.mvc.async.request-timeout}
 * applies (503, and the IOU's interest is withdrawn), and the value or rejection is processed in an
 * async dispatch with the application's message converters and exception handling.
 */
public class IouRequestMappingHandlerAdapterPostProcessor implements BeanPostProcessor {

    private final Supplier<? extends @Nullable ReactiveAdapter> iouAdapter;

    /**
     * Creates the post-processor.
     *
     * @param iouAdapter makes the IOU adapter, called once per handler adapter; it may return
     * {@code null}, to keep IOU out of the handler adapter
     * @throws NullPointerException if {@code iouAdapter} is null
     */
    public IouRequestMappingHandlerAdapterPostProcessor(Supplier<? extends @Nullable ReactiveAdapter> iouAdapter) {
        this.iouAdapter = Objects.requireNonNull(iouAdapter, "iouAdapter");
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof RequestMappingHandlerAdapter handlerAdapter
                && !(handlerAdapter.getReactiveAdapterRegistry() instanceof IouReactiveAdapterRegistry)) {
            handlerAdapter.setReactiveAdapterRegistry(
                    new IouReactiveAdapterRegistry(handlerAdapter.getReactiveAdapterRegistry(), iouAdapter.get()));
        }
        return bean;
    }
}
