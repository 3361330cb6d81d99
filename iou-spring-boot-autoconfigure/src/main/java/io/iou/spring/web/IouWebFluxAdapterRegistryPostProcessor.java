package io.iou.spring.web;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;

/**
 * Lets WebFlux controllers return IOUs: wraps the registry WebFlux reads its reactive types from,
 * the {@value #REGISTRY_BEAN_NAME} bean, in an {@link IouReactiveAdapterRegistry}. Every part of
 * WebFlux that receives that bean (handler adapter, result handlers, argument resolvers) then knows
 * IOU, and every other type is answered by the original registry.
 */
public class IouWebFluxAdapterRegistryPostProcessor implements BeanPostProcessor {

    /** The name of the registry bean WebFlux reads (see {@code WebFluxConfigurationSupport}). */
    public static final String REGISTRY_BEAN_NAME = "webFluxAdapterRegistry";

    private final Supplier<? extends ReactiveAdapter> iouAdapter;

    /**
     * Creates the post-processor.
     *
     * @param iouAdapter makes the IOU adapter, called once, when the registry bean is created (so
     * that what it needs is read late, not while post-processors are being set up)
     * @throws NullPointerException if {@code iouAdapter} is null
     */
    public IouWebFluxAdapterRegistryPostProcessor(Supplier<? extends ReactiveAdapter> iouAdapter) {
        this.iouAdapter = Objects.requireNonNull(iouAdapter, "iouAdapter");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (REGISTRY_BEAN_NAME.equals(beanName) && bean instanceof ReactiveAdapterRegistry registry
                && !(registry instanceof IouReactiveAdapterRegistry)) {
            return new IouReactiveAdapterRegistry(registry, iouAdapter.get());
        }
        return bean;
    }
}
