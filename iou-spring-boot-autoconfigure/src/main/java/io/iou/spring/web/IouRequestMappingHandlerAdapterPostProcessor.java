package io.iou.spring.web;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.ReactiveAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Lets Spring MVC controllers return IOUs. A {@link RequestMappingHandlerAdapter} reads
 * {@link org.springframework.core.ReactiveAdapterRegistry#getSharedInstance() the JVM-wide shared
 * registry} unless given one, and builds its return value handlers from it in
 * {@code afterPropertiesSet}; so, before that, this gives it an {@link IouReactiveAdapterRegistry}
 * wrapping the registry it had. The shared registry itself is left untouched.
 *
 * <p>An IOU is then handled as a {@code Mono} is: through a {@code DeferredResult}, so the request
 * thread is released, {@code spring.mvc.async.request-timeout} applies (503, and the response
 * withdraws from the IOU, cancelling it unless something else wants it), and the value or rejection is processed in an async dispatch with the application's
 * message converters and exception handling.
 */
public class IouRequestMappingHandlerAdapterPostProcessor implements BeanPostProcessor {

    private final Supplier<? extends ReactiveAdapter> iouAdapter;

    /**
     * Creates the post-processor.
     *
     * @param iouAdapter makes the IOU adapter, called once per handler adapter
     * @throws NullPointerException if {@code iouAdapter} is null
     */
    public IouRequestMappingHandlerAdapterPostProcessor(Supplier<? extends ReactiveAdapter> iouAdapter) {
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
