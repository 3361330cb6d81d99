package io.iou.spring.http;

import java.util.Objects;

import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.ReactorHttpExchangeAdapter;
import org.springframework.web.service.invoker.ReactorHttpExchangeAdapterDecorator;

import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.web.IouReactiveAdapter;
import io.iou.spring.web.IouReactiveAdapterRegistry;

/**
 * Binds the IOUs that HTTP interface clients of Spring's HTTP service groups
 * ({@code @ImportHttpServices}, {@code spring.http.serviceclient.*}) return to an {@link IouScheduler},
 * so that handlers added to them run on its pool, never on the event loop that delivered the
 * response: the threading rule of {@link IouHttpReactor}. Every other return type is adapted as the
 * shared {@link ReactiveAdapterRegistry} adapts it.
 *
 * <p>Clients made with {@code HttpServiceProxyFactory} directly read the shared registry, whose IOUs
 * are not bound to an executor: their handlers run on the thread that settles them, as those of a
 * {@code CompletableFuture} would.
 */
public class IouHttpServiceGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

    private final ReactiveAdapterRegistry registry;

    /**
     * Creates the configurer.
     *
     * @param scheduler the scheduler IOUs of group clients are bound to
     * @throws NullPointerException if {@code scheduler} is null
     */
    public IouHttpServiceGroupConfigurer(IouScheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        this.registry = new IouReactiveAdapterRegistry(ReactiveAdapterRegistry.getSharedInstance(),
                new IouReactiveAdapter(null, scheduler::newIou));
    }

    @Override
    public void configureGroups(Groups<WebClient.Builder> groups) {
        groups.forEachProxyFactory((group, factory) -> factory.exchangeAdapterDecorator(this::bindIous));
    }

    private HttpExchangeAdapter bindIous(HttpExchangeAdapter adapter) {
        if (!(adapter instanceof ReactorHttpExchangeAdapter)) {
            return adapter;
        }
        return new ReactorHttpExchangeAdapterDecorator(adapter) {

            @Override
            public ReactiveAdapterRegistry getReactiveAdapterRegistry() {
                return registry;
            }
        };
    }
}
