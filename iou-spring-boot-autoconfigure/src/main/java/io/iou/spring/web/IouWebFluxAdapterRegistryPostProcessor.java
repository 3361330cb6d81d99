package io.iou.spring.web;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;

/**
 * Lets WebFlux controllers return IOUs: registers an {@link IouReactiveAdapter} in the registry
 * WebFlux reads its reactive types from, the {@value #REGISTRY_BEAN_NAME} bean. That registry is the
 * application context's own (not the JVM-wide shared one), so its adapter carries the context's
 * settings: the response timeout, and the scheduler that IOUs made from request bodies are bound to.
 * Every part of WebFlux that receives the bean (handler adapter, result handlers, argument
 * resolvers) then knows IOU.
 */
public class IouWebFluxAdapterRegistryPostProcessor implements BeanPostProcessor {

    /** The name of the registry bean WebFlux reads (see {@code WebFluxConfigurationSupport}). */
    public static final String REGISTRY_BEAN_NAME = "webFluxAdapterRegistry";

    private final Supplier<? extends ReactiveAdapter> iouAdapter;

    /**
     * Creates the post-processor.
     *
     * @param iouAdapter makes the IOU adapter (an {@link IouReactiveAdapter}, or one that wraps it),
     * called once, when the registry bean is created (so that what it needs is read late, not while
     * post-processors are being set up)
     * @throws NullPointerException if {@code iouAdapter} is null
     */
    public IouWebFluxAdapterRegistryPostProcessor(Supplier<? extends ReactiveAdapter> iouAdapter) {
        this.iouAdapter = Objects.requireNonNull(iouAdapter, "iouAdapter");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (REGISTRY_BEAN_NAME.equals(beanName) && bean instanceof ReactiveAdapterRegistry registry) {
            IouReactiveAdapter.register(iouAdapter.get(), registry);
        }
        return bean;
    }
}
